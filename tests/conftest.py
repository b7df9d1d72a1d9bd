"""Shared pytest configuration."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: slow end-to-end test (needs git and the package registry); "
        "runs by default, deselect with -m 'not slow'",
    )
