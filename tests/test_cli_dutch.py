"""argparse's own strings in Dutch: help, usage and every usage error a user can make on the
command line, exit code 2; argparse is itself again after ``main`` returns."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from lint_brieven import argparse_nl
from lint_brieven.cli import main

# argparse's English, none of which may reach a user
ENGLISH = re.compile(
    r"usage:|positional arguments|\boptions:|show this help|error:|required|unrecognized|"
    r"invalid|expected|ambiguous|not allowed|ignored explicit|choose from|argument ",
)


@pytest.mark.parametrize(
    "argv, shown",
    [
        (
            ["check", "--output-format", "yaml"],
            "bij --output-format: ongeldige keuze: 'yaml' (kies uit",
        ),
        (["zoek"], "lint-brieven: fout: bij OPDRACHT: ongeldige keuze: 'zoek' (kies uit 'check'"),
        ([], "lint-brieven: fout: deze argumenten ontbreken: OPDRACHT"),
        (["explain"], "lint-brieven explain: fout: deze argumenten ontbreken: CODE"),
        (["audit", "brieven"], "deze argumenten ontbreken: --out"),
        (
            ["check", "--no-such-option"],
            "lint-brieven: fout: onbekende argumenten: --no-such-option",
        ),
        (["check", "--output"], "bij --output/-o: verwacht één waarde"),
        (["check", "--min-grade", "acht"], "bij --min-grade: ongeldige waarde: 'acht'"),
        (
            ["check", "--outp", "x"],
            "dubbelzinnige optie: --outp past bij --output-format, --output",
        ),
        (["check", "--fix=ja"], "bij --fix: deze optie neemt geen waarde: 'ja'"),
        (["review", "a.docx", "--out", "m", "--in-place"], "bij --in-place: niet samen met --out"),
        (["rules", "--output-format", "csv"], "ongeldige keuze: 'csv' (kies uit 'text', 'json')"),
    ],
)
def test_usage_errors_are_dutch_with_exit_2(capsys, argv, shown):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert shown in captured.err
    assert captured.err.startswith("gebruik: lint-brieven")
    assert not ENGLISH.search(captured.err), captured.err


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["config", "-h"]])
def test_help_is_dutch(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: lint-brieven")
    assert "opties:" in out
    assert "-h, --help" in out and "toon deze hulp en stop" in out
    assert not ENGLISH.search(out), out


def test_top_level_help_lists_commands_and_version_in_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "opdrachten:" in out
    assert "toon het versienummer en stop" in out
    assert "version number" not in out


def test_positionals_heading_is_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    assert "\nargumenten:\n  CODE" in capsys.readouterr().out


def test_argparse_is_english_again_after_main(capsys):
    with pytest.raises(SystemExit):
        main(["zoek"])
    capsys.readouterr()
    parser = argparse.ArgumentParser(prog="ander")
    assert "show this help message and exit" in parser.format_help()
    assert parser.format_usage().startswith("usage: ")


def test_every_message_a_user_can_meet_has_a_translation():
    """Each message argparse (this Python) looks up is in the catalogue, or is one that only a
    programmer who builds a parser wrongly can meet."""
    source = inspect.getsource(argparse)
    looked_up = set(re.findall(r"""\b_\((['"])(.*?)\1\)""", source))
    for_programmers = {
        ".__call__() not defined",
        "conflicting subparser: %s",
        "conflicting subparser alias: %s",
        'argument "-" with mode %r',
        "cannot merge actions - two groups are named %r",
        "'required' is an invalid argument for positionals",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "mutually exclusive arguments must be optional",
        "cannot have multiple subparser arguments",
        "%r is not callable",
        "length of metavar tuple does not match nargs",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    }
    missing = (
        {m.replace("\\n", "\n") for _, m in looked_up} - set(argparse_nl.MESSAGES) - for_programmers
    )
    assert missing == set()


def test_plural_message():
    translation = argparse_nl.DutchArgparse()
    assert translation.ngettext("expected %s argument", "expected %s arguments", 1) % 1 == (
        "verwacht 1 waarde"
    )
    assert translation.ngettext("expected %s argument", "expected %s arguments", 2) % 2 == (
        "verwacht 2 waarden"
    )
