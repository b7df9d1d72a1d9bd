"""Precision of lint-brieven's findings on the judged development set (issue 14).

    .venv/bin/python benchmarks/precision.py [--dev eval/dev] [--json]
    .venv/bin/python benchmarks/precision.py --write-template   # stubs for unjudged findings
    .venv/bin/python benchmarks/precision.py --update           # write rules/precision.yaml
    .venv/bin/python benchmarks/precision.py --pairs eval/plain-pairs/pairs.yaml

It runs the tool the way a user does, in this process (``lint_brieven.cli.main``):
``lint-brieven check DEV --select ALL --output-format json`` and once more without
``--select`` (the default selection a user gets). Each finding is matched to a judgment in the
sidecar beside its text (``eval/dev/<slug>.yaml``, key ``judgments``; see
/work/notes/common14.md): same code, same flagged text (whitespace folded), nearest line; each
judgment is used at most once. Then, per rule: findings, judged, TP, TP-bad, FP,
precision = (TP + TP-bad) / judged, usable = TP / judged; overall for the default selection and
for ALL; the rate of correct concrete replacements (judgment field ``replacement: correct |
wrong``), overall and among the safe ones; every finding without a verdict, for a judge; the
judgments that match no finding any more; and a warning for each group of judgments in one
sidecar with the same code, text and line that disagree (verdict or replacement): findings take
those in file order, so which verdict counts would depend on the order alone. Exit code 0 (2
when DEV or a sidecar cannot be used).

``--write-template`` appends a stub (``verdict: null``) for every finding that has no judgment
to the sidecar's ``judgments`` list, as text: existing entries and comments stay as they are,
and the result is parsed back and compared before it is written.

``--update`` writes the measured precision per rule to ``rules/precision.yaml``, which decides
which rules are on by default (``lint_brieven/checks/precision.py``); ``threshold`` and
``min_judged`` in that file are kept.

``--pairs FILE``: published before/after plain-language pairs. FILE holds a list (or a key
``pairs`` with a list) of entries ``{before: "…", after: "…", source: URL, swap: {word: plain}}``
(``swap`` optional: a word in "before" and the plain word the guide uses instead). Every
sentence is written as a small text fragment (a file named ``_…``: a template piece, so no
whole-letter check runs; the whole-letter rules are ignored as well) into a temporary folder,
and the CLI runs once on all of them with the default selection. Printed: the share of "after"
sentences with any finding (target at most 10%), the share of "before" sentences with one, and
for the swaps how often our first suggestion for the word is the guide's plain word.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
VERDICTS = {"tp": "TP", "tp-bad": "TP-bad", "fp": "FP"}
REPLACEMENTS = ("correct", "wrong")
# whole-letter rules, besides kind "letter" and scope "letter": silent for a fragment
WHOLE_LETTER_DETECTORS = {"contact-person", "main-message-first", "impersonal-salutation"}
AFTER_TARGET = 0.10


class DevSetError(Exception):
    """The judged set cannot be used (a missing folder, a sidecar that is not valid)."""


# -- running the tool --------------------------------------------------------------------------


def run_cli(paths: Sequence[str | Path], *options: str) -> dict[str, Any]:
    """``lint-brieven check PATHS --output-format json OPTIONS``, in this process; the JSON."""
    from lint_brieven.cli import main

    with tempfile.TemporaryDirectory(prefix="lint-brieven-precision-") as tmp:
        out = Path(tmp) / "report.json"
        argv = ["check", *map(str, paths), "--output-format", "json", "--exit-zero"]
        code = main([*argv, "--output", str(out), *options])
        if not out.is_file():
            raise DevSetError(f"lint-brieven check gave no report (exit code {code})")
        return json.loads(out.read_text(encoding="utf-8"))


def _resolved(display: str) -> Path:
    path = Path(display)
    return (path if path.is_absolute() else Path.cwd() / path).resolve()


# -- sidecars and judgments --------------------------------------------------------------------


@dataclass
class Judgment:
    code: str
    text: str
    line: int
    verdict: str | None  # "TP", "TP-bad", "FP"; None: a stub not judged yet
    replacement: str | None  # "correct", "wrong"; None: not judged (or no replacement)
    reason: str = ""
    replacement_text: str | None = None  # the replacement judged; None: whatever is offered


@dataclass
class Finding:
    path: Path  # the text, resolved
    display: str  # as the tool printed it
    code: str
    text: str
    line: int
    message: str
    suggestions: list[dict[str, Any]]

    @property
    def key(self) -> tuple[str, str]:
        return self.code, fold(self.text)

    @property
    def replacement(self) -> dict[str, Any] | None:
        """The first concrete replacement the finding offers (applied by --fix), if any."""
        return next((s for s in self.suggestions if s.get("replaces")), None)

    @property
    def first_suggestion(self) -> str:
        return self.suggestions[0]["text"] if self.suggestions else ""


def fold(text: str) -> str:
    return " ".join(str(text).split())


def sidecar_of(text: Path) -> Path:
    """``slug.html.j2`` → ``slug.yaml`` beside it: the longest ``name-without-suffixes.yaml``
    that exists, else the one named for the part before the first dot."""
    parts = text.name.split(".")
    for k in range(len(parts) - 1, 0, -1):
        candidate = text.with_name(".".join(parts[:k]) + ".yaml")
        if candidate.is_file():
            return candidate
    return text.with_name(parts[0] + ".yaml")


def read_sidecar(path: Path) -> list[Judgment]:
    """The judgments in a sidecar ([] when it does not exist or has none)."""
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DevSetError(f"{_here(path)}: cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise DevSetError(f"{_here(path)}: expected a mapping with 'judgments'")
    entries = data.get("judgments") or []
    if not isinstance(entries, list):
        raise DevSetError(f"{_here(path)}: 'judgments' must be a list")
    return [_judgment(entry, path, i) for i, entry in enumerate(entries, 1)]


def disagreeing(judgments: list[Judgment]) -> list[list[Judgment]]:
    """Groups of judgments with the same code, folded text and line whose verdicts (or
    replacement judgments) differ. ``match`` gives such judgments to findings in file order, so
    the verdict that counts would depend on the order alone."""
    groups: dict[tuple[str, str, int], list[Judgment]] = {}
    for j in judgments:
        groups.setdefault((j.code, fold(j.text), j.line), []).append(j)
    return [g for g in groups.values() if len({(j.verdict, j.replacement) for j in g}) > 1]


def _judgment(entry: Any, path: Path, number: int) -> Judgment:
    where = f"{_here(path)}: judgment {number}"
    if not isinstance(entry, dict) or not {"code", "text", "line"} <= entry.keys():
        raise DevSetError(f"{where}: needs code, text and line")
    line = entry["line"]
    if isinstance(line, bool) or not isinstance(line, int):
        raise DevSetError(f"{where}: line must be a whole number")
    verdict = entry.get("verdict")
    if verdict is not None:
        verdict = VERDICTS.get(str(verdict).strip().lower())
        if verdict is None:
            raise DevSetError(f"{where}: verdict must be TP, TP-bad, FP or null")
    replacement = entry.get("replacement")
    if replacement is not None:
        replacement = str(replacement).strip().lower()
        if replacement not in REPLACEMENTS:
            raise DevSetError(f"{where}: replacement must be correct, wrong or null")
    return Judgment(
        code=str(entry["code"]).upper(),
        text=str(entry["text"]),
        line=line,
        verdict=verdict,
        replacement=replacement,
        reason=str(entry.get("reason") or ""),
        replacement_text=None
        if entry.get("replacement_text") is None
        else str(entry["replacement_text"]),
    )


# -- matching ----------------------------------------------------------------------------------


@dataclass
class Matched:
    """One run's findings on one text, each with its judgment (or None)."""

    text: Path
    sidecar: Path
    pairs: list[tuple[Finding, Judgment | None]]
    stale: list[Judgment]  # judgments no finding matched


