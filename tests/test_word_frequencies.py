"""wordfreq's Dutch frequencies from the lookup file (lint_brieven/nlp/word_frequencies.py):
every word answers as wordfreq's own dict does, and a damaged, stale or unwritable cache
falls back or is rebuilt without an error."""

from __future__ import annotations

import os

import pytest
import wordfreq

from lint_brieven.nlp import word_frequencies as wf
from lint_brieven.readability import wordlist_cache

WORDS = [
    "huur",
    "Huur",
    "woning",
    "inschrijfduur",
    "klantportaal",
    "de",
    "12,50",
    "€ 12,50",
    "a.s.",
    "cv-ketel",
    "op korte termijn",
    "xyzzyq",
    "",
    "geïnformeerd",
    "\ud800",
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder (and a fresh lookup) for this test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wf._table.cache_clear()
    yield tmp_path / "lint-brieven"
    wf._table.cache_clear()


def _file(folder):
    return next(folder.glob(f"{wf.PREFIX}*{wf.SUFFIX}"))


def _their_zipf(word: str) -> float:
    wordfreq._wf_cache.clear()
    wf_dict = wordfreq.get_frequency_dict
    try:
        wordfreq.get_frequency_dict = wf_dict.__wrapped__
        return wordfreq.zipf_frequency(word, "nl")
    finally:
        wordfreq.get_frequency_dict = wf_dict
        wordfreq._wf_cache.clear()


def test_every_word_has_wordfreq_s_own_frequency(cache):
    wf.install()
    table = wordfreq.get_frequency_dict("nl")
    assert isinstance(table, wf.Frequencies)
    theirs = wf._original_dict()
    assert len(theirs) > 100_000
    for word, freq in theirs.items():
        assert word in table and table[word] == freq
    assert "xyzzyq" not in table and "\ud800" not in table
    with pytest.raises(KeyError):
        table["xyzzyq"]


def test_zipf_frequencies_are_the_same(cache):
    wf.install()
    wordfreq._wf_cache.clear()
    ours = [wordfreq.zipf_frequency(w, "nl") for w in WORDS]
    assert isinstance(wordfreq.get_frequency_dict("nl"), wf.Frequencies)
    assert ours == [_their_zipf(w) for w in WORDS]
    assert ours[0] > 4 and ours[WORDS.index("xyzzyq")] == 0.0
    # other languages and word lists are wordfreq's own
    assert type(wordfreq.get_frequency_dict("en")) is dict
    assert type(wordfreq.get_frequency_dict("nl", "small")) is dict


def test_install_is_once(cache):
    wf.install()
    first = wordfreq.get_frequency_dict
    wf.install()
    assert wordfreq.get_frequency_dict is first
    assert not getattr(first.__wrapped__, wf._MARK, False)  # not wrapped twice


@pytest.mark.parametrize("damage", ["garbage", "truncated", "stale"])
def test_a_damaged_or_stale_file_is_rebuilt(cache, damage, monkeypatch):
    assert wf._table() is not None
    path = _file(cache)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a database" * 100)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    else:
        monkeypatch.setattr(wf, "FORMAT", wf.FORMAT + 1)
    wf._table.cache_clear()
    table = wf._table()
    assert table is not None and table["huur"] == wf._original_dict()["huur"]
    assert wf._opened(_file(cache), wf.cache_key())
    if damage != "stale":
        assert _file(cache).read_bytes() == good


def test_no_writable_folder_means_wordfreq_s_own_dict(cache, monkeypatch):
    monkeypatch.setattr(wf, "build", lambda key: (_ for _ in ()).throw(OSError("read-only")))
    # nor the private temporary folder (it may hold a file another run built)
    monkeypatch.setattr(wordlist_cache, "_private_temp_folder", lambda: None)
    wf.install()
    assert wf._table() is None
    assert type(wordfreq.get_frequency_dict("nl")) is dict
    wordfreq._wf_cache.clear()
    assert wordfreq.zipf_frequency("huur", "nl") == _their_zipf("huur")


def test_a_list_the_file_cannot_keep_is_not_cached(cache, monkeypatch):
    real = wordfreq.get_frequency_list

    def with_a_surrogate(lang, wordlist="best", match_cutoff=None):
        return [list(b) for b in real(lang, wordlist)] + [["\ud800"]]

    monkeypatch.setattr(wordfreq, "get_frequency_list", with_a_surrogate)
    assert wf._table() is None
    assert not list(cache.glob(f"{wf.PREFIX}*"))


def test_a_forked_worker_opens_its_own_connection(cache):
    table = wf._table()
    assert table["huur"] > 0
    pid = os.fork()
    if pid == 0:  # child: the parent's connection is not used
        try:
            table._seen.clear()
            ok = table["woning"] == wf._original_dict()["woning"] and table._pid == os.getpid()
        except BaseException:  # noqa: BLE001
            ok = False
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
