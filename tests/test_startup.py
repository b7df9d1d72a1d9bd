"""Start-up: ``--help``, ``--version`` and a usage error import nothing heavy; a check does not
import textstat; the Dutch model's tokenizer loads its exceptions once, each when a text could
need it, and gives the tokens spaCy's own loading gives; a check imports wordfreq before spaCy,
loads the rules once and builds each rule's check once; only the command line's own run changes
the collector's settings. Behaviour only: timings are measured by benchmarks/, never here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from lint_brieven import nlp
from lint_brieven.nlp.lazy_exceptions import KeptCacheTokenizer, LazyExceptions

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
    "pygls",
    "lsprotocol",
    "lint_brieven.server",
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
        (["server", "--help"], "--log-file"),
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


# never needed to check a Jinja2 template (and python-docx, lxml and the other reporters are
# imported when a .docx letter or another output format asks for them)
NOT_FOR_A_TEMPLATE = [
    "docx",
    "lxml",
    "pandas",
    "pyarrow",
    "textstat",
    "nltk",
    "lint_brieven.readers.docx",
    "lint_brieven.fix.files",
    "lint_brieven.reporters.text",
    "lint_brieven.reporters.sarif",
    "lint_brieven.reporters.junit",
    "lint_brieven.reporters.github",
    "lint_brieven.reporters.gitlab",
]


def test_a_template_check_imports_only_what_it_needs():
    letter = "corpus/sjablonen/voor/01-woningaanbieding.html.j2"
    modules, done = _modules_after(
        "import gc\n"
        f"sys.argv = ['lint-brieven', 'check', {letter!r}, '--output-format', 'json']\n"
        "from lint_brieven.cli import main\n"
        "code = main()\n"
        "sys.stderr.write(f'\\nEXIT {code} FROZEN {gc.get_freeze_count()}\\n')\n"
    )
    report = json.loads(done.stdout)["files"][0]
    assert report["path"] == letter and report["findings"]  # it did check the template
    assert (
        "spacy" in modules
        and "jinja2" in modules
        and "lint_brieven.reporters.json_format" in modules
    )
    assert sorted(m for m in NOT_FOR_A_TEMPLATE if m in modules) == []
    # the command line's own run hands what is left to the permanent generation at its end
    assert "EXIT 1 FROZEN " in done.stderr
    assert int(done.stderr.split("FROZEN ")[1].split()[0]) > 100_000


def test_only_the_command_line_s_own_run_freezes_the_collector(in_tmp, monkeypatch):
    import gc

    from lint_brieven.cli import main
    from lint_brieven.commands import check

    monkeypatch.setattr(check, "run_check", lambda args: 0)
    before = gc.get_freeze_count()
    assert main(["check", "a.txt"]) == 0  # a caller passing arguments keeps its collector
    assert gc.get_freeze_count() == before
    monkeypatch.setattr(sys, "argv", ["lint-brieven", "check", "a.txt"])
    threshold = gc.get_threshold()
    try:
        assert main() == 0
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_only_the_command_line_s_own_run_lets_the_collector_wait(in_tmp, monkeypatch):
    import gc

    from lint_brieven.cli import YOUNG_OBJECTS, main
    from lint_brieven.commands import check

    seen = []
    monkeypatch.setattr(check, "run_check", lambda args: seen.append(gc.get_threshold()) or 0)
    threshold = gc.get_threshold()
    try:
        assert main(["check", "a.txt"]) == 0  # a caller passing arguments keeps its collector
        assert gc.get_threshold() == threshold
        monkeypatch.setattr(sys, "argv", ["lint-brieven", "check", "a.txt"])
        assert main() == 0
        assert seen == [threshold, (YOUNG_OBJECTS, *threshold[1:])]
        assert threshold[0] < YOUNG_OBJECTS
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_check_imports_wordfreq_before_spacy_and_the_rules():
    """wordfreq inspects the call stack when it is imported (``locate.this_dir``): cheap only
    while few modules are loaded and the stack is shallow."""
    letter = "corpus/sjablonen/voor/01-woningaanbieding.html.j2"
    _, done = _modules_after(
        "from lint_brieven.cli import main\n"
        f"main(['check', {letter!r}, '--output-format', 'json'])\n"
        "sys.stderr.write('\\nORDER ' + json.dumps(list(sys.modules)) + '\\n')\n"
    )
    assert json.loads(done.stdout)["files"][0]["findings"]  # it did check the letter
    line = next(x for x in done.stderr.splitlines() if x.startswith("ORDER "))
    order = json.loads(line[len("ORDER ") :])
    assert order.index("wordfreq") < order.index("spacy")
    assert order.index("wordfreq") < order.index("lint_brieven.checks.loader")


def test_a_check_loads_the_rules_once_and_builds_each_check_once():
    """The checks that consult other rules (officialese and jargon words in a sentence's
    difficulty, the abbreviations the term rules explain) use the run's own rules and checks,
    not a second copy of each."""
    letter = "corpus/sjablonen/voor/01-woningaanbieding.html.j2"
    code = (
        "from lint_brieven.checks import loader\n"
        "from lint_brieven.checks import sentence_difficulty\n"
        "loads, built = [], []\n"
        "load_rules = loader.load_rules\n"
        "loader.load_rules = lambda packs=(): loads.append(packs) or load_rules(packs)\n"
        "for kind, made in dict(loader.KINDS).items():\n"
        "    loader.KINDS[kind] = lambda rule, made=made: built.append(rule.code) or made(rule)\n"
        "from lint_brieven.cli import main\n"
        f"main(['check', {letter!r}, '--output-format', 'json'])\n"
        "used = [c.rule.code for c in sentence_difficulty._officialese_checks()]\n"
        "sys.stderr.write('\\nBUILT ' + json.dumps([len(loads), built, used]) + '\\n')\n"
    )
    _, done = _modules_after(code)
    assert json.loads(done.stdout)["files"][0]["findings"]  # it did check the letter
    line = next(x for x in done.stderr.splitlines() if x.startswith("BUILT "))
    loads, built, officialese = json.loads(line[len("BUILT ") :])
    assert loads == 1
    assert officialese and set(officialese) <= set(built)  # consulted: LB101, LB102 …
    assert sorted(built) == sorted(set(built))


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_each_format_writes_what_its_reporter_writes(name):
    from importlib import import_module

    from lint_brieven.findings import FileReport, Finding, Severity
    from lint_brieven.reporters import FORMATS, MODULES
    from lint_brieven.reporters.base import ReportContext

    finding = Finding("brief.txt", "LB101", Severity.WARNING, "'tevens' is ambtelijk.", 1, 1, 1, 7)
    reports = [FileReport("brief.txt", findings=[finding]), FileReport("leeg.txt")]
    ctx = ReportContext()
    module = import_module(f"lint_brieven.reporters.{MODULES[name]}")
    assert "LB101" in FORMATS[name](reports, ctx)
    assert FORMATS[name](reports, ctx) == module.render(reports, ctx)


def _fresh_lazy(vocab, tokenizer: type = KeptCacheTokenizer) -> LazyExceptions:
    """The saved tokenizer as our pipeline loads it, with no exception added yet."""
    data = (nlp.model_path() / "tokenizer").read_bytes()
    return LazyExceptions(tokenizer(vocab)).from_bytes(data, exclude=["vocab"])


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.idx, t.norm_, t.whitespace_, t.is_space, t.is_stop) for t in doc]


def test_exceptions_added_as_texts_need_them_give_spacy_s_tokens():
    theirs = spacy.load(nlp.model_path())
    rules = sorted(theirs.tokenizer.rules)
    lazy = _fresh_lazy(theirs.vocab)
    plain = "Wij sturen u de sleutel van uw nieuwe woning na de bezichtiging."
    assert _tokens(lazy(plain)) == _tokens(theirs.tokenizer(plain))
    waiting = sum(len(group) for group in lazy._pending.values())
    assert waiting > 4000  # a plain sentence needs (almost) none of them
    # every 13th exception, each on a tokenizer that has added nothing else yet: as a word,
    # glued to others, between brackets, with a full stop, and spelled out with spaces
    # (tokens next to each other that the phrase matcher finds, but that are not it)
    for n, string in enumerate(rules[::13]):
        other = rules[(n * 7 + 3) % len(rules)]
        texts = [
            f"Zie {string} hier",
            f"({string}){other}",
            f"{string}.{string}",
            " ".join(string),
            f"{string[:-1]} {string[-1:]} {other}",
            f"{other}{string} en {string[1:]}",
        ]
        lazy = _fresh_lazy(theirs.vocab)
        for text in texts:
            assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text)), text


def test_one_tokenizer_adding_exceptions_text_after_text_keeps_spacy_s_tokens():
    """The cache of tokenized chunks is kept while exceptions are added: one tokenizer reads
    texts that each need new exceptions, after texts whose chunks hold the exceptions' parts,
    and gives spaCy's tokens for every text, the earlier ones read again included."""
    theirs = spacy.load(nlp.model_path())
    lazy = _fresh_lazy(theirs.vocab)
    rules = sorted(theirs.tokenizer.rules)
    texts = []
    for n, string in enumerate(rules[::29]):
        other = rules[(n * 11 + 5) % len(rules)]
        texts += [
            f"{string[:-1]} {string[-1:]} {other[1:]}",  # its parts, before it is added
            f"Zie {string} en ({other}).",
            f"{other}{string[:-1]} {string}",
        ]
    for text in [*texts, *texts[::-1]]:
        assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text)), text


