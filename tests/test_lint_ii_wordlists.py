"""lint-ii's word lists from our SQLite cache give lint-ii's own answers, for every entry.

``lint_brieven.readability.wordlists`` stands in for ``lint_ii.linguistic_data.wordlists``
(which builds its lists from Parquet at import); ``wordlist_cache`` keeps them in SQLite. Here:
every word of every list answers as in lint-ii's own module; every sentence of the reference
texts scores the same with either; a corrupt, cut-short or stale file is rebuilt; a cache
folder that cannot be written still gives the same report through the command line.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest
from lintkit import SHARED, write

from lint_brieven.readability import lint_ii_bridge, wordlist_cache, wordlists

REFERENCE = SHARED / "reference" / "lint-ii-examples"


@pytest.fixture(scope="module")
def original():
    """lint-ii's own word-list module, loaded as lint-ii loads it."""
    return wordlist_cache.load_original()


@pytest.fixture(scope="module")
def built(original) -> bytes:
    """The cache file's bytes, built (and checked) from lint-ii's lists."""
    return wordlist_cache.build(original, wordlist_cache.cache_key())


@pytest.fixture
def store(built, tmp_path):
    path = tmp_path / "wordlists.sqlite3"
    path.write_bytes(built)
    opened = wordlist_cache.Store.open(path, wordlist_cache.cache_key())
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The cache folder (only this one: no fallback to the temporary folder)."""
    cache = tmp_path / "cache"
    monkeypatch.setattr(wordlist_cache, "_folders", lambda: [lambda: cache])
    return cache


def _same(ours, theirs) -> bool:
    """Equal, of the same type, and (for a noun's fields) in the same order."""
    if type(ours) is not type(theirs) or ours != theirs:
        return False
    return not isinstance(ours, dict) or list(ours) == list(theirs)


# -- what lint-ii uses is there -------------------------------------------------------------


def test_the_stand_in_has_every_name_lint_ii_uses(original):
    import lint_ii

    module = wordlists.install()
    assert sys.modules[wordlists.MODULE] is module
    import lint_ii.linguistic_data.wordlists as imported

    assert imported is module
    used: set[str] = set()
    for path in Path(lint_ii.__path__[0]).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"_wordlists\.(\w+)", text))
        for names in re.findall(r"from lint_ii\.linguistic_data\.wordlists import ([\w, ]+)", text):
            used |= {n.strip() for n in names.split(",")}
    assert {"NOUN_DATA", "FREQ_DATA", "FREQ_SKIPLIST"} <= used, "check lint-ii's word lists"
    own_names = {
        n
        for n, v in vars(original).items()
        if not n.startswith("_") and not isinstance(v, (type, types.ModuleType))
    }
    assert used <= own_names
    for name in own_names:  # every name lint-ii's module defines, lazily loaded ones too
        assert hasattr(module, name), name
    for name in ("PATH_NOUNS_SEM_TYPES", "PATH_MANNER_ADVERBS", "path_word_freq", "cols"):
        assert getattr(module, name) == getattr(original, name)
    assert lint_ii_bridge.install().noun_list_version == original.PATH_NOUNS_SEM_TYPES.stem


def test_the_short_lists_are_sets_of_the_same_words(original):
    module = wordlists.install()
    for name in wordlists.SETS:
        ours, theirs = getattr(module, name), getattr(original, name)
        assert isinstance(ours, frozenset) and isinstance(theirs, list)
        assert ours == set(theirs), name
    assert "beleefdheidshalve " in module.MANNER_ADVERBS  # a trailing space, kept as lint-ii has it


# -- every entry answers as in lint-ii ------------------------------------------------------


@pytest.mark.parametrize("name", wordlist_cache.DICTS)
def test_every_entry_answers_as_in_lint_ii(store, original, name):
    theirs = getattr(original, name)
    assert len(theirs) > 100_000
    missing = object()
    differ = [k for k, v in theirs.items() if not _same(store.get(name, k, missing), v)]
    assert differ == []
    assert store.table(name) == theirs  # nothing more either


@pytest.mark.parametrize("name", wordlist_cache.DICTS)
def test_words_not_in_a_list_are_not_found_either(store, original, name):
    theirs = getattr(original, name)
    words = [k for k in theirs if isinstance(k, str)][::997]
    asked = [w.upper() for w in words] + [w + " " for w in words] + [w + "\x00" for w in words]
    asked += ["", " ", "x" * 300, "huis\ud800", "\ud800", 1, 1.0, 0, b"huis"]
    missing = object()
    for key in asked:
        assert _same(store.get(name, key, missing), theirs.get(key, missing)), key