def match(findings: list[Finding], judgments: list[Judgment]) -> tuple[list, list]:
    """Pair findings and judgments: same code and folded text, nearest line first; each
    judgment used once. Returns (finding, judgment or None) pairs and the unused judgments."""
    candidates = sorted(
        (abs(f.line - j.line), fi, ji)
        for fi, f in enumerate(findings)
        for ji, j in enumerate(judgments)
        if f.key == (j.code, fold(j.text))
    )
    of_finding: dict[int, int] = {}
    used: set[int] = set()
    for _distance, fi, ji in candidates:
        if fi not in of_finding and ji not in used:
            of_finding[fi] = ji
            used.add(ji)
    pairs = [
        (f, judgments[of_finding[fi]] if fi in of_finding else None)
        for fi, f in enumerate(findings)
    ]
    return pairs, [j for ji, j in enumerate(judgments) if ji not in used]


def findings_by_text(report: dict[str, Any]) -> tuple[dict[Path, list[Finding]], list[str]]:
    """Findings per text of a JSON report (every text checked, also those without findings),
    and the files the tool could not read."""
    texts: dict[Path, list[Finding]] = {}
    errors = []
    for entry in report["files"]:
        if entry.get("error"):
            errors.append(f"{entry['path']}: {entry['error']}")
            continue
        path = _resolved(entry["path"])
        texts[path] = [
            Finding(
                path=path,
                display=entry["path"],
                code=f["code"],
                text=f["text"],
                line=f["line"],
                message=f["message"],
                suggestions=f["suggestions"],
            )
            for f in entry["findings"]
        ]
    return texts, errors


