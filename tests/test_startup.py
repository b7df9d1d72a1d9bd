"""Start-up: ``--help``, ``--version`` and a usage error import nothing heavy; a check does not
import textstat; the Dutch model's tokenizer loads its exceptions once and is the same as
spaCy's own loading gives. Behaviour only: timings are measured by benchmarks/, never here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from lint_brieven import nlp

ROOT = Path(__file__).resolve().parents[1]

# imported only when a subcommand runs
HEAVY = [
    "spacy",
    "thinc",
    "lint_ii",
    "textstat",
    "nltk",
    "pyphen",
    "docx",
    "jinja2",
    "rich",
    "yaml",
    "jsonschema",
    "lint_brieven.nlp",
    "lint_brieven.checks.loader",
    "lint_brieven.config",
    "lint_brieven.readers",
    "lint_brieven.reporters",
    "lint_brieven.runner",
    "lint_brieven.audit.collect",
]


def _modules_after(code: str, cwd: Path = ROOT) -> tuple[set[str], subprocess.CompletedProcess]:
    """Run ``code`` in a fresh interpreter; the modules it had imported at exit."""
    script = (
        "import json, sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line[len("MODULES ") :])), done


@pytest.mark.parametrize(
    "argv, shows",
    [
        (["--help"], "check"),
        (["check", "--help"], "--output-format"),
        (["audit", "--help"], "--jobs"),
        (["--version"], "lint-brieven"),
        (["check", "--no-such-option"], "fout"),
        (["check", "--output-format", "yaml"], "fout"),
        (["zoek"], "fout"),
    ],
)
def test_help_version_and_usage_errors_import_nothing_heavy(argv, shows):
    modules, done = _modules_after(f"from lint_brieven.cli import main\nmain({argv!r})")
    assert shows in done.stdout + done.stderr
    assert sorted(m for m in HEAVY if m in modules) == []


def test_a_check_counts_syllables_without_textstat(tmp_path):
    (tmp_path / "brief.txt").write_text(
        "Beste heer Jansen,\n\nWij komen morgen de kraan vervangen. Bel ons als u niet thuis "
        "bent.\n\nMet vriendelijke groet,\n\nWoonstichting De Linde\n",
        encoding="utf-8",
    )
    modules, done = _modules_after(
        "from lint_brieven.cli import main\n"
        "main(['check', 'brief.txt', '--output-format', 'json', '--select', 'ALL'])",
        cwd=tmp_path,
    )
    report = json.loads(done.stdout)["files"][0]
    assert report["readability"]["flesch_douma"] is not None
    assert "spacy" in modules and "pyphen" in modules  # it did check the letter
    assert "textstat" not in modules and "nltk" not in modules


def test_format_choices_are_the_reporters():
    from lint_brieven.commands.check import FORMAT_NAMES
    from lint_brieven.reporters import FORMATS

    assert tuple(sorted(FORMATS)) == FORMAT_NAMES


def test_the_expected_errors_are_found_once_their_modules_are_imported():
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.cli import EXPECTED_ERRORS, _expected_errors
    from lint_brieven.config import ConfigError
    from lint_brieven.output import WriteError

    assert set(_expected_errors()) == {WriteError, ConfigError, RulePackError}
    # each named by the module that defines it: no error can be raised before that is imported
    assert [(e.__module__, e.__name__) for e in _expected_errors()] == list(EXPECTED_ERRORS)


@pytest.mark.parametrize("kind", ["ConfigError", "RulePackError", "WriteError"])
def test_an_expected_error_gets_its_dutch_line(in_tmp, capsys, monkeypatch, kind):
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.cli import main
    from lint_brieven.commands import check
    from lint_brieven.config import ConfigError
    from lint_brieven.output import WriteError

    error = {"ConfigError": ConfigError, "RulePackError": RulePackError, "WriteError": WriteError}
    message = "regels.yaml: ongeldig regelpakket"

    def raises(args):
        raise error[kind](message)

    monkeypatch.setattr(check, "run_check", raises)
    assert main(["check", "a.txt"]) == 2
    assert capsys.readouterr().err == f"lint-brieven: fout: {message}\n"


def test_a_reader_that_went_away_ends_quietly(in_tmp, capsys, monkeypatch):
    from lint_brieven.cli import main
    from lint_brieven.commands import check

    def raises(args):
        raise BrokenPipeError

    monkeypatch.setattr(check, "run_check", raises)
    monkeypatch.setattr("lint_brieven.cli._silence_stdout", lambda: None)
    assert main(["check", "a.txt"]) == 2
    assert capsys.readouterr().err == ""


def test_the_tokenizer_is_the_one_spacy_loads_and_is_named_as_usual():
    ours = nlp.letter_pipeline(nlp.model_path())  # fresh: the shared one's vocab grows with use
    theirs = spacy.load(nlp.model_path())
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    assert len(ours.tokenizer.rules) == len(theirs.tokenizer.rules) > 4000
    assert ours.config["nlp"]["tokenizer"] == theirs.config["nlp"]["tokenizer"]
    text = (
        "T.a.v. mevr. J. de Vries-Bakker, Kerkstraat 12-a: i.v.m. de cv-ketel komt de "
        "monteur ('s ochtends) op 3 mei om 08.30 uur; kosten € 12,50 p.m. Zie www.linde.nl!"
    )
    assert [t.text for t in ours.make_doc(text)] == [t.text for t in theirs.make_doc(text)]
    assert [(t.text, t.norm_, t.is_stop, t.like_num) for t in ours.make_doc(text)] == [
        (t.text, t.norm_, t.is_stop, t.like_num) for t in theirs.make_doc(text)
    ]
