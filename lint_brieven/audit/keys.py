"""What a letter's audit result depends on, and how an unchanged letter is known again
without reading it.

- ``code_digest``: the lint-brieven code (its version and the name, size and time of every file
  in the package, so a changed module in a source checkout counts), the spaCy and LiNT-II
  versions. Made once per process.
- ``Context``: per configuration, everything the letters under it share: the code, the Dutch
  model's ``meta.json`` (a retrained model), the working folder (reports name files relative
  to it), the configuration file's bytes and every rule pack's name and bytes. Made once per
  configuration, so the rule packs are read once per audit, not once per letter.
- ``letter_key``: the context, the SHA-256 of the letter's bytes and its absolute path.
- ``signature``: what ``os.stat`` says of a letter (device, inode, size, change and
  modification times in nanoseconds). The cache's index maps a signature to the digest of
  the bytes read then; a signature is only written down once the file has been left alone for
  ``SETTLED`` seconds, so a file changed again within the same clock tick is never mistaken
  for the one that was read (git's "racily clean" entries).

Nothing here loads spaCy: a fully cached audit never does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lint_brieven.checks.packs import RulePackError, builtin_pack_dir, pack_files
from lint_brieven.config import Config

SETTLED = 2.0  # seconds a letter must have been left alone before its signature is kept
_PACKAGES = ("lint-brieven", "spacy", "lint-ii")


def model_path() -> Path:
    """The shipped Dutch model's folder (``nlp.model_path()``, found without importing
    ``lint_brieven.nlp`` and so spaCy)."""
    spec = importlib.util.find_spec("lint_brieven.nlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("lint_brieven.nlp")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@lru_cache(maxsize=1)
def code_digest() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in _PACKAGES:
        try:
            digest.update(f"\0{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{name}=-".encode())
    package = Path(__file__).resolve().parents[1]
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            place = os.path.relpath(path, package)
            digest.update(f"\0{place}\0{info.st_size}\0{info.st_mtime_ns}".encode(errors="replace"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Context:
    """``letters``: what every letter's key under one configuration shares. ``rules``: what
    checking that configuration depends on (its bytes, the packs, the code); an audit that
    validated it once keeps the rule names under this key and need not load them again."""

    letters: str
    rules: str


def context_of(config: Config) -> Context | None:
    """The context of a configuration; None when its file or a rule pack cannot be read (then
    nothing is cached and the run reports why, as ``check`` would)."""
    rules = hashlib.sha256(code_digest().encode())
    try:
        rules.update(b"\0" + _place(config.path))
        if config.path is not None:
            rules.update(config.path.read_bytes())  # repr(config) is not stable (sets)
        for pack in pack_files([builtin_pack_dir(), *config.rule_packs]):
            rules.update(b"\0" + _place(pack) + b"\0")
            rules.update(pack.read_bytes())
        meta = (model_path() / "meta.json").read_bytes()  # a retrained model
    except (OSError, RulePackError, ModuleNotFoundError):
        return None
    letters = hashlib.sha256(rules.digest())
    letters.update(meta)
    letters.update(b"\0" + _place(os.getcwd()))
    return Context(letters.hexdigest(), rules.hexdigest())


def letter_key(context: str, content: str, path: Path) -> str:
    """The cache key of one letter: its context (``Context.letters``), the SHA-256 of its
    bytes and where it is (includes are found beside it, settings apply by path)."""
    digest = hashlib.sha256(context.encode())
    digest.update(b"\0" + content.encode())
    digest.update(b"\0" + _place(os.path.abspath(path)))
    return digest.hexdigest()


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signature(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


_PACKED = struct.Struct("<QQQqq")


def packed(signature: list[int]) -> bytes | tuple[int, ...]:
    """A signature in little memory (40 bytes; a tuple when a number does not fit)."""
    try:
        return _PACKED.pack(*signature)
    except struct.error:
        return tuple(signature)


def unpacked(signature: bytes | tuple[int, ...]) -> list[int]:
    return list(_PACKED.unpack(signature) if isinstance(signature, bytes) else signature)


def settled(signature: list[int], now: float) -> bool:
    """Whether the file was last changed (its ``signature``'s modification and change times)
    at least ``SETTLED`` seconds before ``now``."""
    return max(signature[3], signature[4]) < (now - SETTLED) * 1e9


def _place(path: str | Path | None) -> bytes:
    return os.fsencode(path) if path is not None else b"-"