def match_run(report: dict[str, Any]) -> tuple[list[Matched], list[str]]:
    texts, errors = findings_by_text(report)
    matched = []
    for text in sorted(texts):
        sidecar = sidecar_of(text)
        pairs, stale = match(texts[text], read_sidecar(sidecar))
        matched.append(Matched(text, sidecar, pairs, stale))
    return matched, errors


# -- counting ----------------------------------------------------------------------------------


@dataclass
class Tally:
    findings: int = 0
    tp: int = 0
    tp_bad: int = 0
    fp: int = 0

    @property
    def judged(self) -> int:
        return self.tp + self.tp_bad + self.fp

    @property
    def precision(self) -> float | None:
        return (self.tp + self.tp_bad) / self.judged if self.judged else None

    @property
    def usable(self) -> float | None:
        return self.tp / self.judged if self.judged else None

    def add(self, judgment: Judgment | None) -> None:
        self.findings += 1
        if judgment is not None and judgment.verdict is not None:
            field_ = {"TP": "tp", "TP-bad": "tp_bad", "FP": "fp"}[judgment.verdict]
            setattr(self, field_, getattr(self, field_) + 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "judged": self.judged,
            "tp": self.tp,
            "tp_bad": self.tp_bad,
            "fp": self.fp,
            "precision": _rounded(self.precision),
            "usable": _rounded(self.usable),
        }


@dataclass
class ReplacementTally:
    correct: int = 0
    wrong: int = 0
    safe_correct: int = 0
    safe_wrong: int = 0
    not_judged: int = 0  # a concrete replacement whose judgment has no 'replacement'

    def add(self, finding: Finding, judgment: Judgment | None) -> None:
        offered = finding.replacement
        if judgment is None or judgment.verdict is None or offered is None:
            return  # a verdict on a replacement no longer offered does not count
        judged_other = judgment.replacement_text not in (None, offered.get("text"))
        if judgment.replacement is None or judged_other:
            # required for a real problem, not for an FP; a judgment of another wording is stale
            self.not_judged += judgment.verdict != "FP" or judged_other
            return
        safe = offered is not None and bool(offered.get("safe"))
        good = judgment.replacement == "correct"
        self.correct += good
        self.wrong += not good
        self.safe_correct += safe and good
        self.safe_wrong += safe and not good

    @property
    def rate(self) -> float | None:
        total = self.correct + self.wrong
        return self.correct / total if total else None

    @property
    def safe_rate(self) -> float | None:
        total = self.safe_correct + self.safe_wrong
        return self.safe_correct / total if total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "wrong": self.wrong,
            "rate": _rounded(self.rate),
            "safe_correct": self.safe_correct,
            "safe_wrong": self.safe_wrong,
            "safe_rate": _rounded(self.safe_rate),
            "not_judged": self.not_judged,
        }


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


@dataclass
class Measurement:
    dev: Path
    texts: int
    rules: dict[str, Tally]  # per rule, --select ALL
    all: Tally
    default: Tally
    replacements: ReplacementTally  # --select ALL
    default_replacements: ReplacementTally
    on_by_default: dict[str, bool]  # of the rules in the table
    names: dict[str, str]
    unjudged: list[Finding]  # no judgment at all (a stub would be new)
    waiting: list[Finding]  # a stub without a verdict yet
    stale: list[tuple[Path, Judgment]]
    errors: list[str]
    matched_all: list[Matched] = field(default_factory=list, repr=False)
    matched_default: list[Matched] = field(default_factory=list, repr=False)
    # per sidecar, the groups of judgments with the same code, text and line that disagree
    disagreements: list[tuple[Path, list[Judgment]]] = field(default_factory=list)


