"""Whether a replacement reads correctly where it goes.

A replacement ("Schrijf: …", applied by ``--fix``) is put into its sentence, the changed
sentence is parsed again with our own pipeline, and rules we can state are checked on the new
parse. A rule only counts what the replacement broke: the original sentence, parsed the same
way, is checked with the same rules, and a problem it already had (or a parse quirk both
share) is no reason to drop the replacement.

The rules:
- agreement: a finite verb agrees with its subject in number and person ("u heeft", never
  "u hebben" or "u is");
- attributive adjective: before a noun, an adjective takes -e, except after "een"/"geen"/no
  article before a singular het-word ("de nodige onderdelen", "een nieuw formulier");
- determiner: het/dit/dat/ons go with a het-word, de/deze/die/onze with a de-word;
- word class: the new words do the job of the old: a participle stays a participle, an
  infinitive an infinitive, a finite verb finite, an attributive adjective attributive, a noun
  a noun of the same number, a preposition a preposition, a conjunction a conjunction;
- "te" is followed by an infinitive, and a separable verb splits around it ("terug te
  sturen");
- clause structure: as many finite verbs as before (unless the new words bring their own), a
  conjunction ("dat", "als", "omdat") has a clause with a finite verb, a main clause has at most
  one part before its finite verb, a subclause has its objects before its finite verb;
- no word group twice in a row ("van deze brief van deze brief");
- a compound is not paraphrased as "Y van de X" ("beschikkingsnummer" → "nummer van de
  beschikking" changes the meaning);
- after a colon a main clause follows ("Let op: de huur …", never "Let op: dat …"), and
  nothing is put between a colon and what it introduces;
- "maar", "en", "of", "want" replacing an adverb stand at the start of a clause, with the
  subject before the verb ("Maar dat is niet mogelijk", never "Dat is maar niet mogelijk");
- a modal verb takes a bare infinitive ("Wilt u … terugsturen", never "Wilt u … terug te
  sturen"); a separable verb splits in a main clause ("er blijft niets over");
- new words that end in a preposition have its object after them ("bestaan uit" before a
  colon is wrong), and new words do not end in a conjunction;
- a plain noun takes no adverb ("de direct buren"), two determiners never follow each other
  ("de deze woning"), and a noun phrase stays a noun phrase ("voor het indienen van een
  klacht" is no "voor een klacht indienen");
- no object or subject after the participle or infinitive that ends its clause.
A detector's rewrite of a clause (passive to active, a nominalisation) must also keep every
noun, adjective, adverb, name and number of the words it replaces (``keeps_words``).
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Token

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.checks.doc_cache import doc_text, doc_tokens, sentence_of, token_bounds
from lint_brieven.dutch.forms import (
    DE_DETERMINERS,
    DETERMINERS,
    INDEFINITE,
    UNINFLECTED,
    gender,
    prime_genders,
)
from lint_brieven.dutch.verbs import separable
from lint_brieven.findings import Suggestion
from lint_brieven.nlp.reading import LINE_BREAKS

_COORDINATORS = {"maar", "en", "of", "want"}
PREPOSITIONS = {
    "aan",
    "bij",
    "door",
    "in",
    "met",
    "naar",
    "om",
    "op",
    "over",
    "tegen",
    "tot",
    "uit",
    "van",
    "voor",
    "vanaf",
    "via",
    "zonder",
    "tijdens",
    "na",
    "volgens",
    "vanwege",
    "sinds",
}
_U_WRONG = {"is", "heb", "ben"}  # "u bent", "u heeft": never "u is", "u heb", "u ben"
_SG_PRONOUNS = {"ik", "jij", "je", "hij", "het", "dit", "dat", "men", "u", "iemand", "niemand"}
_PL_PRONOUNS = {"wij", "we", "jullie"}
_DEFINITE = {"de", "het", "deze", "die", "dit", "dat", "welke"}
_PARAPHRASE = re.compile(r"^\S+ van (?:de|het|een) \S+$", re.IGNORECASE)
_CLAUSE_DEPS = {"advcl", "ccomp", "csubj", "acl", "acl:relcl", "xcomp", "parataxis", "conj"}
_NOT_CONSTITUENT = {"punct", "cc", "mark", "discourse", "vocative", "dep", "parataxis"}


@dataclass(frozen=True)
class Replacement:
    """``text`` in place of ``doc.text[start:end]``."""

    doc: Doc
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Parsed:
    """A parsed sentence and where the replaced words are in it (characters ``lo:hi``)."""

    doc: Doc
    lo: int
    hi: int
    delta: int  # how much later the text after the replaced words starts than before
    side: str  # "old" or "new": the replaced words never match the words replacing them

    def inside(self, token: Token) -> bool:
        return self.lo <= token.idx < self.hi or (self.lo == self.hi == token.idx)

    def key(self, token: Token) -> tuple:
        """The same key for a word outside the replaced words in the old and the new parse."""
        if self.inside(token):
            return (self.side, token.lower_)
        offset = token.idx if token.idx < self.lo else token.idx - self.delta
        return ("at", offset)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The doc's tokens, made once per parsed sentence (``doc_tokens``): the rules read
        them many times over, for every replacement tested in the sentence."""
        return doc_tokens(self.doc)

    def region(self) -> tuple[Token, ...]:
        return self._region

    @cached_property
    def _inside(self) -> tuple[int, int]:
        """The tokens ``inside``: ``tokens[first:end]`` (token starts rise strictly, so those
        that start in ``lo:hi``, or at ``lo`` when nothing is replaced, follow each other)."""
        starts = token_bounds(self.doc)[0]
        first = bisect.bisect_left(starts, self.lo)
        if self.lo == self.hi:
            return first, bisect.bisect_right(starts, self.lo)
        return first, bisect.bisect_left(starts, self.hi)

    @cached_property
    def _region(self) -> tuple[Token, ...]:
        first, end = self._inside
        return tuple(t for t in self.tokens[first:end] if not t.is_space)

    def near(self) -> set[int]:
        """The replaced words and the word on either side: what a replacement can break (with
        no word inside, the place of the first word after ``lo`` and the words around it)."""
        first, end = self._inside
        return set(range(first - 1, end + 1 if end > first else first + 2))


