"""What makes a sentence at LiNT-II level 4 hard for a B1 reader (LB402), beyond its score.

LiNT-II's score alone cries wolf: a short plain sentence with one name, one title or one
long but ordinary compound ("huurverlaging", "lezerspanel") reaches level 4 as easily as a
sentence full of officialese. LB402 reports a sentence only when it also shows at least
``min-evidence`` (2) points of what an editor would change:

- a hard word (one point each; a compound of ``long-word`` letters or more, two): a rare word
  that is not a known word, an inflection of one or a compound of known words (wordfreq's
  Dutch frequencies, as ``rare_words`` decides, below Zipf ``rare-zipf``), or a compound of
  ``compound-letters`` letters or more that is itself uncommon ("inkomensafhankelijke",
  "onderhoudsgebreken"). Never a name, a number, a placeholder, a title in quotes or a word in
  brackets (the explanation of a term: "een tussenpersoon (intermediair)");
- officialese (one point each): the words and phrases of the officialese rule packs (category
  ``ambtelijk``) where those rules would report them, "dient … te" + infinitive, "en/of";
- jargon (one point each): a term of the jargon rule packs (category ``jargon``) that the
  letter does not explain anywhere (as the jargon rule decides);
- a passive without a doer ("wordt … behaald"; one point for any number);
- a subject that holds a clause before its verb ("De vragen die omwonenden … hebben gesteld,
  zijn beantwoord"): one point from ``subject-gap`` (5) words between the subject and its
  verb, two from ``long-subject-gap`` (10): the reader holds the subject all that time.

The finding names exactly these, so a writer knows what to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from lint_brieven.checks import sentence_words
from lint_brieven.checks.base import AnalysedLetter, Check, found_in, per_doc
from lint_brieven.checks.detectors.rare_words import base_forms, is_name_or_code, known_word
from lint_brieven.checks.doc_cache import doc_tokens
from lint_brieven.checks.sentence_words import tokens_of
from lint_brieven.checks.term import explained
from lint_brieven.dutch.passive_voice import names_agent
from lint_brieven.sentence_findings import Apart

DEFAULTS = {
    "min-evidence": 2,
    "rare-zipf": 2.3,
    "common-zipf": 3.0,
    "compound-letters": 18,
    "long-word": 24,
    "subject-gap": 5,
    "long-subject-gap": 10,
}
MAX_WORDS = 3  # words named of each kind (hard words rarest first, the others in reading order)
OFFICIALESE = "ambtelijk"  # the category of the officialese rules
JARGON = "jargon"  # the category of the jargon rules
_CONTENT = ("NOUN", "ADJ", "VERB", "ADV")
_QUOTES = frozenset({'"', "'", "‘", "’", "“", "”", "„", "«", "»"})
_RELATIVE = frozenset(
    {
        *("die", "dat", "wie", "wat", "waar", "waarin", "waarop", "waarmee", "waarvan"),
        *("waarvoor", "waaraan", "waardoor", "waarbij", "waarnaar", "waaronder"),
    }
)


@dataclass(frozen=True)
class Evidence:
    """What makes one sentence hard, each as written, and how much it weighs."""

    words: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()
    stiff: tuple[str, ...] = ()
    passive: tuple[str, ...] = ()
    subject: Apart | None = None
    points: int = 0


def evidence(
    letter: AnalysedLetter,
    block: int,
    sentence: Span,
    names: frozenset[str],
    options: Mapping[str, float],
) -> Evidence:
    content = letter.letter.blocks[block].content
    marks = tuple((s.start, s.end) for s in content.segments if s.placeholder is not None)
    key = ("evidence", sentence.start, sentence.end, names, marks, tuple(sorted(options.items())))
    local = per_doc(
        letter, key, sentence.doc, lambda _: _in_sentence(letter, block, sentence, names, options)
    )
    written = content.text
    jargon = _unique(
        _written(s, written)
        for s in unexplained_jargon(letter, block)
        if _inside(s, sentence, local.aside)
        and not any(h.lower() in s.text.lower() for h, _ in local.hard)
    )
    points = local.points + len(jargon)
    return Evidence(
        tuple(text for text, _ in local.hard[:MAX_WORDS]),
        tuple(jargon[:MAX_WORDS]),
        tuple(local.stiff[:MAX_WORDS]),
        tuple(local.passive),
        local.subject,
        points,
    )


@dataclass(frozen=True)
class _Local:
    """What the sentence itself shows (the same in every template variant that has its
    block): its tokens in brackets or quotes, hard words with their weight, officialese,
    passives, a long subject, and their points (all but jargon's)."""

    aside: frozenset[int]
    hard: tuple[tuple[str, int], ...]
    stiff: tuple[str, ...]
    passive: tuple[str, ...]
    subject: Apart | None
    points: int


def _in_sentence(
    letter: AnalysedLetter,
    block: int,
    sentence: Span,
    names: frozenset[str],
    options: Mapping[str, float],
) -> _Local:
    content = letter.letter.blocks[block].content
    written = content.text
    counted = _words(letter, block, sentence, names)
    aside = quoted_or_bracketed(sentence)
    words = [t for t in counted if t.i not in aside]
    hard = [(_as_written(t, written), w) for t, w in hard_words(words, names, options)]
    stiff = _unique(
        text
        for _, text in sorted(
            [
                *(
                    (s.start_char, _written(s, written))
                    for s in officialese(letter, block)
                    if _inside(s, sentence, aside)
                ),
                *constructions(sentence, aside, written),
            ]
        )
    )
    passive = _unique(passives(sentence, aside, written))
    subject = long_subject(sentence, {t.i for t in words}, written)
    points = sum(weight for _, weight in hard) + len(stiff) + bool(passive)
    if subject is not None and subject.gap >= options["subject-gap"]:
        points += 2 if subject.gap >= options["long-subject-gap"] else 1
    else:
        subject = None
    return _Local(frozenset(aside), tuple(hard), tuple(stiff), tuple(passive), subject, points)


def _words(
    letter: AnalysedLetter, block: int, sentence: Span, names: frozenset[str]
) -> Sequence[Token]:
    """``sentence_words.words`` of ``sentence``: the words of its doc's sentence as LB201 and
    LB203 have them already (``sentence_words.of_block``) when ``sentence`` holds the same
    tokens but whitespace (a sentence's words leave whitespace out: the same words), else
    worked out for ``sentence`` itself."""
    tokens = doc_tokens(sentence.doc)
    for whole, found in sentence_words.of_block(letter, block, names):
        if whole.start <= sentence.start < whole.end:
            if sentence.end <= whole.end and all(
                not t.text.strip()
                for t in (*tokens[whole.start : sentence.start], *tokens[sentence.end : whole.end])
            ):
                return found
            break
    return sentence_words.words(sentence, letter.letter.blocks[block].content, names)


# -- hard words ------------------------------------------------------------------------------


def _zipf(word: str) -> float:
    return zipf_frequency(word, "nl")


def hard_words(
    words: Iterable[Token], names: frozenset[str], options: Mapping[str, float]
) -> list[tuple[Token, int]]:
    """The hard words with their weight, rarest first, each once. A word's hardness is
    looked at before whether it is a name or a code: most words are common, and a word that
    is not hard is passed by whatever else it is (both tests only read the word)."""
    found: dict[str, tuple[float, int, Token, int]] = {}
    limits = (
        options["common-zipf"],
        options["rare-zipf"],
        options["compound-letters"],
        options["long-word"],
    )
    for token in words:
        lower = token.lower_
        if lower in found:
            continue
        pos = token.pos_
        if pos not in _CONTENT and not (pos == "PROPN" and token.text.islower()):
            continue  # (a word in lower case is no name, whatever the parser says)
        hard = _hardness(lower, token.lemma_.lower(), *limits)
        if hard is None:
            continue
        if is_name_or_code(token, names) and not any(c in token.text for c in "-/"):
            continue
        zipf, weight = hard
        found[lower] = (zipf, token.i, token, weight)
    return [(token, weight) for _, _, token, weight in sorted(found.values(), key=lambda f: f[:2])]


@lru_cache(maxsize=65_536)
def _hardness(
    lower: str, lemma: str, common: float, rare_zipf: float, compound: float, long_word: float
) -> tuple[float, int] | None:
    """(frequency, weight) of a hard word, None for a word many readers know. A word written
    with a hyphen or slash ("parkeren/vergunningengebied") is as hard as its hardest part.
    It reads the word's lower-case form and lemma (lower case), the four limits of the
    options (``common-zipf``, ``rare-zipf``, ``compound-letters``, ``long-word``) and
    wordfreq's fixed lists, nothing else: kept per these arguments, its key."""
    parts = [p for p in lower.replace("/", "-").split("-") if len(p) > 2]
    best: tuple[float, int] | None = None
    for part in parts:
        forms = [part, *base_forms(part)] + ([lemma] if part == lower else [])
        zipf = (
            max(_zipf(f) for f in forms if f.isalpha()) if any(f.isalpha() for f in forms) else 0.0
        )
        if zipf >= common:
            continue
        rare = zipf < rare_zipf and not known_word(part)
        if rare and part == lower and lemma.isalpha() and known_word(lemma):
            rare = False
        long = len(part) >= compound
        if rare or long:
            weight = 2 if len(part) >= long_word else 1
            if best is None or zipf < best[0]:
                best = (zipf, weight)
    return best


# -- officialese and stiff constructions ----------------------------------------------------


@lru_cache(maxsize=1)
def _officialese_checks() -> tuple[Check, ...]:
    """The checks of the shipped officialese rules (built once)."""
    from lint_brieven.checks.loader import build_check, rules_for

    return tuple(
        build_check(rule)
        for rule in rules_for().values()
        if rule.category == OFFICIALESE and rule.kind == "substitution"
    )


def officialese(letter: AnalysedLetter, block: int) -> list[Span]:
    """The officialese words and phrases of block ``block`` where their rule would report
    them (its ``unless`` conditions apply), once per letter and block."""
    key = ("officialese", id(letter.docs[block]))
    if key not in letter.shared:
        doc: Doc = letter.docs[block]
        spans = []
        for check in _officialese_checks():
            for span in check._spans(doc):  # noqa: SLF001 - the rule's own matching
                condition = check.conditions[span.label_]
                if condition and condition.excuses(span, letter, block):
                    continue
                spans.append(span)
        letter.shared[key] = (doc, spans)
    return letter.shared[key][1]


@lru_cache(maxsize=1)
def _jargon_checks() -> tuple[Check, ...]:
    """The checks of the shipped jargon rules (built once)."""
    from lint_brieven.checks.loader import build_check, rules_for

    return tuple(
        build_check(rule)
        for rule in rules_for().values()
        if rule.category == JARGON and rule.kind == "term"
    )


def unexplained_jargon(letter: AnalysedLetter, block: int) -> list[Span]:
    """The jargon terms of block ``block`` that the letter explains nowhere."""
    key = ("jargon", id(letter))
    if key not in letter.shared:
        found: list[tuple[int, Span]] = []
        explained_terms: set[str] = set()
        for check in _jargon_checks():
            name = ("jargon-uses", id(check))
            for index, uses in found_in(letter, name, partial(_uses, check, letter)):
                for span, excused, is_explained in uses:
                    if excused is None:  # the entry's condition asks the letter
                        excused = check.conditions[span.label_].excuses(span, letter, index)
                    if excused:
                        continue
                    found.append((index, span))
                    if is_explained:
                        explained_terms.add(span.label_)
        letter.shared[key] = (letter, found, explained_terms)
    _, found, explained_terms = letter.shared[key]
    return [s for i, s in found if i == block and s.label_ not in explained_terms]


def _uses(
    check: Check, letter: AnalysedLetter, doc: Doc
) -> tuple[tuple[Span, bool | None, bool], ...]:
    """The jargon check's terms in ``doc``: each with whether its entry's ``unless`` excuses
    it (None: that asks the letter as a whole) and whether it is explained where it stands
    (``letter``: one of the letters with ``doc``, not read here)."""
    out = []
    for span in check.matcher(doc, as_spans=True):
        condition = check.conditions[span.label_]
        if not condition:
            excused: bool | None = False
        elif condition.reads_letter:
            excused = None
        else:  # the span's own words, sentence or paragraph: the letter is not read
            excused = condition.excuses(span, letter, -1)
        out.append((span, excused, explained(span)))
    return tuple(out)


def constructions(sentence: Span, aside: set[int], written: str) -> list[tuple[int, str]]:
    """ "dient … te <infinitive>" and "en/of", with where they start."""
    out = []
    for token in tokens_of(sentence):
        if token.i in aside:
            continue
        if token.lower_ == "en/of":
            out.append((token.idx, _as_written(token, written)))
        elif token.lemma_.lower() == "dienen" and token.pos_ in ("AUX", "VERB"):
            infinitive = next(
                (
                    t
                    for t in doc_tokens(sentence.doc)[token.i + 1 : sentence.end]
                    if t.lower_ == "te" and t.head.tag_.startswith("WW|inf")
                ),
                None,
            )
            if infinitive is not None:
                out.append((token.idx, f"{_as_written(token, written)} … te"))
    return out


def passives(sentence: Span, aside: set[int], written: str) -> list[str]:
    """Passives with "worden" that do not say who acts: "wordt … behaald"."""
    out = []
    for aux in tokens_of(sentence):
        verb = aux.head
        if aux.i in aside or aux.dep_ != "aux:pass" or aux.lemma_.lower() != "worden":
            continue
        if verb.i == aux.i or names_agent(verb):
            continue
        first, second = sorted((aux, verb), key=lambda t: t.i)
        gap = " … " if second.i - first.i > 1 else " "
        out.append(f"{_as_written(first, written)}{gap}{_as_written(second, written)}")
    return out


# -- a subject that holds a clause ----------------------------------------------------------


def long_subject(sentence: Span, words: set[int], written: str) -> Apart | None:
    """A main clause that opens with its subject and a relative clause inside it, the main
    verb after the clause's own verbs: the subject's noun, the main verb and the words in
    between ("De vragen die omwonenden … gesteld hebben, zijn beantwoord")."""
    tokens = [t for t in tokens_of(sentence) if not t.is_space]
    marker = None
    for k, token in enumerate(tokens):
        if _finite(token):
            return None  # the sentence does not open with a subject and its clause
        if k and token.lower_ in _RELATIVE:
            before = (
                tokens[k - 1] if tokens[k - 1].text != "," else tokens[k - 2] if k > 1 else None
            )
            if before is not None and before.pos_ in ("NOUN", "PROPN", "PRON"):
                marker = k
                break
    if marker is None:
        return None
    own = next((k for k in range(marker + 1, len(tokens)) if _finite(tokens[k])), None)
    if own is None:
        return None
    # the main verb follows a comma or the clause's verbs: the first finite verb there, or
    # the finite verb of the sentence's root there; the later of the two (a tagger may take a
    # noun of the clause for a verb, a parser may take the clause's verb for the root)
    candidates = [
        tokens[k]
        for k in range(own + 1, len(tokens))
        if _finite(tokens[k])
        and (tokens[k - 1].text == "," or tokens[k - 1].pos_ in ("VERB", "AUX"))
    ][:1]
    root = sentence.root
    finite_root = (
        root
        if _finite(root)
        else next(
            (c for c in root.children if c.dep_ in ("aux", "aux:pass", "cop") and _finite(c)), None
        )
    )
    if finite_root is not None and finite_root.i > tokens[own].i:
        before = finite_root.doc[finite_root.i - 1]
        if before.text == "," or before.pos_ in ("VERB", "AUX"):
            candidates.append(finite_root)
    if not candidates:
        return None
    verb = max(candidates, key=lambda t: t.i)
    noun = next(t for t in tokens[:marker] if t.pos_ in ("NOUN", "PROPN", "PRON"))
    gap = sum(1 for t in tokens if noun.i < t.i < verb.i and t.i in words)
    return Apart(_as_written(noun, written), _as_written(verb, written), gap)


def _finite(token: Token) -> bool:
    return token.tag_.startswith("WW|pv")


# -- helpers -------------------------------------------------------------------------------


def quoted_or_bracketed(sentence: Span) -> set[int]:
    """Tokens inside brackets (an explanation, an aside) or quotes (a title, a heading)."""
    inside: set[int] = set()
    depth, quoted = 0, False
    for token in tokens_of(sentence):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif token.text in _QUOTES:
            quoted = not quoted
        elif depth or quoted:
            inside.add(token.i)
    return inside


def _inside(span: Span, sentence: Span, aside: set[int]) -> bool:
    return (
        sentence.start <= span.start
        and span.end <= sentence.end
        and not any(i in aside for i in range(span.start, span.end))
    )


def _as_written(token: Token, written: str) -> str:
    return written[token.idx : token.idx + len(token)] or token.text


def _written(span: Span, written: str) -> str:
    return written[span.start_char : span.end_char] or span.text


def _unique(texts: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(text.lower(), text)
    return list(seen.values())