def measure(dev: Path) -> Measurement:
    """Run the tool on ``dev`` (``--select ALL`` and the default selection) and count. A
    configuration file in ``dev`` applies as it does for a user (``ignore`` narrows both runs;
    ``select`` only the default run)."""
    from lint_brieven.checks.loader import rules_for
    from lint_brieven.config import config_in

    dev = Path(dev)
    if not dev.is_dir():
        raise DevSetError(f"{dev}: no such folder")
    rules_for.cache_clear()  # the precision file may have changed in this process
    rules = rules_for(config_in(dev.resolve()).rule_packs)
    matched_all, errors = match_run(run_cli([dev], "--select", "ALL"))
    matched_default, _ = match_run(run_cli([dev]))

    per_rule: dict[str, Tally] = {}
    total, replacements = Tally(), ReplacementTally()
    unjudged: list[Finding] = []
    waiting: list[Finding] = []
    seen: set[tuple] = set()
    for m in matched_all:
        for finding, judgment in m.pairs:
            per_rule.setdefault(finding.code, Tally()).add(judgment)
            total.add(judgment)
            replacements.add(finding, judgment)
            if judgment is None:
                unjudged.append(finding)
            elif judgment.verdict is None:
                waiting.append(finding)
            seen.add((finding.path, finding.line, finding.code, fold(finding.text)))
    default, default_replacements = Tally(), ReplacementTally()
    for m in matched_default:
        for finding, judgment in m.pairs:
            default.add(judgment)
            default_replacements.add(finding, judgment)
            place = (finding.path, finding.line, finding.code, fold(finding.text))
            if place not in seen and judgment is None:  # only in the default run
                unjudged.append(finding)
    for m in matched_all:  # judgments no finding matched (also judged rules out of ALL)
        for judgment in m.stale:
            per_rule.setdefault(judgment.code, Tally())
    return Measurement(
        dev=dev,
        texts=len(matched_all),
        rules=dict(sorted(per_rule.items())),
        all=total,
        default=default,
        replacements=replacements,
        default_replacements=default_replacements,
        on_by_default={c: rules[c].on_by_default for c in per_rule if c in rules},
        names={c: rules[c].name for c in per_rule if c in rules},
        unjudged=unjudged,
        waiting=waiting,
        stale=[(m.sidecar, j) for m in matched_all for j in m.stale],
        errors=errors,
        matched_all=matched_all,
        matched_default=matched_default,
        disagreements=[
            (sidecar, group)
            for sidecar in sorted({m.sidecar for m in matched_all})
            for group in disagreeing(read_sidecar(sidecar))
        ],
    )


# -- output ------------------------------------------------------------------------------------


def pct(share: float | None) -> str:
    from lint_brieven.checks.precision import percent

    return "–" if share is None else percent(share)


def _row(label: str, t: Tally, default: str = "") -> str:
    return (
        f"{label:<36} {default:>7} {t.findings:>8} {t.judged:>6} {t.tp:>4} {t.tp_bad:>6} "
        f"{t.fp:>4} {pct(t.precision):>9} {pct(t.usable):>6}"
    )


def _one_line(text: str) -> str:
    return fold(text)


def render(m: Measurement) -> str:
    head = (
        f"{'rule':<36} {'default':>7} {'findings':>8} {'judged':>6} {'TP':>4} {'TP-bad':>6} "
        f"{'FP':>4} {'precision':>9} {'usable':>6}"
    )
    lines = [
        f"Judged set: {_shown_path(m.dev)} ({m.texts} texts; {m.all.findings} findings "
        f"with --select ALL, {m.all.judged} judged)",
        "",
        head,
    ]
    for code, tally in m.rules.items():
        label = f"{code} {m.names.get(code, '')}".strip()[:36]
        on = m.on_by_default.get(code)
        lines.append(_row(label, tally, "" if on is None else ("on" if on else "off")))
    lines += [
        "",
        _row("default selection (no --select)", m.default),
        _row("ALL (--select ALL)", m.all),
        "",
        "precision = (TP + TP-bad) / judged; usable = TP / judged (percentages rounded down)",
        "",
        "Concrete replacements judged correct:",
        _replacement_line("ALL", m.replacements),
        _replacement_line("default selection", m.default_replacements),
    ]
    if m.disagreements:
        lines += [
            "",
            f"Warning: judgments with the same code, text and line that disagree "
            f"({len(m.disagreements)}; findings take them in file order):",
            *(_disagreement_line(sidecar, group) for sidecar, group in m.disagreements),
        ]
    if m.errors:
        lines += ["", f"Files the tool could not read ({len(m.errors)}):", *m.errors]
    if m.waiting:
        lines += ["", f"Findings with a stub but no verdict yet ({len(m.waiting)}):"]
        lines += [_finding_line(f) for f in m.waiting]
    lines += ["", f"Unjudged findings ({len(m.unjudged)}):"]
    lines += [_finding_line(f) for f in m.unjudged]
    if m.unjudged:
        lines.append("(add a judgment to each sidecar, or run with --write-template for stubs)")
    if m.stale:
        lines += ["", f"Judgments that match no finding ({len(m.stale)}):"]
        lines += [
            f"{_here(sidecar)}: {j.code} {json.dumps(j.text, ensure_ascii=False)} line {j.line} "
            f"({j.verdict or 'no verdict'})"
            for sidecar, j in m.stale
        ]
    return "\n".join(lines) + "\n"


