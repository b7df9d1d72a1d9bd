"""lint-brieven: a clarity linter for letters from Dutch housing corporations to tenants."""

__version__ = "0.1.0"
