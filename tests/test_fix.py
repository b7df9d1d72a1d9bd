"""--fix and --diff: only literal text changes, idempotent, atomic, reversible."""

from __future__ import annotations

import shutil
import stat
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lintkit import REPO, write

from lint_brieven.cli import main
from lint_brieven.findings import Finding, Severity, Suggestion
from lint_brieven.fix.edits import Edit, apply, edits_for, resolve
from lint_brieven.fix.files import fix, unified_diff
from lint_brieven.readers.placeholders import JINJA_TAG
from lint_brieven.runner import RunRequest

TEMPLATE = (
    "<p>Beste {{ huurder.naam }},</p>\n"
    "<p>Wij sturen u middels deze brief reeds het formulier. {# middels #}</p>\n"
    "{% if x %}<p>Indien u vragen heeft, belt u ons.</p>{% endif %}\n"
)


pytestmark = pytest.mark.usefixtures("in_tmp")


def _finding(text, line, column, suggestion, safe=True, replaces=True, code="LB101"):
    return Finding(
        path="a.txt",
        code=code,
        severity=Severity.WARNING,
        message="",
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(text),
        text=text,
        suggestions=(Suggestion(suggestion, safe, replaces),),
    )


def test_edits_only_touch_literal_text_that_matches_the_finding():
    source = "Wij sturen middels {{ x }} post.\n"
    good = _finding("middels", 1, 12, "met")
    moved = _finding("middels", 1, 1, "met")  # the source has other words there
    tagged = _finding("{{ x }}", 1, 20, "iets")
    advice = _finding("post", 1, 28, "Schrijf iets anders", replaces=False)
    unsafe = _finding("post", 1, 28, "brieven", safe=False)
    assert edits_for([good, moved, tagged, advice, unsafe], source) == [
        Edit(11, 18, "met", "LB101")
    ]
    assert len(edits_for([unsafe], source, unsafe=True)) == 1


def test_overlapping_edits_resolve_deterministically():
    edits = [Edit(5, 9, "b", "LB2"), Edit(0, 6, "a", "LB1"), Edit(0, 6, "c", "LB0")]
    assert resolve(edits) == [Edit(0, 6, "c", "LB0")]
    assert resolve(list(reversed(edits))) == resolve(edits)
    assert apply("0123456789", [Edit(0, 6, "c")]) == "c6789"


def run_cli(*args):
    return main(["check", *args])


def test_diff_changes_nothing_and_exits_1(tmp_path, capsys):
    write(tmp_path, {"a.html.j2": TEMPLATE})
    assert run_cli("a.html.j2", "--diff", "--select", "LB101") == 1
    out = capsys.readouterr().out
    assert "-<p>Wij sturen u middels deze brief reeds" in out
    assert "+<p>Wij sturen u met deze brief al het formulier. {# middels #}</p>" in out
    assert (tmp_path / "a.html.j2").read_text() == TEMPLATE


