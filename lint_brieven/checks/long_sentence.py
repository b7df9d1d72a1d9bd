"""When a sentence is too long to read in one go (LB201), from its words and its structure.

A plain-language editor does not count words alone. A sentence is too long

- above ``max`` words (25): the reader has to hold too much, whatever its structure;
- above ``clause-max`` words (20) when it holds an embedded clause: a relative clause ("die
  …", "waarin …"), a clause with a subordinating conjunction ("omdat …", "als …", "dat …"),
  an "om … te" clause, an infinitive clause with words of its own ("… gebruik te maken van
  een minicontainer") or a participle with words of its own before its noun ("de door de
  vorige huurder achtergelaten spullen", "de thans in ons bezit zijnde informatie"); or when
  it holds officialese (the words the officialese rules report, passed in by the caller).

It is not too long when the count comes from what the reader does not have to hold:

- names, numbers, dates, amounts, addresses and placeholders (``sentence_words``);
- an aside in brackets at the end, once the sentence is complete ("…, aan het orgaan dat het
  besluit nam (het college, de gemeenteraad of de burgemeester).");
- a list: one simple clause plus a list of short items ("U krijgt een brief met de startdatum,
  de duur van het werk en de hinder die u kunt hebben.") is not long unless the clause itself,
  without the list, is long. Items are the conjuncts of a coordination of words or phrases
  (not of clauses), each of at most ``list-item-words`` words, a phrase after a comma that
  the parse attaches loosely (an apposition or a further item), and parallel clauses that
  repeat their conjunction ("als u …, als u … of als u …"). A clause inside an item ("de
  hinder die u kunt hebben") is part of the item, not an embedded clause of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from lint_brieven.checks import sentence_words
from lint_brieven.checks.doc_cache import doc_tokens
from lint_brieven.checks.sentence_words import tokens_of
from lint_brieven.dutch.clauses import clause_head, is_subordinate
from lint_brieven.letter import MappedText

# options of the ``words`` metric (rule pack ``options``, or ``[rule-options.LB201]``)
DEFAULTS = {"clause-max": 20, "list-item-words": 7}
# a parallel clause ("als u het laat verrekenen") may be a little longer than a list item
_CLAUSE_ITEM_EXTRA = 5
# verbs whose "te" + infinitive is part of the verb group, not a clause of its own ("is niet
# te gebruiken", "hoeft niet te betalen", "dient te worden ingediend", "begint te lekken")
_TE_VERB_GROUP = frozenset(
    {
        *("zijn", "hoeven", "hebben", "dienen", "moeten", "lijken", "schijnen", "blijken"),
        *("proberen", "beginnen", "staan", "zitten", "liggen", "komen", "gaan", "blijven"),
        *("weten", "durven", "plegen", "menen", "vallen"),
    }
)
_OWN_WORDS = frozenset({"obj", "obl", "obl:arg", "iobj", "nsubj", "xcomp", "ccomp"})
_OPENING_WORDS = 3  # words shown of the clause that makes a sentence long ("omdat de bomen …")


@dataclass(frozen=True)
class Length:
    """A sentence's words (``words``: the count), the words outside its lists (``core``), its
    finite verbs outside its lists (``verbs``: more than one is more than one clause) and what
    makes a shorter sentence long, outside its lists: the opening of its first embedded clause
    or participle phrase, or its first officialese (``clause``), and which of the three it is
    (``kind``: ``bijzin``, ``bepaling``, ``ambtelijk``)."""

    words: int
    core: int
    verbs: int
    clause: str | None
    kind: str | None = None


def measure(
    sentence: Span,
    content: MappedText,
    names: frozenset[str] = frozenset(),
    item_words: int = DEFAULTS["list-item-words"],
    officialese: Iterable[Span] = (),
    words: Iterable[Token] | None = None,
) -> Length:
    """The sentence's ``Length``; ``words``: its words (``sentence_words``) when the caller
    has them."""
    aside = trailing_aside(sentence)
    if words is None:
        words = sentence_words.words(sentence, content, names)
    counted = {t.i for t in words} - aside
    listed = list_words(sentence, counted, item_words)
    skip = listed | aside
    verbs = sum(
        1
        for t in tokens_of(sentence)
        if t.tag_.startswith("WW|pv") and t.i not in skip and not _attributive(t)
    )
    clause = next(iter(embedded_clauses(sentence, skip, content.text)), None)
    if clause is not None:
        return Length(len(counted), len(counted - listed), verbs, clause, "bijzin")
    phrase = next(iter(participle_phrases(sentence, skip)), None)
    if phrase is not None:
        shown = _opening(phrase[0], sentence, content.text, phrase[-1].i + 1)
        return Length(len(counted), len(counted - listed), verbs, shown, "bepaling")
    stiff = next(
        (
            s
            for s in sorted(officialese, key=lambda s: s.start)
            if sentence.start <= s.start < sentence.end and s.start not in skip
        ),
        None,
    )
    shown = content.text[stiff.start_char : stiff.end_char] if stiff is not None else None
    return Length(len(counted), len(counted - listed), verbs, shown, "ambtelijk" if shown else None)


def too_long(length: Length, most: float, clause_most: float) -> bool:
    """Over ``most`` words, or over ``clause_most`` with an embedded clause, a participle
    phrase or officialese; never one simple clause plus a list (one finite verb, no embedded
    clause, and at most ``clause_most`` words besides the list)."""
    if length.words <= clause_most:
        return False
    structured = length.kind in ("bijzin", "bepaling")
    if not structured and length.verbs <= 1 and length.core <= clause_most:
        return False
    return length.words > most or length.clause is not None


# -- asides and lists ------------------------------------------------------------------------


def trailing_aside(sentence: Span) -> set[int]:
    """The tokens of a bracketed aside that ends the sentence (only punctuation after it)."""
    tokens = [t for t in tokens_of(sentence) if not t.is_space]
    end = len(tokens) - 1
    while end >= 0 and tokens[end].is_punct and tokens[end].text != ")":
        end -= 1
    if end < 0 or tokens[end].text != ")":
        return set()
    depth = 0
    for k in range(end, -1, -1):
        if tokens[k].text == ")":
            depth += 1
        elif tokens[k].text == "(":
            depth -= 1
            if depth == 0:
                return {t.i for t in tokens[k : end + 1]} if k > 0 else set()
    return set()


def list_words(sentence: Span, counted: set[int], item_words: int) -> set[int]:
    """The counted words that are items of a list (see the module docstring)."""
    out: set[int] = set()
    for items in _coordinations(sentence):
        if len(items) >= 2 and all(len(item & counted) <= item_words for item in items):
            for item in items:
                out |= item & counted
    for items in _parallel_clauses(sentence):
        if all(len(item & counted) <= item_words + _CLAUSE_ITEM_EXTRA for item in items):
            for item in items:
                out |= item & counted
    return out


def _verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _own(token: Token, skip: Iterable[Token]) -> set[int]:
    """The token's subtree without the subtrees of ``skip`` and without the conjunction or
    comma that joins it to the item before."""
    left_out = {t.i for s in skip for t in s.subtree}
    joins = {c.i for c in token.children if c.dep_ in ("cc", "punct") and c.i < token.i}
    return {t.i for t in token.subtree if t.i not in left_out and t.i not in joins}


def _coordinations(sentence: Span) -> list[list[set[int]]]:
    """Items of each coordination of words or phrases: "trottoirs, fietspaden of delen van de
    weg"; also phrases the parse attaches loosely after a comma, or coordinates with the verb,
    with the phrase before them ("een brief met de startdatum, de duur van het werk en de
    hinder …")."""
    out: list[list[set[int]]] = []
    for token in tokens_of(sentence):
        if not token.n_lefts and not token.n_rights:
            continue  # no children: neither a coordination nor a loose phrase
        children = list(token.children)
        conjuncts = [c for c in children if c.dep_ == "conj" and not _verbal(c)]
        loose = [
            c for c in children if c.dep_ in ("parataxis", "appos") and c.pos_ in ("NOUN", "PROPN")
        ]
        if conjuncts and not _verbal(token):
            items = [_own(token, conjuncts)]
            items += [_own(c, [x for x in c.children if x.dep_ == "conj"]) for c in conjuncts]
            out.append(items)
            conjuncts = []
        phrases = sorted(
            (c for c in (*conjuncts, *loose) if c.pos_ in ("NOUN", "PROPN")), key=lambda t: t.i
        )
        if not phrases:
            continue
        previous = _phrase_before(phrases[0], sentence)
        if previous is not None:
            items = [_own(previous, [])]
            items += [_own(c, [x for x in c.children if x.dep_ == "conj"]) for c in phrases]
            out.append(items)
    return out


def _separator(token: Token) -> bool:
    return token.text == "," or token.pos_ == "CCONJ"


def _phrase_before(phrase: Token, sentence: Span) -> Token | None:
    """The head of the noun phrase that ends right before ``phrase`` and the comma or
    conjunction in front of it."""
    doc = phrase.doc
    k = phrase.left_edge.i
    if not _separator(doc[k]):
        k -= 1
        if k < sentence.start or not _separator(doc[k]):
            return None
    while k >= sentence.start and _separator(doc[k]):
        k -= 1
    if k < sentence.start:
        return None
    head = doc[k]
    return head if head.pos_ in ("NOUN", "PROPN") else None


def _parallel_clauses(sentence: Span) -> list[list[set[int]]]:
    """Coordinated clauses that each repeat the same conjunction: "als u …, als u … of als
    u …" reads as a list of conditions. Each item runs from its conjunction to the end of its
    clause (without the clauses coordinated with it)."""
    marks_by_word: dict[str, list[Token]] = {}
    for token in tokens_of(sentence):
        if token.dep_ == "mark" and token.pos_ == "SCONJ":
            marks_by_word.setdefault(token.lower_, []).append(token)
    out = []
    for marks in marks_by_word.values():
        if len(marks) < 2:
            continue
        heads = [m.head for m in marks]
        first = heads[0]
        if not all(h.dep_ in ("conj", "advcl") and first in h.ancestors for h in heads[1:]):
            continue
        items = []
        for mark, head in zip(marks, heads, strict=True):
            others = [h for h in heads if h.i != head.i and head in h.ancestors]
            items.append({i for i in _own(head, others) if i >= mark.i})
        out.append(items)
    return out


# -- embedded clauses ------------------------------------------------------------------------


def embedded_clauses(sentence: Span, skip: set[int], written: str = "") -> list[str]:
    """The opening words (as ``written``, when given) of each embedded clause outside
    ``skip``: clauses with a verb of their own first ("omdat …", "die …"), then "om … te"
    clauses, then other infinitive clauses; each in reading order."""
    found: list[tuple[int, int, str]] = []
    for token in tokens_of(sentence):
        if token.i in skip:
            continue
        start = _clause_start(token)
        if start is not None:
            kind, first = start
            found.append((kind, first.i, _opening(first, sentence, written)))
    return [opening for _, _, opening in sorted(found)]


def _clause_start(token: Token) -> tuple[int, Token] | None:
    """(kind, first word) of the embedded clause ``token`` marks, or None. Kinds: 0 a clause
    with a finite verb, 1 an "om … te" clause, 2 another infinitive clause."""
    if token.tag_.startswith("WW|pv") and is_subordinate(token) and not _attributive(token):
        head = clause_head(token)
        words = [t for t in head.subtree if t.dep_ not in ("cc", "punct")]
        marked = head
        for _ in range(10):  # "als u … aanpast en … terugstort": the first clause's "als"
            marks = [c for c in marked.children if c.dep_ == "mark" and c.i < token.i]
            if marks or marked.dep_ != "conj" or marked.head.i == marked.i:
                break
            marked = marked.head
        return 0, min(marks or words or [token], key=lambda t: t.i)
    if token.lower_ == "om" and token.dep_ == "mark" and token.head.tag_.startswith("WW|inf"):
        return 1, token
    if token.lower_ == "te" and token.head.tag_.startswith("WW|inf"):
        verb = token.head
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "csubj", "acl"):
            return None
        if verb.head.lemma_.lower() in _TE_VERB_GROUP:
            return None
        if any(c.lower_ == "om" for c in verb.children):
            return None  # the "om" already marks it
        if any(c.dep_ in _OWN_WORDS for c in verb.children):
            words = [t for t in verb.subtree if t.dep_ not in ("cc", "punct")]
            return 2, min(words, key=lambda t: t.i)
    return None


