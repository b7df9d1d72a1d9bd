"""When a sentence is too long to read in one go (LB201), from its words and its structure.

A plain-language editor does not count words alone. A sentence is too long

- above ``max`` words (25): the reader has to hold too much, whatever its structure;
- above ``clause-max`` words (20) when it holds an embedded clause: a relative clause ("die
  …", "waarin …"), a clause with a subordinating conjunction ("omdat …", "als …", "dat …"),
  an "om … te" clause or an infinitive clause with words of its own ("… gebruik te maken van
  een minicontainer").

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
from lint_brieven.dutch.clauses import clause_head, is_subordinate
from lint_brieven.letter import MappedText

# options of the ``words`` metric (rule pack ``options``, or ``[rule-options.LB201]``)
DEFAULTS = {"clause-max": 20, "list-item-words": 7}
# a parallel clause ("als u het laat verrekenen") may be a little longer than a list item
_CLAUSE_ITEM_EXTRA = 3
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
    finite verbs outside its lists (``verbs``: more than one is more than one clause) and the
    opening of its first embedded clause outside a list, if any (``clause``)."""

    words: int
    core: int
    verbs: int
    clause: str | None


def measure(
    sentence: Span,
    content: MappedText,
    names: frozenset[str] = frozenset(),
    item_words: int = DEFAULTS["list-item-words"],
) -> Length:
    aside = trailing_aside(sentence)
    counted = {t.i for t in sentence_words.words(sentence, content, names)} - aside
    listed = list_words(sentence, counted, item_words)
    clause = next(iter(embedded_clauses(sentence, listed | aside, content.text)), None)
    verbs = sum(1 for t in sentence if t.tag_.startswith("WW|pv") and t.i not in listed | aside)
    return Length(len(counted), len(counted - listed), verbs, clause)


def too_long(length: Length, most: float, clause_most: float) -> bool:
    """Over ``most`` words, or over ``clause_most`` with an embedded clause; never one simple
    clause plus a list (one finite verb, no embedded clause, and at most ``clause_most`` words
    besides the list)."""
    if length.words <= clause_most:
        return False
    if length.clause is None and length.verbs <= 1 and length.core <= clause_most:
        return False
    return length.words > most or length.clause is not None


# -- asides and lists ------------------------------------------------------------------------


def trailing_aside(sentence: Span) -> set[int]:
    """The tokens of a bracketed aside that ends the sentence (only punctuation after it)."""
    tokens = [t for t in sentence if not t.is_space]
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
    for token in sentence:
        conjuncts = [c for c in token.children if c.dep_ == "conj" and not _verbal(c)]
        loose = [
            c
            for c in token.children
            if c.dep_ in ("parataxis", "appos") and c.pos_ in ("NOUN", "PROPN")
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
    u …" reads as a list of conditions."""
    heads_by_mark: dict[str, list[Token]] = {}
    for token in sentence:
        if token.dep_ == "mark" and token.pos_ == "SCONJ":
            heads_by_mark.setdefault(token.lower_, []).append(token.head)
    out = []
    for heads in heads_by_mark.values():
        indices = {h.i for h in heads}
        linked = [
            h for h in heads if h.head.i in indices or any(c.i in indices for c in h.children)
        ]
        if len(heads) >= 2 and len(linked) == len(heads):
            out.append(
                [_own(h, [x for x in heads if x.i != h.i and x.head.i == h.i]) for h in heads]
            )
    return out


# -- embedded clauses ------------------------------------------------------------------------


def embedded_clauses(sentence: Span, skip: set[int], written: str = "") -> list[str]:
    """The opening words (as ``written``, when given) of each embedded clause outside
    ``skip``: clauses with a verb of their own first ("omdat …", "die …"), then "om … te"
    clauses, then other infinitive clauses; each in reading order."""
    found: list[tuple[int, int, str]] = []
    for token in sentence:
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
    if token.tag_.startswith("WW|pv") and is_subordinate(token):
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


def _opening(start: Token, sentence: Span, written: str) -> str:
    """The clause's first words, up to ``_OPENING_WORDS`` and never past punctuation."""
    words: list[str] = []
    more = False
    for token in sentence.doc[start.i : sentence.end]:
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
