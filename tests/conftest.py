"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from lint_brieven.config import find_config_file, load_config


@pytest.fixture
def fresh_config():
    """No configuration cached from another test."""
    find_config_file.cache_clear()
    load_config.cache_clear()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch, fresh_config):
    """Run in an empty folder, with no configuration cached from another test and no
    ``--debug`` from the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LINT_BRIEVEN_DEBUG", raising=False)
