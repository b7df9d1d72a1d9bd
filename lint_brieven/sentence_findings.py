"""One sentence, one sentence finding.

A long sentence (LB201), a sentence at LiNT-II level 4 (LB402) and a split verb in it (LB206)
are one problem for the writer: the sentence is hard to read. The checks put *why* on their
hits as structured reasons (``Long``, ``Hard``, ``Split``; the engine carries them on to the
finding) and :func:`merge` turns the findings of one sentence into one finding that names
every reason and gives the one best advice:

- it keeps the code, rule name, place and advice of the primary reason, LB201 before LB402
  before LB206 (``PRIORITY``), and the strictest severity of the findings merged;
- its advice: split the sentence when it is long; else replace the named hard words; else put
  the words that belong together close together.

The merge runs after selection and suppression: a code the configuration ignores, or that a
comment suppresses on that line, was never a finding and so adds no reason; the others merge
under the next code in line (LB402, then LB206). A sentence with one reason keeps its rule's
own message. Findings merge only within one file and one template variant.

Word-level findings (officialese, jargon, passive clause, LB209's rare word) stay separate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from lint_brieven.findings import Finding


@dataclass(frozen=True)
class Apart:
    """Two words that belong together, ``gap`` words apart, in reading order."""

    first: str
    second: str
    gap: int


@dataclass(frozen=True)
class Long:
    """LB201: the sentence has ``words`` words, more than ``limit``; or more than the rule's
    shorter limit for a sentence with ``clause``: the opening words of an embedded clause
    (``kind`` "bijzin"), a participle phrase before a noun ("bepaling") or officialese
    ("ambtelijk")."""

    words: int
    limit: float
    clause: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Hard:
    """LB402: the sentence's LiNT-II level and score and what makes it hard: its hard words
    (rarest first), its officialese words and stiff constructions (``stiff``), its passives
    without a doer (``passive``), its unexplained jargon (``jargon``) and a long distance
    between words that belong together (``apart``: a subject with a clause inside it, far from
    its verb)."""

    level: int
    score: float
    words: tuple[str, ...] = ()
    apart: Apart | None = None
    stiff: tuple[str, ...] = ()
    passive: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    """LB206: the parts of the verb (or subject and verb) are far apart."""

    apart: Apart


SentenceReason = Long | Hard | Split
PRIORITY = (Long, Hard, Split)  # the primary reason's finding gives the code

LEAD = "Deze zin is te moeilijk"
FAR_APART = 10  # words between two parts that belong together: bringing them together helps most
ADVICE_SPLIT = "Maak er twee of drie korte zinnen van."


def split_reason(values: Mapping[str, object]) -> Split | None:
    """The reason of a split-verb detector hit, from the values its message fills in."""
    first, second, gap = values.get("first"), values.get("second"), values.get("gap")
    if isinstance(first, str) and isinstance(second, str) and isinstance(gap, int):
        return Split(Apart(first, second, gap))
    return None


# -- merging -------------------------------------------------------------------------------


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` with every sentence's findings (those with a reason) merged into one."""
    out: list[Finding] = []
    by_file: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in findings:
        if finding.reason is None:
            out.append(finding)
        else:
            by_file.setdefault((finding.path, finding.variant), []).append(finding)
    for group in by_file.values():
        for sentence in _sentences(group):
            out.append(sentence[0] if len(sentence) == 1 else merged(sentence))
    return out


def _start(f: Finding) -> tuple[int, int]:
    return (f.line, f.column)


def _end(f: Finding) -> tuple[int, int]:
    return (f.end_line, f.end_column)


def _sentences(findings: list[Finding]) -> list[list[Finding]]:
    """The findings grouped by sentence: a sentence-wide finding (LB201, LB402) with the
    sentence-wide findings that overlap it and the split verbs that lie within it."""
    wide = sorted((f for f in findings if not isinstance(f.reason, Split)), key=_start)
    groups: list[list[Finding]] = []
    for f in wide:
        if groups and _start(f) < max(_end(g) for g in groups[-1]):
            groups[-1].append(f)
        else:
            groups.append([f])
    loose: list[list[Finding]] = []
    for f in findings:
        if not isinstance(f.reason, Split):
            continue
        home = next(
            (
                g
                for g in groups
                if min(_start(x) for x in g) <= _start(f) and _end(f) <= max(_end(x) for x in g)
            ),
            None,
        )
        if home is None:
            loose.append([f])
        else:
            home.append(f)
    return groups + loose