def _disagreement_line(sidecar: Path, group: list[Judgment]) -> str:
    first = group[0]
    verdicts = ", ".join(_verdict_shown(j) for j in group)
    return (
        f"{_here(sidecar)}: {first.code} {json.dumps(first.text, ensure_ascii=False)} "
        f"line {first.line}: {len(group)} judgments ({verdicts})"
    )


def _verdict_shown(j: Judgment) -> str:
    verdict = j.verdict or "no verdict"
    return f"{verdict}/{j.replacement}" if j.replacement else verdict


def _replacement_line(label: str, r: ReplacementTally) -> str:
    line = (
        f"  {label}: {r.correct} of {r.correct + r.wrong} ({pct(r.rate)}); "
        f"safe ones: {r.safe_correct} of {r.safe_correct + r.safe_wrong} ({pct(r.safe_rate)})"
    )
    if r.not_judged:
        line += f"; {r.not_judged} replacement(s) not judged"
    return line


def _finding_line(f: Finding) -> str:
    text = json.dumps(f.text, ensure_ascii=False)
    suggestion = f" → {_one_line(f.first_suggestion)}" if f.suggestions else ""
    return f"{f.display}:{f.line} {f.code} {text} {_one_line(f.message)}{suggestion}"


def as_json(m: Measurement) -> dict[str, Any]:
    def finding(f: Finding) -> dict[str, Any]:
        return {
            "path": f.display,
            "line": f.line,
            "code": f.code,
            "text": f.text,
            "message": f.message,
            "suggestion": f.first_suggestion,
        }

    return {
        "dev": str(m.dev),
        "texts": m.texts,
        "rules": {
            code: {
                **t.as_dict(),
                "name": m.names.get(code, ""),
                "default": m.on_by_default.get(code),
            }
            for code, t in m.rules.items()
        },
        "overall": {"default": m.default.as_dict(), "all": m.all.as_dict()},
        "replacements": {
            "all": m.replacements.as_dict(),
            "default": m.default_replacements.as_dict(),
        },
        "unjudged": [finding(f) for f in m.unjudged],
        "waiting": [finding(f) for f in m.waiting],
        "stale": [
            {
                "sidecar": _here(s),
                "code": j.code,
                "text": j.text,
                "line": j.line,
                "verdict": j.verdict,
            }
            for s, j in m.stale
        ],
        "disagreements": [
            {
                "sidecar": _here(s),
                "code": group[0].code,
                "text": group[0].text,
                "line": group[0].line,
                "verdicts": [j.verdict for j in group],
                "replacements": [j.replacement for j in group],
            }
            for s, group in m.disagreements
        ],
        "errors": m.errors,
    }