def problems(rep: Replacement) -> list[str]:
    """Why the replacement does not read correctly (English, for tests and debugging); empty
    when every rule holds."""
    return [problem for found in _problems(rep) for problem in found]


def holds(rep: Replacement) -> bool:
    """Whether ``problems(rep)`` is empty: the rules stop at the first that finds one (they
    read the parses and nothing else, so the ones after cannot make it hold again)."""
    return not any(_problems(rep))


def _problems(rep: Replacement) -> Iterator[list[str]]:
    """What each rule finds wrong with the replacement, rule by rule (``problems``), worked
    out only as far as the caller reads."""
    if "\n" in rep.text or not rep.text.strip():
        return  # a block to add (a list, a paragraph) is not a replacement of words
    old, new = _parse_pair(rep)
    near = new.near()
    for rule in _RULES:
        strict = rule in _STRICT
        # the old sentence's problems only matter for a new one near the new words: without
        # such a problem the rule finds nothing, whatever the old sentence has
        close = [
            (_shape(key, strict), desc)
            for key, desc, tokens in rule(new)
            if any(t.i in near for t in tokens)
        ]
        if close:
            before = {_shape(key, strict) for key, _desc, _tokens in rule(old)}
            yield [f"{rule.__name__[1:]}: {desc}" for shape, desc in close if shape not in before]
    yield _word_class(old, new)
    yield _finite_count(old, new)
    yield _repeats(old, new)
    yield _paraphrase(old, rep)
    yield _colon(old, new, rep)
    yield _coordinator(old, new)


def rewrite_problems(old: str, new: str) -> list[str]:
    """Why ``new``, a rewrite of the whole sentence ``old`` (words reordered or left out: "Op
    grond van het vorenstaande zien wij …" → "Wij zien …"), does not read correctly: the rules
    over one parse (agreement, one part before the finite verb, a subclause's word order, a
    split particle, …) on ``new`` parsed on its own. A problem the old sentence has with the
    same words (a parse quirk both share) does not count. The rules over a pair (word class,
    finite verbs outside the replaced words) do not apply: every word of ``new`` is new."""

    def parsed(text: str, side: str) -> _Parsed:
        if not text[1:2].isupper():  # a sentence-initial capital makes the parser read a name
            text = text[:1].lower() + text[1:]
        return _Parsed(_parse(text), 0, len(text), 0, side)

    def found(sentence: _Parsed) -> list[tuple[tuple[str, tuple[str, ...]], str]]:
        return [
            ((rule.__name__, tuple(t.lower_ for t in tokens)), f"{rule.__name__[1:]}: {desc}")
            for rule in _RULES
            for _key, desc, tokens in rule(sentence)
        ]

    before = {shape for shape, _ in found(parsed(old, "old"))}
    return [desc for shape, desc in found(parsed(new, "new")) if shape not in before]


def reads_correctly(
    letter: AnalysedLetter,
    block: int,
    start: int,
    end: int,
    suggestions: tuple[Suggestion, ...],
    as_advice: bool = False,
    keep_words: bool = True,
) -> tuple[Suggestion, ...]:
    """``suggestions`` without the replacements of ``block``'s characters ``start:end`` that
    do not read correctly there, or with those turned into advice (``as_advice``); advice and
    blocks to add are kept as they are. ``keep_words``: a rewrite must keep the content words
    (a clause rewrite); off for a detector that swaps words on purpose ("zo snel mogelijk" →
    the organisation's service term)."""
    if block < 0:
        return suggestions
    doc = letter.docs[block]
    out = []
    for s in suggestions:
        rep = Replacement(doc, start, end, s.text)
        kept = keeps_words(rep) if keep_words else True
        if not s.replaces or "\n" in s.text or (kept and holds(rep)):
            out.append(s)
        elif as_advice:
            out.append(Suggestion(s.text, False, False))
    return tuple(out)


def prepare_places(
    letter: AnalysedLetter,
    places: Iterable[tuple[int, int, int, tuple[Suggestion, ...]]],
    keep_words: bool = True,
) -> None:
    """Have the sentences that ``reads_correctly`` reads for each (block, start, end,
    suggestions) parsed in one batch (``prepare``): those of every replacement it tests
    (``holds``: one that replaces words, on one line, and keeps the words when asked)."""
    reps = []
    for block, start, end, suggestions in places:
        if block < 0:
            continue
        for s in suggestions:
            if s.replaces and "\n" not in s.text:
                rep = Replacement(letter.docs[block], start, end, s.text)
                if not keep_words or keeps_words(rep):
                    reps.append(rep)
    prepare(reps)


_CONTENT = ("NOUN", "PROPN", "ADJ", "ADV", "NUM")