def merged(findings: list[Finding]) -> Finding:
    """One finding for the findings of one sentence."""
    ordered = sorted(findings, key=lambda f: (_rank(f.reason), f.code))
    primary = ordered[0]
    reasons = [f.reason for f in ordered if f.reason is not None]
    return replace(
        primary,
        severity=max((f.severity for f in findings), key=lambda s: s.rank),
        message=message(reasons),
        suggestions=tuple(s for s in primary.suggestions if not s.replaces),
    )


def _rank(reason: SentenceReason | None) -> int:
    return next(i for i, kind in enumerate(PRIORITY) if isinstance(reason, kind))


# -- the message ---------------------------------------------------------------------------


def message(reasons: list[SentenceReason]) -> str:
    """ "Deze zin is te moeilijk: <every reason>. <the one best advice>" """
    long = next((r for r in reasons if isinstance(r, Long)), None)
    hard = next((r for r in reasons if isinstance(r, Hard)), None)
    apart = _distance(reasons)
    parts: list[str] = []
    if long:
        parts.append(f"{long.words} woorden{long_why(long)}")
    if hard:
        part = f"LiNT-II-niveau {hard.level} (score {comma(hard.score)})"
        causes = hard_causes(hard)
        if causes:
            part += f" door {joined(causes)}"
        parts.append(part)
    if apart:
        parts.append(f"'{apart.second}' staat {apart.gap} woorden na '{apart.first}'")
    return f"{LEAD}: {joined(parts)}. {_advice(long, hard, apart)}"


LONG_BECAUSE = {
    "bijzin": "een bijzin",
    "bepaling": "een ingeschoven bepaling",
    "ambtelijk": "ambtelijke taal",
}


def long_why(long: Long) -> str:
    """ " (meer dan 25)", or for a shorter sentence what makes it long: " en een bijzin
    ('omdat de bomen …')", " en een ingeschoven bepaling ('door u aangeleverde')", " en
    ambtelijke taal ('hierbij')"."""
    if long.words > long.limit or not long.clause:
        return f" (meer dan {number(long.limit)})"
    return f" en {LONG_BECAUSE.get(long.kind or 'bijzin', 'een bijzin')} ('{long.clause}')"


def hard_causes(hard: Hard) -> list[str]:
    """What makes the sentence hard, besides distance: "het zeldzame woord 'x'", "de
    ambtelijke taal 'a' en 'b'", "de lijdende vorm 'wordt … behaald'"."""
    causes = []
    if hard.words:
        noun = "de zeldzame woorden" if len(hard.words) > 1 else "het zeldzame woord"
        causes.append(f"{noun} {listed(hard.words)}")
    if hard.jargon:
        noun = "de vakwoorden" if len(hard.jargon) > 1 else "het vakwoord"
        causes.append(f"{noun} {listed(hard.jargon)}")
    if hard.stiff:
        causes.append(f"de ambtelijke taal {listed(hard.stiff)}")
    if hard.passive:
        noun = "de lijdende vormen" if len(hard.passive) > 1 else "de lijdende vorm"
        causes.append(f"{noun} {listed(hard.passive)}")
    return causes


def _distance(reasons: list[SentenceReason]) -> Apart | None:
    """The one distance to name: the split verb's when LB206 found one, else LiNT-II's
    longest dependency (two distances in one sentence read as a puzzle)."""
    split = next((r.apart for r in reasons if isinstance(r, Split)), None)
    return split or next((r.apart for r in reasons if isinstance(r, Hard) and r.apart), None)