# -- --write-template --------------------------------------------------------------------------


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (a JSON string is one) that reads back as is."""
    quoted = json.dumps(text, ensure_ascii=False)
    try:
        if yaml.safe_load(quoted) == text:
            return quoted
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=True)


def stub(f: Finding, indent: str) -> list[str]:
    """The lines of one judgment stub, list marker at ``indent``."""
    inner = indent + "  "
    lines = [
        f"{indent}- code: {f.code}",
        f"{inner}text: {yaml_string(f.text)}",
        f"{inner}line: {f.line}",
        f"{inner}verdict: null  # TP | TP-bad | FP",
    ]
    if f.replacement is not None:
        lines.append(f"{inner}replacement: null  # correct | wrong")
        lines.append(f"{inner}replacement_text: {yaml_string(f.replacement.get('text', ''))}")
    lines.append(f'{inner}reason: ""')
    lines.append(f"{inner}# message: {_comment(f.message)}")
    if f.suggestions:
        safe = " (safe)" if f.replacement is not None and f.replacement.get("safe") else ""
        lines.append(f"{inner}# suggestion: {_comment(f.first_suggestion)}{safe}")
    return lines


def _comment(text: str) -> str:
    """One line that is safe in a YAML comment (no line breaks, nothing unprintable)."""
    return "".join(ch for ch in _one_line(text) if ch.isprintable())


def with_stubs(source: str, findings: Iterable[Finding]) -> str:
    """The sidecar text with a stub per finding added at the end of its ``judgments`` list;
    every other line stays as it is."""
    lines = source.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith("judgments:")), None)
    if start is None:  # no list yet: a new key at the end
        indent = "  "
        head = [*lines, "judgments:"]
        tail: list[str] = []
    else:
        rest = lines[start][len("judgments:") :].split("#", 1)[0].strip()
        if rest not in ("", "[]"):
            raise DevSetError("'judgments:' must be a block list or [] to add stubs to it")
        end = start + 1
        while end < len(lines) and not _top_level_key(lines[end]):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():  # blank lines stay after it
            end -= 1
        block = lines[start + 1 : end]
        indent = next((ln[: len(ln) - len(ln.lstrip())] for ln in block if _item(ln)), "  ")
        head = [*lines[:start], "judgments:", *block]
        tail = lines[end:]
    body = [ln for f in findings for ln in stub(f, indent)]
    return "\n".join([*head, *body, *tail]) + "\n"


def _top_level_key(line: str) -> bool:
    return bool(line) and not line[0].isspace() and line[0] not in "#-" and ":" in line


def _item(line: str) -> bool:
    return line.lstrip().startswith("- ")


def _stub_judgment(f: Finding) -> Judgment:
    offered = f.replacement
    text = None if offered is None else str(offered.get("text", ""))
    return Judgment(f.code, f.text, f.line, None, None, replacement_text=text)


def write_templates(m: Measurement) -> dict[Path, int]:
    """Add a stub for every finding without a judgment; returns stubs added per sidecar."""
    from lint_brieven.output import write_atomic

    by_sidecar: dict[Path, list[Finding]] = {}
    for f in m.unjudged:
        by_sidecar.setdefault(sidecar_of(f.path), []).append(f)
    added = {}
    for sidecar, found in sorted(by_sidecar.items()):
        found = sorted(found, key=lambda f: (f.line, f.code))
        before = read_sidecar(sidecar)
        source = sidecar.read_text(encoding="utf-8") if sidecar.is_file() else ""
        if not source:
            source = (
                "# created by benchmarks/precision.py --write-template: "
                "add source, kind, writer, licence, retrieved\n"
            )
        new = with_stubs(source, found)
        try:
            after = yaml.safe_load(new) or {}
        except yaml.YAMLError as exc:
            raise DevSetError(
                f"{_here(sidecar)}: stubs would not be valid YAML; not written"
            ) from exc
        judged = [_judgment(e, sidecar, i) for i, e in enumerate(after.get("judgments") or [], 1)]
        expected = [*before, *map(_stub_judgment, found)]
        if judged != expected or {k: v for k, v in after.items() if k != "judgments"} != {
            k: v for k, v in (yaml.safe_load(source) or {}).items() if k != "judgments"
        }:
            raise DevSetError(
                f"{_here(sidecar)}: adding stubs would change other entries; not written"
            )
        write_atomic(sidecar, new)
        added[sidecar] = len(found)
    return added


# -- --update ----------------------------------------------------------------------------------


def precision_text(m: Measurement, old: Any, today: str) -> str:
    """The precision file for measurement ``m``, keeping ``threshold`` and ``min_judged``."""
    from lint_brieven.checks.precision import MIN_JUDGED, THRESHOLD

    old = old if isinstance(old, dict) else {}
    threshold = old.get("threshold", THRESHOLD)
    min_judged = old.get("min_judged", MIN_JUDGED)
    judged_set = _shown_path(m.dev)
    lines = [
        "# Measured precision of the built-in rules on the judged development set.",
        "# Written by `benchmarks/precision.py --update` from the judgments in the sidecars;",
        "# do not type figures here. A rule whose precision is below `threshold` with at least",
        "# `min_judged` judged findings is off by default (lint_brieven/checks/precision.py).",
        f"set: {judged_set}",
        f"measured: '{today}'",
        f"threshold: {threshold}",
        f"min_judged: {min_judged}",
        "overall:",
        f"  default: {_flow(m.default.as_dict())}",
        f"  all: {_flow(m.all.as_dict())}",
        f"  replacements: {_flow(m.replacements.as_dict())}",
        "rules:",
    ]
    for code, t in m.rules.items():
        if t.judged:
            values = t.as_dict()
            keys = ("precision", "usable", "judged", "tp", "tp_bad", "fp")
            counts = {k: values[k] for k in keys}
            lines.append(f"  {code}: {_flow(counts)}  # {m.names.get(code, '')}")
    return "\n".join(lines) + "\n"


def _flow(values: Mapping[str, Any]) -> str:
    shown = ", ".join(f"{k}: {'null' if v is None else v}" for k, v in values.items())
    return "{" + shown + "}"


def _here(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def update(dev: Path, today: str | None = None) -> Measurement:
    """Write the precision file from the judgments; return the measurement under the new
    defaults (the default run is measured again once the rules' defaults follow the file)."""
    from lint_brieven.checks.loader import precision_file
    from lint_brieven.checks.precision import parse_table
    from lint_brieven.output import write_atomic

    today = today or datetime.date.today().isoformat()
    target = precision_file()
    old = yaml.safe_load(target.read_text(encoding="utf-8")) if target.is_file() else None
    m = measure(dev)
    for again in (True, False):  # written twice: the default figure under the new defaults
        text = precision_text(m, old, today)
        parse_table(yaml.safe_load(text), target)  # never write a file the tool cannot read
        write_atomic(target, text)
        if again:
            m = measure(dev)
    return m


# -- --pairs -----------------------------------------------------------------------------------


@dataclass
class Pair:
    before: str
    after: str
    swap: dict[str, str]
    source: str = ""


def read_pairs(path: Path) -> list[Pair]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DevSetError(f"{path}: cannot be read: {exc}") from None
    entries = data.get("pairs") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise DevSetError(f"{path}: expected a list of pairs (or a key 'pairs')")
    pairs = []
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not all(
            isinstance(e.get(k), str) for k in ("before", "after")
        ):
            raise DevSetError(f"{path}: pair {i} needs 'before' and 'after' texts")
        swap = e.get("swap") or {}
        if isinstance(swap, list):  # [{word: …, plain: …}, …]
            swap = {s.get("word"): s.get("plain") for s in swap if isinstance(s, dict)}
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in swap.items()
        ):
            raise DevSetError(f"{path}: pair {i}: 'swap' maps a word to the plain word")
        pairs.append(Pair(e["before"], e["after"], swap, str(e.get("source") or "")))
    return pairs