class _CountingTokenizer(KeptCacheTokenizer):
    """Counts the chunks split into affixes (the work the cache saves)."""

    split = 0

    def find_prefix(self, string):
        type(self).split += 1
        return super().find_prefix(string)


def test_adding_an_exception_keeps_the_chunks_already_tokenized():
    theirs = spacy.load(nlp.model_path())
    lazy = _fresh_lazy(theirs.vocab, _CountingTokenizer)
    text = "Wij sturen u de sleutel van uw nieuwe woning na de bezichtiging."
    lazy(text)
    before = _CountingTokenizer.split
    assert before > 0
    needs = "Zie bijv. art. 12 van het huurcontract."
    assert _tokens(lazy(needs)) == _tokens(theirs.tokenizer(needs))
    assert "bijv." in lazy._tokenizer.rules  # (added now)
    after = _CountingTokenizer.split
    assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text))
    assert _CountingTokenizer.split == after  # every chunk of the first text from the cache


def test_after_many_texts_every_exception_is_added(monkeypatch):
    from lint_brieven.nlp import lazy_exceptions

    theirs = spacy.load(nlp.model_path())
    monkeypatch.setattr(lazy_exceptions, "SCAN_LIMIT", 100)
    lazy = _fresh_lazy(theirs.vocab)
    text = "Wij sturen u i.v.m. de sleutel van uw nieuwe woning t.a.v. mevr. De Vries een brief."
    assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text))
    assert lazy._pending  # not yet: fewer characters than the limit
    assert _tokens(lazy(text + " " + text)) == _tokens(theirs.tokenizer(text + " " + text))
    assert not lazy._pending
    assert lazy.rules == theirs.tokenizer.rules


def test_a_text_read_again_is_not_scanned_again():
    theirs = spacy.load(nlp.model_path())
    lazy = _fresh_lazy(theirs.vocab)
    text = "Wij komen i.v.m. de reparatie t.a.v. mevr. De Vries op di. 4 juni :-)"
    assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text))
    scanned = lazy._scanned
    assert scanned > 0
    assert _tokens(lazy(text)) == _tokens(theirs.tokenizer(text))
    assert lazy._scanned == scanned
    other = "Zie bijv. art. 12 van het huurcontract."
    assert _tokens(lazy(other)) == _tokens(theirs.tokenizer(other))
    assert lazy._scanned > scanned