def _advice(long: Long | None, hard: Hard | None, apart: Apart | None) -> str:
    """The one best advice: split a long sentence; else put words that belong together but
    stand ``FAR_APART`` or more apart close together; else replace the hard words; else put
    the words that belong together close together; else say who acts."""
    if long:
        return ADVICE_SPLIT
    if apart and apart.gap >= FAR_APART:
        return f"Zet '{apart.first}' en '{apart.second}' dichter bij elkaar."
    if hard and (hard.words or hard.jargon or hard.stiff):
        return f"Vervang {listed((*hard.words, *hard.jargon, *hard.stiff))} door gewone woorden."
    if apart:
        return f"Zet '{apart.first}' en '{apart.second}' dichter bij elkaar."
    if hard and hard.passive:
        return "Zeg wie het doet: schrijf de zin actief."
    return ADVICE_SPLIT


def joined(parts: list[str]) -> str:
    """Dutch enumeration; ", en" before the last part when a part holds an "en" itself."""
    if len(parts) < 2:
        return "".join(parts)
    last = ", en " if any(" en " in p for p in parts[:-1]) else " en "
    return ", ".join(parts[:-1]) + last + parts[-1]


def listed(words: Iterable[str]) -> str:
    """ "'a', 'b' en 'c'"."""
    quoted = [f"'{w}'" for w in words]
    return " en ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else "".join(quoted)


def number(value: float) -> str:
    """20.0 -> "20", 20.5 -> "20,5"."""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def comma(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}".replace(".", ",")


# -- as plain JSON (the audit cache) --------------------------------------------------------


def reason_json(reason: SentenceReason | None) -> dict[str, Any] | None:
    if reason is None:
        return None
    if isinstance(reason, Long):
        return {
            "kind": "long",
            "words": reason.words,
            "limit": reason.limit,
            "clause": reason.clause,
            "because": reason.kind,
        }
    if isinstance(reason, Hard):
        return {
            "kind": "hard",
            "level": reason.level,
            "score": reason.score,
            "words": list(reason.words),
            "apart": _apart_json(reason.apart),
            "stiff": list(reason.stiff),
            "passive": list(reason.passive),
            "jargon": list(reason.jargon),
        }
    return {"kind": "split", "apart": _apart_json(reason.apart)}


def _apart_json(apart: Apart | None) -> list | None:
    return None if apart is None else [apart.first, apart.second, apart.gap]


def reason_from_json(value: Any) -> SentenceReason | None:
    """The reason ``reason_json`` wrote; ValueError for anything else."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("reason")
    kind = value.get("kind")
    fields = {
        "long": {"words", "limit", "clause", "because"},
        "hard": {"level", "score", "words", "apart", "stiff", "passive", "jargon"},
    }
    if set(value) != {"kind"} | fields.get(kind, {"apart"}) or kind not in (*fields, "split"):
        raise ValueError("reason")
    if kind == "long":
        clause, kind = value["clause"], value["because"]
        if clause is not None and not isinstance(clause, str):
            raise ValueError("reason")
        if kind is not None and kind not in LONG_BECAUSE:
            raise ValueError("reason")
        return Long(_int(value["words"]), _float(value["limit"]), clause, kind)
    if kind == "hard":
        apart = None if value["apart"] is None else _apart_from_json(value["apart"])
        return Hard(
            _int(value["level"]),
            _float(value["score"]),
            _texts(value["words"]),
            apart,
            _texts(value["stiff"]),
            _texts(value["passive"]),
            _texts(value["jargon"]),
        )
    return Split(_apart_from_json(value["apart"]))


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ValueError("reason")
    return tuple(value)


def reason_texts(reason: SentenceReason | None) -> tuple[str, ...]:
    """Every text a reason holds (words as the letter writes them)."""
    if reason is None:
        return ()
    if isinstance(reason, Long):
        return (reason.clause,) if reason.clause else ()
    apart = reason.apart
    words = (
        (*reason.words, *reason.jargon, *reason.stiff, *reason.passive)
        if isinstance(reason, Hard)
        else ()
    )
    return (*words, *((apart.first, apart.second) if apart else ()))


def _apart_from_json(value: Any) -> Apart:
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not isinstance(value[0], str)
        or not isinstance(value[1], str)
    ):
        raise ValueError("reason")
    return Apart(value[0], value[1], _int(value[2]))


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError("reason")
    return float(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("reason")
    return value
