"""The engine's regular expressions, compiled from a cache shipped with the release.

``re.compile`` parses and optimises each pattern in Python: for our ~100 patterns that
is 20-30 ms of every start, for the same result each time. The result is plain data
(sre op codes), so the release build records it once (``python -m core.regex_cache
OUT``, run by build.spec) and the packaged app hands it straight to ``_sre.compile``,
as ``re`` itself does after compiling.

The cache is tied to the exact interpreter that wrote it (version, build, sre magic)
and every entry was checked, when written, to give a pattern equal to ``re.compile``'s
(CPython compares patterns by their op codes). Anything else (no cache, another
interpreter, a damaged file, a pattern not in it) compiles as usual. Run from source,
there is no cache and nothing changes.
"""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path
from typing import Any

import _sre  # re's own engine: the one that compiles the op codes

CACHE_NAME = "regex_cache.marshal"
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_entries: dict[tuple[str, int], _Entry] | None = None
_recorded: dict[tuple[str, int], None] | None = None  # set while writing a cache


def interpreter_key() -> str:
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"


def default_cache_path() -> Path | None:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / CACHE_NAME if getattr(sys, "frozen", False) and bundle else None


def load(path: Path | None) -> dict[tuple[str, int], _Entry]:
    """The cache's entries, or none when it is missing, damaged or from another interpreter."""
    if path is None:
        return {}
    try:
        data = marshal.loads(path.read_bytes())
        if data.get("interpreter") != interpreter_key():
            return {}
        return dict(data["patterns"])
    except Exception:  # unreadable in any way: compile as usual
        return {}


def use(path: Path | None) -> None:
    """Read entries from ``path`` (tests; the packaged app reads its own on first use)."""
    global _entries
    _entries = load(path)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    global _entries
    if _recorded is not None:
        _recorded[(pattern, int(flags))] = None
    if _entries is None:
        _entries = load(default_cache_path())
    entry = _entries.get((pattern, int(flags)))
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except Exception:  # a bad entry: compile it properly
            pass
    return re.compile(pattern, flags)


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


def write(path: Path, patterns: list[tuple[str, int]]) -> int:
    """Write a cache of ``patterns`` for this interpreter; the number of entries written."""
    entries = {}
    for pattern, flags in patterns:
        entry = sre_arguments(pattern, flags)
        if entry is not None:
            entries[(pattern, flags)] = entry
    path.write_bytes(marshal.dumps({"interpreter": interpreter_key(), "patterns": entries}))
    return len(entries)


def record_start_up() -> list[tuple[str, int]]:
    """Every pattern the engine compiles when imported and when auditing the sample report."""
    global _recorded
    import importlib
    import pkgutil

    import core

    _recorded = {}
    try:
        for module in pkgutil.walk_packages(core.__path__, "core."):
            if module.name != __name__:
                importlib.import_module(module.name)
        from core.audit import audit_file

        audit_file(str(Path(__file__).resolve().parent.parent / "resources" / "sample_report.txt"))
        return list(_recorded)
    finally:
        _recorded = None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m core.regex_cache OUT", file=sys.stderr)
        return 2
    # Run as a script this file is __main__; the engine's modules import core.regex_cache,
    # a second copy, and record there.
    from core import regex_cache

    written = regex_cache.write(Path(argv[0]), regex_cache.record_start_up())
    print(f"regex_cache: {written} patterns for {sys.version.split()[0]} -> {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
