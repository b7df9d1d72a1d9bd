"""One module per subcommand, each with ``add_parser(subparsers)`` and ``run(args)``."""

from __future__ import annotations

import sys
from pathlib import Path

from lint_brieven.checks.loader import RulePackError, load_rules
from lint_brieven.checks.rule import Rule
from lint_brieven.config import ConfigError, config_in

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def rules_here() -> dict[str, Rule] | None:
    """All rules, with the rule packs of the configuration for the current folder.

    Prints the Dutch error and returns None when the configuration or a pack is bad.
    """
    try:
        return load_rules(config_in(Path.cwd()).rule_packs)
    except (ConfigError, RulePackError) as exc:
        sys.stderr.write(f"lint-brieven: fout: {exc}\n")
        return None
