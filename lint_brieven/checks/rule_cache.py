"""A cache, between runs, of what preparing the rules costs at every start: the validated rule
packs (YAML read, checked against the schema, regular expressions compiled) and the word lists
of the substitution and term rules as our pipeline reads them (the tokens of every phrase and
form; for ``match: lemma`` the lemmas and word classes of every phrase, which took parsing
hundreds of phrases). Beside them: pyphen's parsed Dutch hyphenation patterns, for the
syllable counts (``readability/flesch``), keyed on the pattern file's bytes and pyphen's version.

Each entry is one JSON file (never pickle: reading a cache file runs no code) named by the hash
of its key, which holds everything the value depends on:

- a rule pack: the hash of the pack file's bytes, the lint-brieven version, the bytes of the
  code that validates packs (schema, ``loader.py``, ``regexes.py``) and the versions of the
  packages it uses (PyYAML, jsonschema, regex); only a pack that passed is kept;
- a word list: the phrases and forms themselves, the pipeline's name and version, the files of
  the shipped model (name, size, modification time), the source of ``lint_brieven.nlp`` and
  the versions of lint-brieven, spaCy, thinc and numpy.

A file starts with a line holding its key and the SHA-256 of the rest; a file that is missing,
not JSON, cut short, changed or of another key is rebuilt silently and written again
atomically (``output.write_atomic``). When the folder cannot be written (read-only, a file in
the way), every start builds what it needs, as without a cache. Files not used for
:data:`KEEP_DAYS` days are removed when a new file is written.

Where: ``$XDG_CACHE_HOME/lint-brieven/regels`` (else ``~/.cache/lint-brieven/regels``; on
Windows ``%LOCALAPPDATA%\\lint-brieven\\regels``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import stat
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from lint_brieven.cache_folder import user_cache_folder

FORMAT = 1  # of the files; a change makes every older file stale
KEEP_DAYS = 30
_TOUCH_SECONDS = 24 * 3600  # a file read is marked as used at most once a day
_SUFFIX = ".json"
T = TypeVar("T")


def folder() -> Path | None:
    """The folder for the cache files, or None when there is no home to put it in."""
    base = user_cache_folder()
    return None if base is None else base / "regels"


def cached(
    kind: str, key: dict, build: Callable[[], T], usable: Callable[[Any], bool] = lambda _: True
) -> T:
    """The value for ``key`` from the cache, else ``build()`` (stored when it is plain JSON).
    ``usable`` checks the shape of a value read back; one that fails it is rebuilt."""
    where = folder()
    path = where / _file_name(kind, key) if where is not None else None
    if path is not None:
        value = _read(path, kind, key)
        if value is not _MISSING and _safe(usable, value):
            return value
    value = build()
    if path is not None and _plain(value):
        _write(path, kind, key, value)
    return value


_MISSING = object()


def _safe(usable: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(usable(value))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return False


def _file_name(kind: str, key: dict) -> str:
    digest = hashlib.sha256(_dumps({"kind": kind, "key": key}).encode("ascii")).hexdigest()
    return f"{kind}-{digest[:32]}{_SUFFIX}"


def _dumps(value: Any, sort: bool = True) -> str:
    """JSON in ASCII (a lone surrogate, possible in a YAML string, is kept as an escape);
    ``sort=False`` keeps the order of every dict's keys (a value: rules read them in order)."""
    return json.dumps(value, ensure_ascii=True, sort_keys=sort, allow_nan=False)


def _read(path: Path, kind: str, key: dict) -> Any:
    """The value in ``path`` if it is a whole file for ``kind`` and ``key``, else _MISSING."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # never open a FIFO or device: it could block
            return _MISSING
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        if header != {
            "format": FORMAT,
            "kind": kind,
            "key": key,
            "sha256": hashlib.sha256(body).hexdigest(),
        }:
            return _MISSING
        value = json.loads(body)
    except (OSError, ValueError, RecursionError):  # JSONDecodeError and UnicodeError too
        return _MISSING
    if time.time() - info.st_mtime > _TOUCH_SECONDS:
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: not removed as unused
    return value


def _write(path: Path, kind: str, key: dict, value: Any) -> None:
    from lint_brieven.output import write_atomic

    try:
        body = _dumps(value, sort=False)
        header = {
            "format": FORMAT,
            "kind": kind,
            "key": key,
            "sha256": hashlib.sha256(body.encode("ascii")).hexdigest(),
        }
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.stat(path).st_mode):
                return
        write_atomic(path, _dumps(header) + "\n" + body)
    except (OSError, ValueError, RecursionError):  # an unwritable folder: no cache
        return
    _remove_unused(path.parent, keep=path)


def _remove_unused(where: Path, keep: Path) -> None:
    """Cache files not read or written for :data:`KEEP_DAYS` days (a pack since changed)."""
    limit = time.time() - KEEP_DAYS * 24 * 3600
    with contextlib.suppress(OSError):
        for entry in os.scandir(where):
            if entry.name == keep.name or not entry.name.endswith(_SUFFIX):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` reads back from JSON as exactly itself: dicts with text keys, lists,
    text, whole and finite numbers, booleans and None (not a date, a set or a tuple)."""
    if depth > 100:
        return False
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(_plain(v, depth + 1) for v in value)
    if kind is dict:
        return all(type(k) is str and _plain(v, depth + 1) for k, v in value.items())
    return False


# -- keys ------------------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _sources(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode("utf-8") + b"\x00" + file.read_bytes() + b"\x00")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _pack_code() -> dict:
    """What deciding that a pack is valid depends on, besides the pack."""
    from lint_brieven import __version__

    here = Path(__file__).parent
    files = [here / "pack_schema.json", here / "loader.py", here / "regexes.py"]
    return {
        "lint-brieven": __version__,
        "code": _sources(files),
        "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
        "packages": {p: _version(p) for p in ("PyYAML", "jsonschema", "regex")},
    }


def pack_key(data: bytes) -> dict:
    """The key of a rule pack whose file holds ``data``."""
    return {"pack": hashlib.sha256(data).hexdigest(), **_pack_code()}


@lru_cache(maxsize=1)
def _pipeline_key() -> dict:
    """What our pipeline's reading of a phrase depends on."""
    import numpy
    import spacy
    import thinc

    from lint_brieven import __version__, nlp

    model = nlp.model_path()
    files = sorted(
        [str(p.relative_to(model)), info.st_size, info.st_mtime_ns]
        for p in model.rglob("*")
        if (info := p.stat()) and stat.S_ISREG(info.st_mode)
    )
    meta = nlp.pipeline().meta
    code = sorted(Path(nlp.__file__).parent.glob("*.py"))
    return {
        "lint-brieven": __version__,
        "model": [meta.get("lang"), meta.get("name"), meta.get("version")],
        "model-files": files,
        "nlp-code": _sources(code),
        "pipes": list(nlp.pipeline().pipe_names),
        "packages": {
            "spacy": spacy.__version__,
            "thinc": thinc.__version__,
            "numpy": numpy.__version__,
        },
    }


def phrases_key(what: str, phrases: Any) -> dict:
    """The key of a word list's reading: ``what`` is read of ``phrases`` by our pipeline."""
    listed = _dumps(phrases).encode("ascii")
    return {"what": what, "phrases": hashlib.sha256(listed).hexdigest(), **_pipeline_key()}
