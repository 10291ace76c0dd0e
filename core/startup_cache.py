"""Work every start would redo identically, done once by the release build.

Two things the engine builds at import are the same at every start: its ~140 regular
expressions (``re`` parses and optimises each in Python: 20-30 ms) and the methods
``core.record`` generates for its value classes (one ``compile`` each: ~6 ms). Both
results are plain data - sre op codes and code objects - so the release build records
them (``python -m core.startup_cache OUT core gui``, run by build.spec) and the packaged app
loads them instead: patterns go straight to ``_sre.compile``, as ``re`` itself does
after compiling, and code objects come back through ``marshal``, as .pyc files do.

The cache is tied to the exact interpreter that wrote it (version, build, sre magic);
each pattern was checked, when written, to equal ``re.compile``'s (CPython compares
patterns by their op codes). Anything else - no cache, another interpreter, a damaged
file, an entry not in it - compiles as usual. Run from source there is no cache and
nothing changes.
"""

from __future__ import annotations

import marshal
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import CodeType
from typing import Any

import _sre  # re's own engine: the one that compiles the op codes

from core.frozen import bundle_dir

CACHE_NAME = "startup_cache.marshal"
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]


class _Cache:
    def __init__(self, patterns: dict[tuple[str, int], _Entry] | None = None,
                 code: dict[str, CodeType] | None = None) -> None:
        self.patterns = patterns or {}
        self.code = code or {}


_cache: _Cache | None = None
_recording: tuple[dict[tuple[str, int], None], dict[str, str]] | None = None  # while writing a cache


def interpreter_key() -> str:
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"


def default_cache_path() -> Path | None:
    bundle = bundle_dir()
    return bundle / CACHE_NAME if bundle is not None else None


def load(path: Path | None) -> _Cache:
    """The cache's entries, or none when it is missing, damaged or from another interpreter."""
    if path is None:
        return _Cache()
    try:
        data = marshal.loads(path.read_bytes())
        if data.get("interpreter") != interpreter_key():
            return _Cache()
        return _Cache(dict(data["patterns"]), dict(data["code"]))
    except Exception:  # unreadable in any way: compile as usual
        return _Cache()


def use(path: Path | None) -> None:
    """Read entries from ``path`` (tests; the packaged app reads its own on first use)."""
    global _cache
    _cache = load(path)


def _entries() -> _Cache:
    global _cache
    if _cache is None:
        _cache = load(default_cache_path())
    return _cache


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    key = (pattern, int(flags))
    if _recording is not None:
        _recording[0][key] = None
    entry = _entries().patterns.get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except Exception:  # a bad entry: compile it properly
            pass
    return re.compile(pattern, flags)


def compile_source(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, from the cache when it holds the source."""
    if _recording is not None:
        _recording[1][source] = filename
    code = _entries().code.get(source)
    if isinstance(code, CodeType) and code.co_filename == filename:
        return code
    return compile(source, filename, "exec")


def sre_arguments(pattern: str, flags: int) -> _Entry | None:
    """What ``re`` passes to ``_sre.compile`` for this pattern; None if that cannot be verified."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # Plain ints: some op codes are int subclasses, which marshal does not store.
        entry: _Entry = (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1),
                         {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))
        if _sre.compile(pattern, *entry) == re.compile(pattern, flags):  # same op codes, flags, text
            return entry
    except Exception:  # another interpreter's internals: leave this pattern out
        pass
    return None


def write(path: Path, patterns: list[tuple[str, int]], sources: dict[str, str] | None = None) -> int:
    """Write a cache for this interpreter; the number of entries written."""
    entries = {}
    for pattern, flags in patterns:
        entry = sre_arguments(pattern, flags)
        if entry is not None:
            entries[(pattern, flags)] = entry
    code = {source: compile(source, filename, "exec") for source, filename in (sources or {}).items()}
    path.write_bytes(marshal.dumps({"interpreter": interpreter_key(), "patterns": entries, "code": code}))
    return len(entries) + len(code)


def record_start_up(packages: Sequence[str] = ("core",)) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """The patterns and generated sources compiled when the modules of ``packages`` are
    imported and the sample is audited. The release names the window's package too: its
    value classes are generated the same way, and core cannot import it by itself."""
    global _recording
    import importlib
    import pkgutil

    _recording = ({}, {})
    try:
        for name in packages:
            package = importlib.import_module(name)
            for module in pkgutil.walk_packages(package.__path__, f"{name}."):
                if module.name != __name__:
                    importlib.import_module(module.name)
        from core.audit import audit_file

        audit_file(str(Path(__file__).resolve().parent.parent / "resources" / "sample_report.txt"))
        return list(_recording[0]), dict(_recording[1])
    finally:
        _recording = None


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m core.startup_cache OUT [PACKAGE ...]   (default package: core)", file=sys.stderr)
        return 2
    # Run as a script this file is __main__; the engine's modules import core.startup_cache,
    # a second copy, and record there.
    from core import startup_cache

    patterns, sources = startup_cache.record_start_up(argv[1:] or ("core",))
    startup_cache.write(Path(argv[0]), patterns, sources)
    print(f"startup_cache: {len(patterns)} patterns, {len(sources)} generated sources, "
          f"for {sys.version.split()[0]} -> {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