def test_fix_keeps_tags_comments_markup_mode_and_is_idempotent(tmp_path, capsys):
    path = tmp_path / "a.html.j2"
    path.write_text(TEMPLATE)
    path.chmod(0o640)
    assert run_cli("a.html.j2", "--fix", "--select", "LB101") == 0
    fixed = path.read_text()
    assert fixed == TEMPLATE.replace("middels deze", "met deze").replace("reeds", "al").replace(
        "Indien", "Als"
    )
    assert JINJA_TAG.findall(fixed) == JINJA_TAG.findall(TEMPLATE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert run_cli("a.html.j2", "--diff", "--select", "LB101") == 0  # nothing left to fix
    assert [p.name for p in tmp_path.iterdir()] == ["a.html.j2"]  # no temporary files left


def test_fix_keeps_crlf_and_byte_order_mark(tmp_path):
    data = b"\xef\xbb\xbfWij sturen middels de post.\r\nIndien u wilt, bel ons.\r\n"
    (tmp_path / "a.txt").write_bytes(data)
    diff = unified_diff(fix(RunRequest(["a.txt"]), write=False).changed)
    fix(RunRequest(["a.txt"]))
    assert (tmp_path / "a.txt").read_bytes() == (
        b"\xef\xbb\xbfWij sturen met de post.\r\nAls u wilt, bel ons.\r\n"
    )
    # the diff keeps the line endings, so it reverts the fix exactly
    (tmp_path / "fix.diff").write_bytes(diff.encode("utf-8"))
    subprocess.run(["patch", "-R", "-s", "a.txt", "fix.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "a.txt").read_bytes() == data


def test_unsafe_fixes_apply_rewrites_the_writer_should_read(tmp_path):
    write(tmp_path, {"a.txt": "Uw aanvraag is afgewezen.\n"})
    request = RunRequest(["a.txt"])
    assert fix(request, write=False).changed == {}
    fix(request, unsafe=True)
    assert (tmp_path / "a.txt").read_text() == "Wij hebben uw aanvraag afgewezen.\n"


def test_a_fix_in_an_included_template_is_written_there(tmp_path):
    write(
        tmp_path,
        {
            "voet.html.j2": "<p>Wij sturen middels de post.</p>\n",
            "b.html.j2": "<p>Hallo.</p>\n{% include 'voet.html.j2' %}\n",
        },
    )
    fix(RunRequest(["b.html.j2"]))
    assert (tmp_path / "voet.html.j2").read_text() == "<p>Wij sturen met de post.</p>\n"
    assert (tmp_path / "b.html.j2").read_text() == "<p>Hallo.</p>\n{% include 'voet.html.j2' %}\n"


def test_corpus_templates_fix_and_revert_through_the_diff(tmp_path):
    """--fix (with unsafe fixes) on every corpus template, then the diff applied in reverse
    gives the original bytes back; a second --fix changes nothing."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    originals = {p: p.read_bytes() for p in (tmp_path / "corpus").rglob("*.j2")}
    known_tags = {t for data in originals.values() for t in JINJA_TAG.findall(data.decode())}
    request = RunRequest(["corpus/sjablonen"])
    preview = fix(request, unsafe=True, write=False)
    diff = unified_diff(preview.changed)
    assert preview.changed, "the 'voor' letters have fixable findings"
    fixed = fix(request, unsafe=True)
    assert fixed.changed.keys() == preview.changed.keys()
    for path, (_, after) in fixed.changed.items():
        before_tags = JINJA_TAG.findall(originals[path.resolve()].decode())
        after_tags = JINJA_TAG.findall(after.decode())
        # every tag stays, in order; a rewrite may only reuse placeholders the letter already
        # has, here or in its base template ("Geachte heer/mevrouw" → "Beste {{ huurder.naam }}")
        remaining = iter(after_tags)
        assert all(tag in remaining for tag in before_tags)
        assert set(after_tags) <= known_tags
    assert fix(request, unsafe=True, write=False).changed == {}  # idempotent
    (tmp_path / "fix.diff").write_text(diff, encoding="utf-8")
    subprocess.run(["patch", "-R", "-p1", "-s", "-i", "fix.diff"], cwd=tmp_path, check=True)
    assert {p: p.read_bytes() for p in originals} == originals


WORDS = ["Wij", "sturen", "middels", "reeds", "indien", "de", "brief", "teneinde", "u", "post"]
TAGS = ["{{ huurder.naam }}", "{{ datum|datum }}", "{% if x %}", "{% endif %}", "{# reeds #}"]
MARKUP = ["<b>", "</b>", "<p>", "</p>"]


@st.composite
def letters(draw):
    pieces = draw(st.lists(st.sampled_from(WORDS + TAGS + MARKUP), min_size=3, max_size=25))
    body, depth = [], 0
    for piece in pieces:  # keep {% if %} blocks balanced so the template parses
        if piece == "{% endif %}":
            if depth == 0:
                continue
            depth -= 1
        elif piece == "{% if x %}":
            depth += 1
        body.append(piece)
    body += ["{% endif %}"] * depth
    return " ".join(body) + ".\n"


def _markup(text):
    import re

    return JINJA_TAG.findall(text), re.findall(r"</?[a-z]+>", text)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(letter=letters())
def test_fixes_never_alter_a_tag_and_twice_equals_once(tmp_path, letter):
    path = tmp_path / "brief.html.j2"
    path.write_text(letter, encoding="utf-8")
    request = RunRequest([str(path)])
    once = fix(request, unsafe=True)
    after_once = path.read_bytes()
    assert _markup(after_once.decode()) == _markup(letter)
    twice = fix(request, unsafe=True)
    assert twice.changed == {} and path.read_bytes() == after_once
    assert once.applied >= 0