def whole_letter_codes() -> list[str]:
    from lint_brieven.checks.loader import rules_for

    return sorted(
        r.code
        for r in rules_for().values()
        if r.kind == "letter"
        or r.spec.get("scope") == "letter"
        or r.spec.get("metric") == "average-words"
        or r.spec.get("detector") in WHOLE_LETTER_DETECTORS
    )


def read_words(path: Path) -> list[tuple[str, str]]:
    """``words.yaml``: a list of ``{word, plain, source, …}`` (word → the guide's plain word)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DevSetError(f"{path}: cannot be read: {exc}") from None
    entries = data.get("words") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("word"), str) and isinstance(e.get("plain"), str)
        for e in entries
    ):
        raise DevSetError(f"{path}: expected a list of {{word, plain}}")
    return [(e["word"], e["plain"]) for e in entries]


def measure_pairs(
    path: Path | None, ignore: Sequence[str] = (), words: Path | None = None
) -> dict[str, Any]:
    """The pairs in ``path`` (and the word swaps in ``words``, each word alone as a fragment)
    checked with the default selection, whole-letter rules and ``ignore`` left out."""
    pairs = read_pairs(path) if path else []
    lone = read_words(words) if words else []
    with tempfile.TemporaryDirectory(prefix="lint-brieven-pairs-") as tmp:
        folder = Path(tmp)
        for i, p in enumerate(pairs, 1):
            # "_…": a template piece, so no whole-letter check runs
            (folder / f"_{i:04d}-before.txt").write_text(p.before.strip() + "\n", "utf-8")
            (folder / f"_{i:04d}-after.txt").write_text(p.after.strip() + "\n", "utf-8")
        for i, (word, _plain_word) in enumerate(lone, 1):
            (folder / f"_{i:04d}-word.txt").write_text(word.strip() + "\n", "utf-8")
        left_out = ",".join(sorted({*whole_letter_codes(), *ignore}))
        texts, errors = findings_by_text(run_cli([folder], "--ignore", left_out))
        by_name = {t.name: found for t, found in texts.items()}
    after_hit, before_hit, swaps, swapped, flagged = 0, 0, 0, 0, 0
    codes_after: Counter[str] = Counter()
    shown_after: list[dict[str, Any]] = []
    for i, p in enumerate(pairs, 1):
        after = by_name.get(f"_{i:04d}-after.txt", [])
        before = by_name.get(f"_{i:04d}-before.txt", [])
        after_hit += bool(after)
        before_hit += bool(before)
        codes_after.update({f.code for f in after})
        shown_after += [
            {"pair": i, "code": f.code, "text": f.text, "message": f.message} for f in after
        ]
        for word, plain in p.swap.items():
            swaps += 1
            ours = next((f for f in before if _same(f.text, word)), None)
            if ours is not None:
                flagged += 1
                swapped += bool(ours.suggestions) and _plain(ours.first_suggestion, plain)
    word_flagged, word_same = 0, 0
    for i, (word, plain) in enumerate(lone, 1):
        found = by_name.get(f"_{i:04d}-word.txt", [])
        ours = next((f for f in found if _same(f.text, word)), None)
        if ours is not None:
            word_flagged += 1
            word_same += bool(ours.suggestions) and _plain(ours.first_suggestion, plain)
    n = len(pairs)
    return {
        "pairs": n,
        "after_with_finding": after_hit,
        "after_share": _rounded(after_hit / n if n else None),
        "after_target": AFTER_TARGET,
        "before_with_finding": before_hit,
        "before_share": _rounded(before_hit / n if n else None),
        "after_codes": dict(codes_after.most_common()),
        "after_findings": shown_after,
        "swaps": swaps,
        "swaps_flagged": flagged,
        "swaps_same_word": swapped,
        "words": len(lone),
        "words_flagged": word_flagged,
        "words_same_word": word_same,
        "errors": errors,
    }


def _same(a: str, b: str) -> bool:
    strip = " '\"‘’“”.,;:!?()"
    return fold(a).strip(strip).lower() == fold(b).strip(strip).lower()


def _plain(ours: str, plain: str) -> bool:
    """Our suggestion is the guide's plain word, or one of the options it lists."""
    options = re.split(r"\s*(?:/|;|,|\bof\b)\s*", plain)
    return any(_same(ours, option) for option in [plain, *options] if option.strip())