def keeps_words(rep: Replacement) -> bool:
    """A rewrite of a clause keeps every part of it: each noun, adjective, adverb, name and
    number of the old words is among the new ones (as written, or as another form of the same
    word: "behandeling" → "behandelen")."""
    old = rep.doc.char_span(rep.start, rep.end, alignment_mode="expand")
    if old is None:
        return True
    new = {w.lower() for w in re.findall(r"\w+", rep.text)}
    for token in old:
        if token.pos_ not in _CONTENT or token.lower_ in ("er", "niet", "wel"):
            continue
        word = token.lower_
        if word in new or any(len(w) >= 5 and w[:5] == word[:5] for w in new):
            continue
        if any(len(w) >= 5 and w in word for w in new):
            continue  # "niet onmogelijk" → "mogelijk"
        if not token.is_alpha:
            continue
        return False
    return True


def _shape(key: tuple, strict: bool) -> tuple:
    """A problem's key; unless ``strict``, the replaced and the new words count as the same
    word in the same role (a parse quirk on the old word is no reason to drop the new one).
    Agreement and verb forms compare strictly: "Mocht u … hebben" is right where "Als u …
    hebben" is wrong, though the tagger reads "hebben" as finite in both."""
    if strict:
        return key
    return tuple(
        ("region",) if isinstance(k, tuple) and k[:1] in (("old",), ("new",)) else k
        for k in key
        if not isinstance(k, str)
    )


# -- the changed sentence ---------------------------------------------------------------------


def prepare(reps: Iterable[Replacement]) -> None:
    """Parse the sentences that checking ``reps`` reads, together: the pipeline reads a batch
    of sentences much faster than each on its own, and each sentence's parse is the same
    (spaCy's tok2vec, tagger and parser treat the docs of a batch independently; every batch
    a check of the corpus templates parses equals each text parsed alone: test_probe_batch)."""
    texts: list[str] = []
    for rep in reps:
        if "\n" not in rep.text and rep.text.strip():
            text, changed, _lo, _hi = _pair_texts(rep)
            texts += [changed] if _is_block(rep.doc, text) else [text, changed]
    docs = _parse_all(texts)
    # the nouns whose gender ``_determiner`` may ask, tagged in one batch (nlp.Probe)
    prime_genders(noun.lower_ for doc in dict.fromkeys(docs) for _, noun in _determined(doc))


def _pair_texts(rep: Replacement) -> tuple[str, str, int, int]:
    """The sentence(s) of the replaced words before and after, and where those words are."""
    doc = rep.doc
    tokens = doc_tokens(doc)
    starts, ends = token_bounds(doc)
    # the first token that ends after the start, and the last that starts before the end
    at = bisect.bisect_right(ends, rep.start)
    first = tokens[at] if at < len(tokens) else tokens[-1]
    at = bisect.bisect_left(starts, rep.end) - 1
    last = tokens[at] if at >= 0 else first
    start = sentence_of(first).start_char
    end = max(sentence_of(last).end_char, rep.end)
    text = doc_text(doc)[start:end]
    lo, hi = rep.start - start, rep.end - start
    changed = text[:lo] + rep.text + text[hi:]
    if lo == 0 and not first.text[1:2].isupper() and not rep.text[1:2].isupper():
        # a sentence-initial capital makes the parser read a name ("Eventuele" as PROPN)
        text, changed = text[:1].lower() + text[1:], changed[:1].lower() + changed[1:]
    return text, changed, lo, hi


def _is_block(doc: Doc, text: str) -> bool:
    """Whether ``text`` parses to ``doc`` itself: it is the whole of the block's text as the
    parser read it, and the block had no line break for the segmenter to weigh (a text parses
    the same alone or in any batch: test_probe_batch)."""
    return not doc.user_data.get(LINE_BREAKS) and text == doc_text(doc)


def _parse_pair(rep: Replacement) -> tuple[_Parsed, _Parsed]:
    text, changed, lo, hi = _pair_texts(rep)
    delta = len(rep.text) - (hi - lo)
    if _is_block(rep.doc, text):
        before, after = rep.doc, _parse(changed)
    else:
        before, after = _parse_all([text, changed])
    old = _Parsed(before, lo, hi, 0, "old")
    new = _Parsed(after, lo, lo + len(rep.text), delta, "new")
    return old, new


_PARSED: OrderedDict[str, Doc] = OrderedDict()  # the sentences parsed last, oldest first
_KEEP = 8192


def _parse(text: str) -> Doc:
    return _parse_all([text])[0]


def _parse_all(texts: list[str]) -> list[Doc]:
    """The docs of ``texts``; those not parsed lately parsed in one batch."""
    unique = list(dict.fromkeys(texts))
    docs = {t: _PARSED[t] for t in unique if t in _PARSED}
    new = [t for t in unique if t not in docs]
    if new:
        docs.update(nlp.parse(new))
    for text in unique:
        _PARSED[text] = docs[text]
        _PARSED.move_to_end(text)
    while len(_PARSED) > _KEEP:
        _PARSED.popitem(last=False)
    return [docs[t] for t in texts]


# -- rules over one parse: (key, description) of every problem ---------------------------------

Problem = tuple[tuple, str, tuple[Token, ...]]


def _finite(token: Token) -> bool:
    tag = token.tag  # (the tag's id: the rules ask this of every word of both parses)
    finite = _FINITE_TAGS.get(tag)
    if finite is None:
        finite = _FINITE_TAGS[tag] = token.tag_.startswith("WW|pv")
    return finite


_FINITE_TAGS: dict[int, bool] = {}  # tag id -> whether the tag is a finite verb's


