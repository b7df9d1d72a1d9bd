"""``lint-brieven config [PAD]``: the configuration that applies to a file or folder, resolved
(like ruff's ``--show-settings`` and Vale's ``ls-config``): which configuration file applies,
every setting with its value after defaults, the file and the command line, and where each value
comes from; for a file also what the per-file settings make of it; and the rules that run.

Text with Dutch labels, or ``--output-format json`` with English keys (the settings keep the
names they have in the configuration file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from lint_brieven.commands import EXIT_OK, fail
from lint_brieven.commands.options import add_config_lookup, add_rule_selection, overrides_from

# configuration key → attribute of ``config.Config`` (the order ``config`` shows them in)
SETTINGS = (
    ("select", "select"),
    ("extend-select", "extend_select"),
    ("ignore", "ignore"),
    ("per-file-ignores", "per_file_ignores"),
    ("severity", "severity"),
    ("fail-on", "fail_on"),
    ("include", "include"),
    ("exclude", "exclude"),
    ("respect-gitignore", "respect_gitignore"),
    ("partials", "partials"),
    ("soort", "kind"),
    ("per-file-soort", "per_file_kind"),
    ("brieftype", "letter_type"),
    ("per-file-brieftype", "per_file_letter_type"),
    ("rule-packs", "rule_packs"),
    ("template-paths", "template_paths"),
    ("template-extensions", "template_extensions"),
    ("max-variants", "max_variants"),
    ("target-level", "target_level"),
    ("accept", "accept"),
    ("reject", "reject"),
    ("organisatie", "organisation"),
    ("servicetermijnen", "service_terms"),
    ("rule-options", "rule_options"),
    ("momenten", "moments"),
    ("docs-url", "docs_url"),
    ("baseline", "baseline"),
)
# where a value comes from: JSON value → Dutch label
SOURCES = {"default": "standaard", "config": "configuratiebestand", "command-line": "opdrachtregel"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "config",
        help="toon de configuratie die voor een bestand of map geldt",
        description="Toon welk configuratiebestand voor een bestand of map geldt, elke "
        "instelling met haar waarde (na standaardwaarden, configuratiebestand, per-bestand-"
        "instellingen en opdrachtregel) en de regels die draaien.",
    )
    p.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PAD",
        help="bestand of map (standaard: de huidige map)",
    )
    p.add_argument("--output-format", choices=["text", "json"], default="text")
    add_rule_selection(p)
    add_config_lookup(p)
    p.set_defaults(run=run_config)


def run_config(args: argparse.Namespace) -> int:
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.config import ConfigError
    from lint_brieven.runner import Runner, RunRequest

    path = Path(args.path)
    if not path.exists():
        return fail(f"{args.path}: bestand of map bestaat niet.")
    overrides = overrides_from(args)
    folder = path.is_dir()
    try:
        runner = Runner(RunRequest(paths=[args.path], overrides=overrides, config_file=args.config))
        config = runner.config(path if folder else path.parent)
        shown = _resolved(config, overrides, path, folder)
    except (ConfigError, RulePackError) as exc:
        return fail(exc)
    if args.output_format == "json":
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(shown))
    return EXIT_OK


def _raw_table(config_file: Path | None) -> dict[str, Any]:
    """The keys the configuration file sets (already read and checked by ``load_config``)."""
    import tomllib

    if config_file is None:
        return {}
    data = tomllib.loads(config_file.read_text(encoding="utf-8"))
    if config_file.name == "pyproject.toml":
        return data.get("tool", {}).get("lint-brieven", {})
    return data


def _resolved(config, overrides, path: Path, folder: bool) -> dict[str, Any]:
    from lint_brieven.checks.loader import rules_for
    from lint_brieven.config import selected_codes

    raw = _raw_table(config.path)
    from_command_line = {k for k, v in vars(overrides).items() if v is not None}
    settings = {}
    for key, attribute in SETTINGS:
        if attribute in from_command_line:
            source = "command-line"
        elif key in raw:
            source = "config"
        else:
            source = "default"
        settings[key] = {"value": _plain(getattr(config, attribute), config.root), "source": source}
    rules = rules_for(config.rule_packs)
    shown: dict[str, Any] = {
        "path": str(path),
        "folder": folder,
        "config_file": str(config.path) if config.path else None,
        "root": str(config.root),
        "settings": settings,
    }
    if not folder:
        kind = config.kind_for(path)
        shown["file"] = {
            "partial": config.is_partial(path),
            "excluded": config.is_excluded(path),
            "included": config.is_included(path),
            "soort": kind.value if kind else None,
            "brieftype": config.letter_type_for(path),
            "ignored": list(config.ignored_for(path)),
        }
    shown["selected_rules"] = sorted(selected_codes(config, rules, path))
    return shown


def _plain(value: Any, root: Path) -> Any:
    """A setting's value as JSON: enums by their value, paths relative to the configuration's
    folder where they can be, sets sorted."""
    from enum import Enum

    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        try:
            return value.relative_to(root).as_posix()
        except ValueError:
            return str(value)
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v, root) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v, root) for k, v in value.items()}
    return value


def _text(shown: dict[str, Any]) -> str:
    lines = [
        f"{'Map' if shown['folder'] else 'Bestand'}: {shown['path']}",
        "Configuratiebestand: " + (shown["config_file"] or "geen (standaardinstellingen)"),
        "",
        "Instellingen (waarde, en waar die vandaan komt):",
    ]
    width = max(len(key) for key in shown["settings"])
    for key, setting in shown["settings"].items():
        value = json.dumps(setting["value"], ensure_ascii=False)
        lines.append(f"  {key:<{width}}  {value}  ({SOURCES[setting['source']]})")
    if "file" in shown:
        file = shown["file"]
        yes_no = {True: "ja", False: "nee"}
        lines += [
            "",
            "Voor dit bestand:",
            f"  sjabloondeel (partials)        {yes_no[file['partial']]}",
            f"  overgeslagen in mappen         {yes_no[file['excluded']]}",
            f"  valt onder include             {yes_no[file['included']]}",
            f"  soort                          {file['soort'] or 'uit de tekst'}",
            "  brieftype                      "
            + (file["brieftype"] or "uit de woorden van de brief"),
            "  per-file-ignores               " + (", ".join(file["ignored"]) or "geen"),
        ]
    codes = shown["selected_rules"]
    lines += ["", f"Geselecteerde regels ({len(codes)}):"]
    lines += [f"  {' '.join(codes[i : i + 10])}" for i in range(0, len(codes), 10)]
    return "\n".join(lines) + "\n"