def render_pairs(r: dict[str, Any]) -> str:
    n = r["pairs"]
    ok = r["after_share"] is not None and r["after_share"] <= AFTER_TARGET
    lines = [
        f"Before/after pairs: {n}",
        f"  'after' (plain) sentences with a default finding: {r['after_with_finding']} of {n} "
        f"({pct(r['after_share'])}; target at most {pct(AFTER_TARGET)}: "
        f"{'met' if ok else 'not met'})",
        f"  'before' sentences with a default finding: {r['before_with_finding']} of {n} "
        f"({pct(r['before_share'])})",
        f"  swaps: {r['swaps']}; word flagged {r['swaps_flagged']}; our first suggestion is "
        f"the guide's plain word {r['swaps_same_word']}",
    ]
    if r["words"]:
        lines.append(
            f"  word list: {r['words']} words; flagged alone {r['words_flagged']}; our first "
            f"suggestion is the guide's plain word {r['words_same_word']}"
        )
    if r["after_codes"]:
        lines.append(
            "  rules on 'after' sentences: "
            + ", ".join(f"{c} {k}" for c, k in r["after_codes"].items())
        )
    lines += [
        f"  pair {f['pair']}: {f['code']} {json.dumps(f['text'], ensure_ascii=False)} "
        f"{_one_line(f['message'])}"
        for f in r["after_findings"]
    ]
    lines += [f"  could not read: {e}" for e in r["errors"]]
    return "\n".join(lines) + "\n"


# -- command line ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "eval" / "dev")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--write-template", action="store_true", help="add stubs for unjudged findings"
    )
    parser.add_argument(
        "--update", action="store_true", help="write rules/precision.yaml from the judgments"
    )
    parser.add_argument("--pairs", type=Path, help="before/after pairs (YAML)")
    parser.add_argument("--words", type=Path, help="word → plain word list (YAML)")
    args = parser.parse_args(argv)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # nothing of the runs mixes with ours
            if args.pairs or args.words:
                result: dict[str, Any] = {"pairs": measure_pairs(args.pairs, words=args.words)}
                shown = render_pairs(result["pairs"])
            else:
                m = update(args.dev) if args.update else measure(args.dev)
                result, shown = as_json(m), render(m)
                if args.write_template:
                    added = write_templates(m)
                    result["stubs_added"] = {_here(k): v for k, v in added.items()}
                    shown += "".join(f"{_here(k)}: {v} stub(s) added\n" for k, v in added.items())
                if args.update:
                    from lint_brieven.checks.loader import precision_file

                    shown += f"Wrote {precision_file()}\n"
    except DevSetError as exc:
        sys.stderr.write(f"precision: {exc}\n")
        return 2
    sys.stdout.write(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n" if args.json else shown
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