@dataclass(frozen=True)
class _Index:
    """The tokens of a parsed sentence each rule starts from, in token order: the rules ask
    every word of both parses for its dependency, word class or tag first, for every
    replacement tested in a sentence (the options of one match share its old sentence)."""

    by_dep: dict[str, tuple[Token, ...]]  # dep_ -> the tokens with it
    sconj: tuple[Token, ...]  # pos_ SCONJ
    finite: tuple[Token, ...]  # _finite
    te: tuple[Token, ...]  # lower_ "te"
    clause_marks: tuple[Token, ...]  # dep_ "acl:relcl" or "mark"
    determiners: tuple[Token, ...]  # pos_ DET or dep_ det, not the last token
    participles: tuple[Token, ...]  # tag_ WW|vd… or WW|inf…


_INDEX = "lint_brieven.replacement_check.index"  # doc.user_data: ``_index(doc)``


def _index(doc: Doc) -> _Index:
    """``_Index`` of a doc, made once per doc (kept in its ``user_data``: a token's parse never
    changes once the doc is parsed, so the same tokens pass each rule's first test)."""
    found = doc.user_data.get(_INDEX)
    if found is not None:
        return found
    tokens = doc_tokens(doc)
    by_dep: dict[str, list[Token]] = {}
    sconj, finite, te, marks, determiners, participles = [], [], [], [], [], []
    last = len(tokens) - 1
    for token in tokens:
        dep, pos, tag = token.dep_, token.pos_, token.tag_
        by_dep.setdefault(dep, []).append(token)
        if pos == "SCONJ":
            sconj.append(token)
        if _finite(token):
            finite.append(token)
        if token.lower_ == "te":
            te.append(token)
        if dep in ("acl:relcl", "mark"):
            marks.append(token)
        if (pos == "DET" or dep == "det") and token.i < last:
            determiners.append(token)
        if tag.startswith(("WW|vd", "WW|inf")):
            participles.append(token)
    found = doc.user_data[_INDEX] = _Index(
        {dep: tuple(found) for dep, found in by_dep.items()},
        tuple(sconj),
        tuple(finite),
        tuple(te),
        tuple(marks),
        tuple(determiners),
        tuple(participles),
    )
    return found


def _number(token: Token) -> str | None:
    """ "sg" or "pl" for a subject, None when the parse does not tell."""
    lower = token.lower_
    if any(c.dep_ == "conj" for c in token.children):
        return "pl"
    if token.pos_ == "PRON" or token.tag_.startswith("VNW"):
        if lower in _SG_PRONOUNS:
            return "sg"
        if lower in _PL_PRONOUNS:
            return "pl"
        return None
    if token.tag_.startswith("N|"):
        if "|mv|" in token.tag_ + "|":
            return "pl"
        if "|ev|" in token.tag_ + "|":
            return "sg"
    return None


def _verb_number(token: Token) -> str | None:
    tag = token.tag_ + "|"
    if "|mv|" in tag:
        return "pl"
    if "|ev|" in tag or "|met-t|" in tag:
        return "sg"
    return None


def _subject_of(verb: Token) -> Token | None:
    clause = verb.head if verb.dep_ in ("aux", "aux:pass", "cop") else verb
    for child in clause.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.lower_ != "er":
            return child
    return None


def _agreement(parsed: _Parsed) -> Iterable[Problem]:
    for verb in _index(parsed.doc).finite:
        subject = _subject_of(verb)
        if subject is None or subject.dep_ == "nsubj" and subject.head.dep_ == "acl:relcl":
            continue
        if subject.lower_ in ("die", "dat", "wat", "welke", "zij", "ze"):
            continue  # a relative pronoun or "zij": the number is elsewhere
        number, verb_number = _number(subject), _verb_number(verb)
        wrong = number is not None and verb_number is not None and number != verb_number
        if subject.lower_ == "u" and verb.lower_ in _U_WRONG:
            wrong = True
        if wrong:
            key = ("agree", parsed.key(subject), parsed.key(verb), verb.lower_)
            yield key, f"'{subject.text}' … '{verb.text}'", (subject, verb)


def _takes_e(adjective: Token, noun: Token) -> bool | None:
    """Whether an attributive adjective before ``noun`` needs -e (None: cannot tell)."""
    tag = noun.tag_ + "|"
    if not tag.startswith("N|soort"):
        return None
    if "|mv|" in tag or "|zijd|" in tag:
        return True
    if "|onz|" not in tag:
        return None
    det = next((c for c in noun.children if c.dep_ in ("det", "nmod:poss")), None)
    if det is None:
        det = _word_before_phrase(adjective)
    if det is None:
        return False
    if det.dep_ == "nmod:poss" or det.lower_ in _DEFINITE or det.tag_.startswith("VNW|bez"):
        return True
    return False if det.lower_ in INDEFINITE else None


def _word_before_phrase(adjective: Token) -> Token | None:
    """The word before "nog niet betaalde": the parser does not always hang the article on
    the noun ("het nog niet betaalde bedrag")."""
    i = adjective.i - 1
    while i >= 0 and adjective.doc[i].pos_ in ("ADV", "ADJ"):
        i -= 1
    if i < 0:
        return None
    word = adjective.doc[i]
    if word.lower_ in _DEFINITE or word.lower_ in INDEFINITE or word.tag_.startswith("VNW|bez"):
        return word
    return None


