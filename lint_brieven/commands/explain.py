"""``lint-brieven explain CODE``: what a rule does, why, examples and suggestions (in Dutch)."""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING

from lint_brieven.commands import EXIT_OK, EXIT_USAGE, rules_here

if TYPE_CHECKING:
    from lint_brieven.checks.rule import Rule

MAX_SWAPS_SHOWN = 40


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="leg een regel uit",
        description="Leg een regel uit: wat hij doet, waarom, voorbeelden.",
    )
    p.add_argument("code", metavar="CODE", help="regelcode, bijvoorbeeld LB101")
    p.set_defaults(run=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    rules = rules_here()
    if rules is None:
        return EXIT_USAGE
    code = args.code.strip().upper()
    rule = rules.get(code) or next((r for r in rules.values() if r.name == args.code), None)
    if rule is None:
        close = difflib.get_close_matches(code, list(rules), n=3)
        hint = f" Bedoelt u {', '.join(close)}?" if close else ""
        sys.stderr.write(f"lint-brieven: fout: onbekende regel '{args.code}'.{hint}\n")
        return EXIT_USAGE
    sys.stdout.write(explanation(rule))
    return EXIT_OK


def explanation(rule: Rule, *, rewrites: bool = True) -> str:
    """The rule's page; ``rewrites=False`` leaves out the rewrites a detector builds of its
    examples (they need the Dutch model)."""
    lines = [
        f"{rule.code} {rule.name}",
        "",
        f"Categorie: {rule.category} · niveau: {rule.severity.dutch} · soort: {rule.kind}"
        + (f" · pakket: {rule.pack}" if rule.pack else ""),
        measured_line(rule),
        default_line(rule),
        "",
        "## Wat de regel doet",
        rule.summary,
        "",
        "## Waarom",
        rule.rationale,
        "",
        "## Voorbeelden die de regel meldt",
        *(f"- {e}" for e in rule.examples_flag),
        "",
        "## Voorbeelden die goed zijn",
        *(f"- {e}" for e in rule.examples_pass),
    ]
    swaps = rule.spec.get("swap", [])
    if swaps:
        lines += ["", "## Schrijf liever"]
        for entry in swaps[:MAX_SWAPS_SHOWN]:
            use = " of ".join(f"'{u}'" for u in entry["use"]) or "(een ander woord)"
            safe = " (veilig te vervangen)" if entry.get("safe") else ""
            lines.append(f"- {entry['phrase']} → {use}{safe}")
        if len(swaps) > MAX_SWAPS_SHOWN:
            lines.append(f"- … en nog {len(swaps) - MAX_SWAPS_SHOWN} andere")
    terms = rule.spec.get("terms", [])
    if terms:
        lines += ["", "## Woorden en uitleg"]
        for entry in terms[:MAX_SWAPS_SHOWN]:
            use = " of ".join(f"'{u}'" for u in entry.get("use", []))
            lines.append(
                f"- {entry['term']}: {entry['explain']}" + (f" (of: {use})" if use else "")
            )
        if len(terms) > MAX_SWAPS_SHOWN:
            lines.append(f"- … en nog {len(terms) - MAX_SWAPS_SHOWN} andere")
    if rule.kind == "detector" and rewrites:
        built = _rewrites(rule)
        if built:
            lines += ["", "## Zo kan het anders (voorstellen van lint-brieven)"]
            for before, after in built:
                lines += [f"- {before}", f"  → {after}"]
    if rule.suggestions:
        lines += ["", "## Suggesties", *(f"- {s.text}" for s in rule.suggestions)]
    return "\n".join(lines) + "\n"


def measured_line(rule: Rule) -> str:
    """How often the rule was right on the judged set, in words."""
    from lint_brieven.checks.precision import percent

    m = rule.precision
    if m is None:
        return "Precisie: nog niet gemeten."
    where = ", ".join(x for x in (m.judged_set, m.measured) if x)
    return (
        f"Precisie: {percent(m.precision)} van {m.judged} beoordeelde bevindingen was een "
        f"echt probleem; {percent(m.usable)} was bruikbaar zoals gegeven"
        + (f" ({where})." if where else ".")
    )


def default_line(rule: Rule) -> str:
    from lint_brieven.checks.precision import percent

    if rule.on_by_default:
        return "Standaard: aan."
    if not rule.default:
        why = "het regelpakket zet haar alleen aan als u haar kiest"
    else:
        m = rule.precision
        why = f"gemeten precisie {m.shown}, onder de grens van {percent(m.threshold)}"
    return (
        f'Standaard: uit ({why}). Zet haar aan met --select ALL, select = ["ALL"] '
        f'of extend-select = ["{rule.code}"].'
    )


def _rewrites(rule: Rule) -> list[tuple[str, str]]:
    """The rewrite a detector builds for each of its own flag examples."""
    from lint_brieven.checks.base import CheckContext
    from lint_brieven.checks.loader import build_check
    from lint_brieven.engine import analyse
    from lint_brieven.readers import ReadOptions, read

    check = build_check(rule)
    fixed = {s.text for s in rule.suggestions}
    out = []
    for example in rule.examples_flag:
        name = "voorbeeld.txt.j2" if "{{" in example or "{%" in example else "voorbeeld.txt"
        result = read(name, example.encode("utf-8"), ReadOptions())
        for finding in analyse(result, [check], CheckContext()).findings:
            built = [s.text for s in finding.suggestions if s.text not in fixed]
            if built:
                out.append((finding.text or example, built[0]))
    return out
