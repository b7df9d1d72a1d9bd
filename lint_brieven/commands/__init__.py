"""One module per subcommand, each with ``add_parser(subparsers)`` and ``run(args)``.

Setting up the parsers imports nothing heavy (no spaCy, rules, readers or reporters): ``--help``,
``--version`` and a usage error answer at once. Each ``run`` imports what its command needs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lint_brieven.safe_text import terminal_safe

if TYPE_CHECKING:
    from lint_brieven.checks.rule import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail(message: object) -> int:
    """One Dutch error line on standard error (file names in it made safe to show); returns
    the exit code for errors."""
    sys.stderr.write(f"lint-brieven: fout: {terminal_safe(str(message))}\n")
    return EXIT_USAGE


def rules_here() -> dict[str, Rule] | None:
    """All rules, with the rule packs of the configuration for the current folder.

    Prints the Dutch error and returns None when the configuration or a pack is bad.
    """
    from lint_brieven.checks.loader import RulePackError, load_rules
    from lint_brieven.config import ConfigError, config_in

    try:
        return load_rules(config_in(Path.cwd()).rule_packs)
    except (ConfigError, RulePackError) as exc:
        fail(exc)
        return None