def test_a_key_that_is_not_text_answers_as_in_lint_ii(store, original):
    """lint-ii's frequency list has a key None (a word its data lost): kept as lint-ii has it."""
    assert None in original.FREQ_DATA
    assert _same(store.get("FREQ_DATA", None, "-"), original.FREQ_DATA[None])
    assert store.get("NOUN_DATA", None, "-") == original.NOUN_DATA.get(None, "-")

    class Word(str):
        pass

    word = next(w for w in original.FREQ_DATA if w)
    assert _same(store.get("FREQ_DATA", Word(word), None), original.FREQ_DATA[word])


def test_the_lookup_behaves_as_lint_iis_dict(original):
    module = wordlists.install()
    for name in wordlist_cache.DICTS:
        ours, theirs = getattr(module, name), getattr(original, name)
        sample = [k for k in theirs if isinstance(k, str)][::1009] + ["zzzgeenwoord", None]
        for key in sample:
            assert _same(ours.get(key, {}), theirs.get(key, {})), key
            assert (key in ours) == (key in theirs)
            if key in theirs:
                assert _same(ours[key], theirs[key])
        with pytest.raises(KeyError):
            ours["zzzgeenwoord"]
        with pytest.raises(TypeError):
            ours.get(["niet", "hashbaar"])


def test_every_reference_sentence_scores_as_with_lint_iis_own_lists(original, monkeypatch):
    """Word by word: frequency, concreteness, content word; and each sentence's score."""
    import lint_ii.linguistic_data as package
    from lint_ii.core.preprocessor import preprocess_text
    from lint_ii.core.readability_analysis import ReadabilityAnalysis

    from lint_brieven.nlp import pipeline

    texts = json.loads((REFERENCE / "texts.json").read_text(encoding="utf-8"))
    docs = [pipeline()(preprocess_text(t["text"])) for t in texts.values()]
    sentences = [
        s for doc in docs for s in doc.sents if any(not (t.is_punct or t.is_space) for t in s)
    ]
    assert len(sentences) > 40

    def features() -> list:
        seen, analyses = [], []
        for sent in sentences:
            analysis = lint_ii_bridge.sentence_analysis(sent)
            for word in analysis.word_features:
                seen.append((word.as_dict(), word.is_content_word, word.is_human))
            seen.append((analysis.lint.score, analysis.lint.level))
            analyses.append(analysis)
        whole = ReadabilityAnalysis(analyses).lint
        return [*seen, (whole.score, whole.level)]

    ours = features()
    monkeypatch.setitem(sys.modules, wordlists.MODULE, original)
    monkeypatch.setattr(package, "wordlists", original)
    import lint_ii.linguistic_data.wordlists as imported

    assert imported is original
    assert features() == ours
    assert sum("word_frequency" in x[0] for x in ours if len(x) == 3) > 100
    assert sum("super_sem_type" in x[0] for x in ours if len(x) == 3) > 50


# -- the cache file: built, reused, rebuilt -------------------------------------------------


def _counting_build(monkeypatch, built: bytes) -> list[int]:
    """Count builds; a build returns the bytes built (and checked) once for this module."""
    calls: list[int] = []

    def build(original, key):
        calls.append(1)
        meta = sqlite3.connect(":memory:")
        meta.deserialize(built)
        meta.execute("UPDATE meta SET value = ? WHERE name = 'key'", (json.dumps(key),))
        meta.commit()
        data = meta.serialize()
        meta.close()
        return data

    monkeypatch.setattr(wordlist_cache, "build", build)
    return calls


def _cache_file(folder: Path) -> Path:
    return folder / wordlist_cache.file_name(wordlist_cache.cache_key())