def _opening(start: Token, sentence: Span, written: str, end: int | None = None) -> str:
    """The clause's first words, up to ``_OPENING_WORDS`` and never past punctuation (or the
    whole phrase up to token ``end``, when given)."""
    words: list[str] = []
    more = False
    if end is not None:
        shown = [
            written[t.idx : t.idx + len(t)] or t.text
            for t in doc_tokens(sentence.doc)[start.i : end]
            if not t.is_space
        ]
        return " ".join(shown)
    for token in doc_tokens(sentence.doc)[start.i : sentence.end]:
        if token.is_space:
            continue
        if token.is_punct:
            more = True
            break
        if len(words) == _OPENING_WORDS:
            more = True
            break
        words.append(written[token.idx : token.idx + len(token)] or token.text)
    return " ".join(words) + (" …" if more else "")


# -- participle phrases ----------------------------------------------------------------------

_DETERMINERS = frozenset(
    {
        *("de", "het", "een", "deze", "die", "dit", "dat", "uw", "onze", "ons", "zijn", "haar"),
        *("hun", "mijn", "jouw", "alle", "elke", "ieder", "iedere", "eventuele", "genoemde"),
    }
)


def participle_phrases(sentence: Span, skip: set[int] = frozenset()) -> list[list[Token]]:
    """Participles with words of their own before their noun, between the determiner and the
    noun: "het door u aangeleverde bewijs", "de thans in ons bezit zijnde informatie", "door de
    vorige huurder achtergelaten spullen". Each as its tokens, from the first word after the
    determiner to the participle."""
    out = []
    for token in tokens_of(sentence):
        if token.i in skip or not (
            token.tag_.startswith(("WW|vd", "WW|od")) or _attributive(token)
        ):
            continue
        after = token.doc[token.i + 1] if token.i + 1 < sentence.end else None
        if after is None or not (
            after.pos_ == "NOUN" or (after.pos_ == "ADJ" and _noun_next(after))
        ):
            continue
        inside: list[Token] = []
        k = token.i - 1
        while k >= sentence.start:
            word = token.doc[k]
            if word.is_punct or word.tag_.startswith("WW|pv") or word.dep_ == "cc":
                break
            before = token.doc[k - 1] if k - 1 >= sentence.start else None
            in_phrase = before is not None and before.pos_ == "ADP"
            determiner = word.lower_ in _DETERMINERS and word.pos_ in (
                "DET",
                "PRON",
                "ADJ",
                "PROPN",
            )
            if determiner and not in_phrase:
                break
            inside.insert(0, word)
            k -= 1
        if any(w.pos_ == "ADP" for w in inside) or any(
            w.tag_.startswith("VNW|pr") or w.lower_ in ("mij", "ons", "u") for w in inside
        ):
            out.append([*inside, token])
    return out


def _attributive(token: Token) -> bool:
    """A participle before its noun that the tagger took for a past tense ("de door u
    ingevulde gegevens": "ingevulde" tagged as a finite verb)."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.tag_.startswith("WW|pv|verl")
        and token.lower_.endswith(("de", "te"))
        and token.dep_ in ("acl", "amod")
        and following is not None
        and token.head.i == following.i
        and following.pos_ == "NOUN"
    )


def _noun_next(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.pos_ == "NOUN"