def _attributive(parsed: _Parsed) -> Iterable[Problem]:
    for adjective in _index(parsed.doc).by_dep.get("amod", ()):
        noun = adjective.head
        if noun.pos_ != "NOUN" or adjective.i > noun.i:
            continue
        if not (adjective.pos_ == "ADJ" or adjective.tag_.startswith("WW|vd")):
            continue
        lower = adjective.lower_
        if lower in UNINFLECTED or lower.endswith(("en", "a", "o", "i", "u", "y", "'s")):
            continue
        needed = _takes_e(adjective, noun)
        if needed is None or needed == lower.endswith("e"):
            continue
        key = ("adj", parsed.key(adjective), adjective.lower_, parsed.key(noun))
        yield key, f"'{adjective.text} {noun.text}'", (adjective, noun)


def _determined(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """Each de/het determiner before the singular noun it goes with, and that noun: the pairs
    whose gender ``_determiner`` compares."""
    for det in _index(doc).by_dep.get("det", ()):
        if not (det.lower_ in DETERMINERS or det.lower_ in DE_DETERMINERS):
            continue
        noun = det.head
        if noun.pos_ == "NOUN" and "|ev|" in noun.tag_ + "|" and det.i < noun.i:
            yield det, noun


def _determiner(parsed: _Parsed) -> Iterable[Problem]:
    for det, noun in _determined(parsed.doc):
        lower = det.lower_
        noun_gender = gender(noun.lower_)
        if noun_gender is None:
            continue
        if (noun_gender == "het") == (lower in DETERMINERS):
            continue
        if lower in ("die", "dat") and det.tag_.startswith("VNW|betr"):
            continue  # a relative pronoun the parser hung on a noun
        key = ("det", parsed.key(det), lower, parsed.key(noun), noun.lower_)
        yield key, f"'{det.text} {noun.text}'", (det, noun)


def _te_infinitive(parsed: _Parsed) -> Iterable[Problem]:
    tokens = parsed.tokens
    for te in _index(parsed.doc).te:
        if te.i + 1 >= len(tokens):
            continue
        after = tokens[te.i + 1]
        if after.tag_.startswith("WW|inf"):
            if separable(after.lower_)[0] and after.lower_ in _new_words(parsed):
                key = ("te-split", parsed.key(after))
                yield key, f"'te {after.text}' must be split", (te, after)
            continue
        if after.tag_.startswith("WW") or after.tag_.startswith(("N|eigen", "SPEC", "TW")):
            continue  # a verb the tagger reads otherwise; "te Utrecht", "te 12"
        key = ("te", parsed.key(te), parsed.key(after), after.lower_)
        yield key, f"'te {after.text}'", (te, after)


def _joined_particle(parsed: _Parsed) -> Iterable[Problem]:
    """A separable verb splits in a main clause: "er blijft niets over", not "er overblijft"."""
    for verb in parsed.region():
        if not _finite(verb):
            continue
        lemma = verb.lemma_.lower() if verb.lemma_.lower().endswith("n") else verb.lower_
        particle, _core = separable(lemma)
        if not particle or not verb.lower_.startswith(particle):
            continue
        clause = verb.head if verb.dep_ in ("aux", "aux:pass", "cop") else verb
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head  # "dat u … betaalt en terugkrijgt"
        subordinate = any(c.dep_ == "mark" for c in clause.children) or clause.dep_ in (
            "acl:relcl",
            "acl",
        )
        # a joined verb that ends its clause is a subclause's, whatever the parse says
        late = [
            c
            for c in verb.children
            if c.i > verb.i and not c.is_punct and c.dep_ not in _CLAUSE_DEPS | {"cc", "mark"}
        ]
        if not subordinate and late:
            key = ("split", parsed.key(verb), verb.lower_)
            yield key, f"'{verb.text}' must split in a main clause", (verb,)


def _preposition_object(parsed: _Parsed) -> Iterable[Problem]:
    """New words that end in a preposition ("bestaan uit") need its object right after."""
    region = parsed.region()
    if not region or parsed.side == "old" or region[-1].lower_ not in PREPOSITIONS:
        return
    last = region[-1]
    verbs = [t for t in region if t.pos_ in ("VERB", "AUX")] or [last.head, last.head.head]
    forms = {v.lemma_.lower() for v in verbs} | {v.lower_ for v in verbs if v.lower_[-2:] == "en"}
    forms |= {separable(f)[1] for f in forms}  # the lemmatizer may add a particle of its own
    for verb in forms:
        whole = verb if verb.startswith(last.lower_) else last.lower_ + verb
        if whole.endswith("n") and _zipf(whole) >= 3.0 and _is_verb(whole):
            return  # the particle of a separable verb ("wij nemen contact met u op")
    following = parsed.doc[last.i + 1] if last.i + 1 < len(parsed.doc) else None
    if following is None or following.is_punct or following.pos_ in ("ADV", "ADP", "VERB", "AUX"):
        yield ("prep", parsed.key(last)), f"'{last.text}' has no object after it", (last,)


_MODALS = {"kunnen", "moeten", "mogen", "willen", "zullen", "hoeven"}


def _modal_te(parsed: _Parsed) -> Iterable[Problem]:
    """A modal verb takes a bare infinitive: "wilt u het formulier terugsturen", never "wilt u
    het formulier terug te sturen" or "kunt u om … te …"."""
    for modal in parsed.region():
        if modal.lemma_.lower() not in _MODALS and modal.lower_ not in _MODAL_FORMS:
            continue
        rest = [t for t in parsed.tokens[modal.i + 1 :] if not t.is_space]
        sentence_end = next((i for i, t in enumerate(rest) if t.text in ".?!;"), len(rest))
        rest = rest[:sentence_end]
        comma = next((i for i, t in enumerate(rest) if t.text == ","), len(rest))
        te = next((t for t in rest[:comma] if t.lower_ == "te"), None)
        if te is not None and not parsed.inside(te):
            key = ("modal-te", parsed.key(modal), parsed.key(te))
            yield key, f"'{modal.text} … te': a modal takes a bare infinitive", (modal, te)


_MODAL_FORMS = {"kan", "kunt", "moet", "mag", "wil", "wilt", "zal", "zult", "hoeft"}


_DETERMINER_WORDS = {"de", "het", "een", "deze", "die", "dit", "dat", "uw", "onze", "ons", "geen"}


def _double_determiner(parsed: _Parsed) -> Iterable[Problem]:
    """ "de deze woning": two determiners in a row."""
    tokens = parsed.tokens
    for first in _index(parsed.doc).determiners:
        second = tokens[first.i + 1]
        both = first.lower_ in _DETERMINER_WORDS and second.lower_ in _DETERMINER_WORDS
        if both and second.pos_ in ("DET", "PRON") and second.dep_ in ("det", "nmod:poss"):
            key = ("dets", parsed.key(first), parsed.key(second))
            yield key, f"'{first.text} {second.text}'", (first, second)


def _after_cluster(parsed: _Parsed) -> Iterable[Problem]:
    """An object or subject does not follow the participle or infinitive at the end of its
    clause ("wordt … gebruikt een formaat")."""
    for verb in _index(parsed.doc).participles:
        if verb.dep_ == "amod":
            continue
        late = [
            c
            for c in verb.children
            if c.dep_ in ("obj", "nsubj", "nsubj:pass", "iobj") and c.i > verb.i
        ]
        if late:
            key = ("late", parsed.key(verb), verb.lower_, parsed.key(late[0]))
            yield key, f"'{late[0].text}' after '{verb.text}'", (verb, late[0])


@lru_cache(maxsize=2048)
def _is_verb(word: str) -> bool:
    doc = nlp.pipeline()(f"Wij gaan {word}.")
    return len(doc) == 4 and doc[2].tag_.startswith("WW|inf")


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


def _dangling(parsed: _Parsed) -> Iterable[Problem]:
    """New words that end in a conjunction need a clause after them ("… indienen?" is no
    "… als?")."""
    region = parsed.region()
    if not region or parsed.side == "old":
        return
    last = region[-1]
    following = parsed.doc[last.i + 1] if last.i + 1 < len(parsed.doc) else None
    conjunction = last.pos_ in ("SCONJ", "CCONJ") or last.lower_ in ("als", "omdat", "dat")
    if conjunction and (following is None or following.is_punct):
        yield ("dangling", parsed.key(last)), f"'{last.text}' ends the clause", (last,)


_NOUN_ADVERBS = {"ook", "zelfs", "alleen", "nog", "al", "vooral", "ongeveer", "bijna", "pas"}
_NOUN_ADVERBS |= {"juist", "slechts", "maar", "precies", "net", "zeker", "enkel"}


def _adverb_on_noun(parsed: _Parsed) -> Iterable[Problem]:
    """A plain noun takes no adverb: "de direct omwonenden" (a participle) cannot become "de
    direct buren"."""
    for noun in parsed.region():
        if noun.pos_ != "NOUN" or noun.i == 0 or parsed.inside(parsed.doc[noun.i - 1]):
            continue
        before = parsed.doc[noun.i - 1]
        uninflected = before.tag_.startswith(("BW", "ADJ|vrij")) or before.pos_ == "ADV"
        adverb = uninflected and before.lower_ not in _NOUN_ADVERBS
        if adverb and before.i > 0 and parsed.doc[before.i - 1].pos_ == "DET":
            key = ("adv-noun", parsed.key(before), parsed.key(noun))
            yield key, f"'{before.text} {noun.text}'", (before, noun)


def _new_words(parsed: _Parsed) -> set[str]:
    return {t.lower_ for t in parsed.region()}


def _clause_tokens(head: Token) -> list[Token]:
    """The tokens of ``head``'s clause, without the clauses inside it."""
    out = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in _CLAUSE_DEPS and child is not head:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _finite_of(head: Token) -> Token | None:
    if _finite(head):
        return head
    return next(
        (c for c in head.children if c.dep_ in ("aux", "aux:pass", "cop") and _finite(c)), None
    )


def _subclause(parsed: _Parsed) -> Iterable[Problem]:
    """In a subclause ("als u … heeft", "die … een minicontainer gebruiken") no object follows
    the finite verb."""
    for mark in _index(parsed.doc).clause_marks:
        relative = mark.dep_ == "acl:relcl"
        if relative:
            opener = next((c for c in mark.children if c.tag_.startswith("VNW|betr")), None)
            if opener is None:
                continue
            head, mark = mark, opener
        elif mark.dep_ != "mark" or mark.pos_ != "SCONJ" or mark.lower_ in ("om", "te"):
            continue
        else:
            head = mark.head
        finite = _finite_of(head)
        if finite is None or finite.i < mark.i:
            continue
        late = [
            c
            for c in head.children
            if c.dep_ in ("obj", "iobj", "nsubj", "nsubj:pass")
            and c.i > finite.i
            and not c.is_punct
            and c.lower_ != "er"
        ]
        if finite.dep_ == "cop" and head.i > finite.i and head.pos_ not in ("VERB", "AUX"):
            late.append(head)  # "aangezien er is medehuurderschap"
        if late:
            key = ("sub", parsed.key(finite), finite.lower_, parsed.key(late[0]))
            yield key, f"'{finite.text} {late[0].text}' in a subclause", (mark, finite, late[0])


def _v2(parsed: _Parsed) -> Iterable[Problem]:
    """A main clause has at most one part before its finite verb."""
    for head in _index(parsed.doc).by_dep.get("ROOT", ()):
        if any(c.dep_ == "mark" for c in head.children):
            continue
        finite = _finite_of(head)
        if finite is None:
            continue
        colon = max((t.i for t in parsed.tokens[: finite.i] if t.text in (":", ";")), default=-1)
        before = [
            c
            for c in head.children
            if colon < c.i < finite.i and c.dep_ not in _NOT_CONSTITUENT and not c.is_punct
        ]
        if colon < head.i < finite.i:
            before.append(head)
        if len(before) > 1:
            key = ("v2", parsed.key(finite), finite.lower_, tuple(parsed.key(b) for b in before))
            yield key, f"'{finite.text}' is not second", (finite, *before)


def _marks(parsed: _Parsed) -> Iterable[Problem]:
    """A subordinating conjunction has a clause with a finite verb."""
    for mark in _index(parsed.doc).sconj:
        if mark.lower_ in ("om", "te", "dan", "zoals", "als"):
            continue
        head = mark.head
        if mark.dep_ == "mark" and _finite_of(head) is None and head.pos_ in ("NOUN", "PROPN"):
            key = ("mark", parsed.key(mark), mark.lower_)
            yield key, f"'{mark.text}' without a verb", (mark, head)


_RULES = (
    _agreement,
    _attributive,
    _determiner,
    _te_infinitive,
    _subclause,
    _v2,
    _marks,
    _joined_particle,
    _preposition_object,
    _modal_te,
    _double_determiner,
    _after_cluster,
    _dangling,
    _adverb_on_noun,
)
_STRICT = {
    _agreement,
    _te_infinitive,
    _joined_particle,
    _modal_te,
    _preposition_object,
    _dangling,
    _adverb_on_noun,
}


# -- rules over the pair ------------------------------------------------------------------------


def _form(token: Token) -> str | None:
    tag = token.tag_
    if tag.startswith("WW|pv"):
        return "finite-" + ("pl" if "|mv" in tag else "sg")
    if "|prenom" in tag and not tag.startswith("WW|inf"):
        return "attributive"
    if tag.startswith("WW|vd") and token.dep_ == "amod":
        return "attributive"
    if tag.startswith("WW|vd"):
        return "participle"
    if tag.startswith("WW|inf"):
        return "infinitive"
    if token.dep_ == "amod" and token.pos_ == "ADJ":
        return "attributive"
    if token.pos_ == "NOUN":
        return "noun-" + ("pl" if "|mv|" in tag + "|" else "sg")
    return None


def _word_class(old: _Parsed, new: _Parsed) -> list[str]:
    before, after = old.region(), new.region()
    if not before or not after:
        return []
    found = []
    forms_before = {_form(t) for t in before} - {None}
    forms_after = {_form(t) for t in after} - {None}
    if any(f.startswith("finite") for f in forms_before) and any(
        f.startswith("finite") for f in forms_after
    ):
        # the finite verb moved ("Mocht u … hebben" → "Als u … heeft"): compare the rest only
        forms_before -= {"infinitive", "participle"}
        forms_after -= {"infinitive", "participle"}
    te_old = any(t.lower_ == "te" for t in before)
    te_new = any(t.lower_ == "te" for t in after)
    for form in sorted(forms_before):
        kind = form.split("-")[0]
        if kind == "noun" and len(before) > 1:
            continue  # a phrase with a noun in it ("in de gelegenheid")
        if form == "attributive" and te_new:
            continue  # "het verschuldigde bedrag" → "het te betalen bedrag"
        if kind == "finite" and len(before) > 1:
            continue
        if form not in forms_after:
            found.append(f"word class: {form} became {sorted(forms_after) or 'none'}")
    infinitive = any(_form(t) == "infinitive" for t in before)
    modal = te_old and _te_verb_became_modal(before, after)  # "dient … te" → "moet …"
    if te_old != te_new and infinitive and not modal:
        found.append("word class: a te-infinitive became a bare one or the other way round")
    found += _nominal(old, new, before, after)
    first_old, first_new = before[0], after[0]
    governs = not old.inside(first_old.head)  # the words it governs stay
    if first_old.pos_ == "ADP" and first_old.dep_ == "case" and governs and first_new.pos_ != "ADP":
        found.append(f"word class: the preposition became '{first_new.text}'")
    if first_old.pos_ == "SCONJ" and governs and first_new.pos_ != "SCONJ":
        found.append(f"word class: the conjunction became '{first_new.text}'")
    return found


_TE_VERBS = {"dienen", "hoeven", "behoeven"}  # take a te-infinitive ("dient … te betalen")
_MODALS = {"moeten", "mogen", "kunnen", "willen", "zullen"}  # take a bare one ("moet … betalen")


def _te_verb_became_modal(before: list[Token], after: list[Token]) -> bool:
    """ "dient … te betalen" → "moet … betalen": the verb that wanted "te" became a modal,
    which takes the infinitive without it."""
    wanted_te = {"dient", "dien", "dienen", "diende", "dienden", "hoeft", "hoef", "hoeven"}
    return any(t.lemma_ in _TE_VERBS or t.lower_ in wanted_te for t in before) and any(
        t.lemma_ in _MODALS and t.tag_.startswith("WW|") for t in after
    )


def _head(parsed: _Parsed, region: list[Token]) -> Token | None:
    """The word of the region the rest of the sentence hangs it on."""
    outside = [t for t in region if not parsed.inside(t.head) or t.head == t]
    return outside[0] if len(outside) == 1 else None


def _nominal(old: _Parsed, new: _Parsed, before: list[Token], after: list[Token]) -> list[str]:
    """A noun phrase stays a noun phrase: "voor het indienen van een klacht" cannot become
    "voor een klacht indienen", nor "de uitreiking van de sleutels" "de sleutels uitreiken"."""
    if len(before) < 2 or before[0].pos_ == "ADP":
        return []  # a prepositional phrase ("in hoofdlijnen" → "in het kort")
    head = _head(old, before)
    if head is None:
        return []
    nominal = head.pos_ in ("NOUN", "PROPN") or head.tag_.startswith("WW|inf|nom")
    nominal = nominal or any(c.dep_ == "det" and old.inside(c) for c in head.children)
    if not nominal:
        return []
    new_head = _head(new, after)
    if new_head is not None and (
        new_head.pos_ in ("NOUN", "PROPN", "PRON") or "|nom" in new_head.tag_
    ):
        return []
    if after[0].lower_ in ("het", "de", "een"):
        return []
    return ["word class: a noun phrase became a clause"]


def _finite_count(old: _Parsed, new: _Parsed) -> list[str]:
    outside_old = sum(1 for t in _index(old.doc).finite if not old.inside(t))
    outside_new = sum(1 for t in _index(new.doc).finite if not new.inside(t))
    if outside_old != outside_new:
        return [f"clause structure: {outside_old} finite verbs outside became {outside_new}"]
    # new words may bring a finite verb only with the clause it belongs to ("als u dat wilt"):
    # "zijn … van toepassing" → "zijn … gelden" has two finite verbs in one clause
    extra_old = sum(_finite(t) for t in old.region()) - sum(_opens(t) for t in old.region())
    extra_new = sum(_finite(t) for t in new.region()) - sum(_opens(t) for t in new.region())
    if extra_new > max(extra_old, 0):
        return ["clause structure: a finite verb without a clause of its own"]
    return []


def _opens(token: Token) -> bool:
    """Whether a word opens a clause of its own (a conjunction, a relative pronoun)."""
    return token.pos_ in ("SCONJ", "CCONJ") or token.tag_.startswith("VNW|betr")


def _words(parsed: _Parsed) -> list[str]:
    return [t.lower_ for t in parsed.tokens if not t.is_punct and not t.is_space]


def _repeated(words: list[str]) -> set[tuple[str, ...]]:
    out = set()
    for n in range(1, 5):
        for i in range(len(words) - 2 * n + 1):
            # (the first words compared first: most places differ there)
            if words[i] == words[i + n] and words[i : i + n] == words[i + n : i + 2 * n]:
                out.add(tuple(words[i : i + n]))
    return out


def _repeats(old: _Parsed, new: _Parsed) -> list[str]:
    repeated = _repeated(_words(new))
    if not repeated:
        return []  # (nothing new repeats: the old sentence's repeats do not matter)
    extra = repeated - _repeated(_words(old))
    return [f"repeated: '{' '.join(r)}'" for r in sorted(extra)]


def _paraphrase(old: _Parsed, rep: Replacement) -> list[str]:
    before = old.region()
    if (
        len(before) == 1
        and before[0].pos_ in ("NOUN", "PROPN", "X")
        and _PARAPHRASE.match(rep.text)
    ):
        return [f"paraphrase of the compound '{before[0].text}'"]
    return []


def _colon(old: _Parsed, new: _Parsed, rep: Replacement) -> list[str]:
    found = []
    old_text = doc_text(rep.doc)[rep.start : rep.end].rstrip()
    if old_text.endswith(":") and rep.text.startswith(old_text) and rep.text.rstrip() != old_text:
        found.append("something was put between a colon and what it introduces")
    if not rep.text.rstrip().endswith(":"):
        return found
    rest = [t for t in new.tokens if t.idx >= new.hi and not t.is_space]
    if not rest or rest[0].is_punct and rest[0].text in ".!?":
        return found
    if rest[0].pos_ == "SCONJ" or rest[0].lower_ in ("dat", "om", "te", "of"):
        found.append(f"after the colon a subclause follows ('{rest[0].text}')")
    elif not any(_finite(t) for t in rest):
        found.append("after the colon no clause follows")
    return found


def _coordinator(old: _Parsed, new: _Parsed) -> list[str]:
    after, before = new.region(), old.region()
    if not after or after[0].lower_ not in _COORDINATORS:
        return []
    if before and before[0].lower_ in _COORDINATORS | {"doch", "alsmede", "alsook", "danwel"}:
        return []  # a coordinator for a coordinator
    first = after[0]
    previous = new.doc[first.i - 1] if first.i > 0 else None
    if previous is not None and not (previous.is_punct and previous.text in ",;:.!?(-–"):
        return [f"'{first.text}' does not start a clause"]
    following = new.doc[after[-1].i + 1] if after[-1].i + 1 < len(new.doc) else None
    if following is not None and following.is_punct and following.text == ",":
        return [f"a comma after '{first.text}'"]
    if following is not None and _finite(following):
        question = doc_text(new.doc).rstrip().endswith("?")
        if not question:
            return [f"the verb follows '{first.text}' directly (inversion)"]
    return []