def test_the_file_is_built_once_and_then_reused(folder, original, built, monkeypatch):
    calls = _counting_build(monkeypatch, built)
    first = wordlist_cache.open_store(lambda: original)
    assert first is not None and calls == [1]
    first.close()
    again = wordlist_cache.open_store(lambda: original)
    assert again is not None and calls == [1]
    assert _same(again.get("FREQ_DATA", "huis", None), original.FREQ_DATA["huis"])
    again.close()
    assert [p.name for p in folder.iterdir()] == [_cache_file(folder).name]  # no temporaries


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "cut short", "zeros inside", "no tables", "a folder"],
)
def test_a_damaged_file_is_rebuilt(folder, original, built, monkeypatch, damage):
    calls = _counting_build(monkeypatch, built)
    path = _cache_file(folder)
    folder.mkdir()
    if damage == "garbage":
        path.write_bytes(b"not a database" * 1000)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "cut short":
        path.write_bytes(built[: len(built) // 2])
    elif damage == "zeros inside":
        path.write_bytes(built[:4096] + bytes(len(built) - 4096))
    elif damage == "no tables":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE x (y)")
        db.commit()
        db.close()
    else:
        path.mkdir()
    store = wordlist_cache.open_store(lambda: original)
    if damage == "a folder":  # where the file should be: left alone, lint-ii's own lists used
        assert store is None and path.is_dir()
        return
    assert store is not None and calls == [1]
    assert _same(store.get("NOUN_DATA", "huis", None), original.NOUN_DATA["huis"])
    store.close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_stale_file_is_rebuilt(folder, original, built, monkeypatch):
    """Keyed on lint-ii's data files (name, size, time) and the bytes of its wordlists.py."""
    calls = _counting_build(monkeypatch, built)
    wordlist_cache.open_store(lambda: original).close()
    key = wordlist_cache.cache_key()
    assert {"files", "reader", "format", "data_dir"} <= set(key)
    assert any(name.startswith("subtlex_wordfreq") for name, _, _ in key["files"])
    newer = dict(key, files=[[n, s, t + 1] for n, s, t in key["files"]])
    monkeypatch.setattr(wordlist_cache, "cache_key", lambda: newer)
    store = wordlist_cache.open_store(lambda: original)
    assert store is not None and calls == [1, 1]
    assert json.loads(store._meta("key")) == newer
    store.close()


def test_a_file_that_fails_while_in_use_gives_way_to_lint_iis_lists(
    folder, original, built, monkeypatch
):
    _counting_build(monkeypatch, built)
    source = wordlists._Source()
    monkeypatch.setattr(source, "original", lambda: original)
    nouns, freq = wordlists.Lookup("NOUN_DATA", source), wordlists.Lookup("FREQ_DATA", source)
    assert _same(nouns.get("huis"), original.NOUN_DATA["huis"])
    path = _cache_file(folder)
    with open(path, "r+b") as handle:  # the same file, overwritten in place
        handle.seek(4096)
        handle.write(bytes(path.stat().st_size - 4096))
    words = [w for w in original.FREQ_DATA if isinstance(w, str)][::5003]
    assert all(_same(freq.get(w), original.FREQ_DATA[w]) for w in words)
    assert source.store() is None and not path.exists()  # the next start builds it anew


def _lists(nouns: dict, freq: dict) -> types.SimpleNamespace:
    """A small stand-in for lint-ii's loaded module."""
    return types.SimpleNamespace(
        NOUN_DATA=nouns,
        FREQ_DATA=freq,
        FREQ_SKIPLIST=["aanbieden"],
        MANNER_ADVERBS=["ambtshalve", "beleefdheidshalve "],
        MEASUREMENT_UNITS=["cm", "cm", "kg"],
    )


def test_the_build_checks_what_it_reads_back():
    nouns = {"huis": {"sem_type": "place", "super_sem_type": "concrete"}, "kind": {"head": "kind"}}
    small = _lists(nouns, {"huis": 5.91, None: 2, "kind": 1e-300})
    store = wordlist_cache.Store.in_memory(wordlist_cache.build(small, {"k": 1}))
    assert _same(store.get("FREQ_DATA", None, "-"), 2) and _same(
        store.get("FREQ_DATA", 2, "-"), "-"
    )
    assert _same(store.get("NOUN_DATA", "kind", None), {"head": "kind"})
    assert store.listed("MEASUREMENT_UNITS") == ["cm", "cm", "kg"]
    for changed in (
        _lists(nouns, {"huis": 5.91, None: 2.0, "kind": 1e-300}),  # 2 is not 2.0
        _lists(nouns, {"huis": 5.91, None: 2, "kind": 1e-300, "extra": 1.0}),
        _lists({**nouns, "kind": {"head": "kind", "sem_type": "human"}}, small.FREQ_DATA),
        _lists(
            {"kind": nouns["kind"], "huis": dict(reversed(nouns["huis"].items()))}, small.FREQ_DATA
        ),
    ):
        data = wordlist_cache.build(small, {"k": 1})
        with pytest.raises(wordlist_cache.Unsupported):
            wordlist_cache._verify(wordlist_cache.Store.in_memory(data), changed)


@pytest.mark.parametrize(
    "odd",
    [{"huis": float("nan")}, {"huis": True}, {1: 1.0}, {"huis": "5,9"}],
    ids=["NaN", "bool", "number as word", "text"],
)
def test_lists_the_file_cannot_keep_exactly_are_not_cached(folder, odd):
    assert wordlist_cache.open_store(lambda: _lists({}, odd)) is None
    assert not folder.exists()  # nothing written: lint-ii's own lists are used


def test_files_of_removed_installations_are_removed(folder, original, built, monkeypatch):
    _counting_build(monkeypatch, built)
    folder.mkdir()
    gone, here = folder / f"{wordlist_cache.PREFIX}gone.sqlite3", folder / "other.sqlite3"
    for path, data_dir in [(gone, str(folder / "no-such-venv")), (here, str(folder))]:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE meta (name, value)")
        db.execute("INSERT INTO meta VALUES ('key', ?)", (json.dumps({"data_dir": data_dir}),))
        db.commit()
        db.close()
    kept = folder / f"{wordlist_cache.PREFIX}kept.sqlite3"
    here.rename(kept)
    wordlist_cache.open_store(lambda: original).close()
    assert not gone.exists() and kept.exists() and _cache_file(folder).exists()


def test_a_forked_worker_opens_the_file_anew(original):
    module = wordlists.install()
    assert module.FREQ_DATA.get("huis") == original.FREQ_DATA["huis"]
    fresh = next(w for w in original.FREQ_DATA if w and w not in module.FREQ_DATA._memo)
    read, written = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            ok = module.FREQ_DATA.get(fresh) == original.FREQ_DATA[fresh]
            ok = ok and wordlists._SOURCE._store is not None
            os.write(written, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(written)
    answer = os.read(read, 2)
    os.waitpid(child, 0)
    os.close(read)
    assert answer == b"ok"


# -- through the command line ---------------------------------------------------------------

LETTER = (
    "Beste heer Jansen,\n\nWij vervangen op 12 mei de kraan in uw keuken. De monteur komt tussen "
    "acht en twaalf uur. Bent u niet thuis? Bel ons dan op 020 123 45 67.\n\nMet vriendelijke "
    "groet,\n\nWoonstichting De Linde\n"
)


def _check(folder: Path, env: dict[str, str], code: str = "") -> tuple[dict, set[str]]:
    script = (
        "import json, sys\n"
        f"{code}\n"
        "from lint_brieven.cli import main\n"
        "try:\n"
        "    main(['check', 'brief.txt', '--output-format', 'json', '--select', 'ALL'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in done.stderr, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    report = json.loads(done.stdout)["files"][0]
    return report, set(json.loads(line[len("MODULES ") :]))


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("brief")
    write(root, {"brief.txt": LETTER})
    return root


@pytest.fixture(scope="module")
def with_cache(letter, tmp_path_factory) -> tuple[dict, set[str], Path]:
    """The report with a cache folder of its own, run twice (built, then used)."""
    cache = tmp_path_factory.mktemp("xdg")
    _check(letter, {"XDG_CACHE_HOME": str(cache)})
    report, modules = _check(letter, {"XDG_CACHE_HOME": str(cache)})
    return report, modules, cache


def test_with_the_file_built_lint_ii_reads_no_parquet(with_cache):
    report, modules, cache = with_cache
    assert report["readability"]["lint_ii"]["score"] is not None
    assert "lint_ii.core.word_features" in modules  # lint-ii did score the letter
    assert "pyarrow" not in modules
    word_list_files = [
        p.name
        for p in (cache / "lint-brieven").iterdir()
        if p.is_file() and p.name.startswith(wordlist_cache.PREFIX)  # wordfreq's file beside it
    ]
    assert word_list_files == [wordlist_cache.file_name(wordlist_cache.cache_key())]


@pytest.mark.parametrize("where", ["under a file", "a read-only folder"])
def test_a_cache_folder_that_cannot_be_written_gives_the_same_report(
    letter, with_cache, tmp_path, where
):
    if where == "under a file":
        (tmp_path / "a-file").write_text("", encoding="utf-8")
        cache = tmp_path / "a-file" / "cache"
    else:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            pytest.skip("root writes to a read-only folder; 'under a file' covers this as root")
        cache = tmp_path / "read-only"
        cache.mkdir(mode=0o555)
    temp = tmp_path / "temp"
    temp.mkdir()
    report, modules = _check(letter, {"XDG_CACHE_HOME": str(cache), "TMPDIR": str(temp)})
    assert report == with_cache[0]
    assert not (tmp_path / "a-file").is_dir() and not list(tmp_path.glob("read-only/*"))
    assert list(temp.glob(f"lint-brieven-*/{wordlist_cache.PREFIX}*"))  # the fallback folder


def test_with_no_folder_at_all_lint_iis_own_lists_give_the_same_report(letter, with_cache):
    patch = (
        "from lint_brieven.readability import wordlist_cache\nwordlist_cache._folders = lambda: []"
    )
    report, modules = _check(letter, {}, code=patch)
    assert report == with_cache[0]
    assert "pyarrow.parquet" in modules  # lint-ii's own module read its Parquet files
