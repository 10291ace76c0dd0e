"""core.startup_cache: what the release's cache gives equals what compiling gives, and anything odd falls back."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import startup_cache
from core.startup_cache import compile_pattern

ROOT = Path(__file__).parents[2]
PATTERNS = [
    (r"(?P<num>[0-9０-９]+(?:[.．][0-9]+)?)\s*(?P<unit>件|次|人次)", 0),
    (r"""
        (?=[将接近大约0-9])  # a verbose pattern with a look-ahead
        (?P<pre>约|近)?[0-9]+
    """, int(re.X)),
    (r"政府信息公开|信息公开", int(re.I)),
    (r"^[一二三四五六七八九十]+、", int(re.M)),
]


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    yield
    startup_cache.use(None)  # back to no cache, as in a source run


def _forbid_re_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError(f"compiled, not taken from the cache: {args!r}")

    monkeypatch.setattr(startup_cache.re, "compile", refuse)


def test_cached_patterns_equal_re_compile_and_skip_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       fresh_cache: None) -> None:
    cache = tmp_path / startup_cache.CACHE_NAME
    assert startup_cache.write(cache, PATTERNS) == len(PATTERNS)
    expected = {key: re.compile(*key) for key in PATTERNS}
    startup_cache.use(cache)
    _forbid_re_compile(monkeypatch)
    for (pattern, flags), reference in expected.items():
        compiled = compile_pattern(pattern, flags)
        assert compiled == reference  # CPython compares the op codes
        assert compiled.groupindex == reference.groupindex and compiled.groups == reference.groups
        sample = "共收到申请 12 件，约30人次参加，一、信息公开"
        assert [m.span() for m in compiled.finditer(sample)] == [m.span() for m in reference.finditer(sample)]


def test_uncached_pattern_compiles_as_usual(tmp_path: Path, fresh_cache: None) -> None:
    cache = tmp_path / startup_cache.CACHE_NAME
    startup_cache.write(cache, PATTERNS[:1])
    startup_cache.use(cache)
    assert compile_pattern(r"年度报告(\d{4})") == re.compile(r"年度报告(\d{4})")


@pytest.mark.parametrize("damage", ["other interpreter", "truncated", "not marshal", "bad entry"])
def test_a_cache_that_does_not_fit_is_ignored(tmp_path: Path, damage: str, fresh_cache: None) -> None:
    cache = tmp_path / startup_cache.CACHE_NAME
    startup_cache.write(cache, PATTERNS)
    data = marshal.loads(cache.read_bytes())
    if damage == "other interpreter":
        data["interpreter"] = "3.99.0 (elsewhere)|0|4|1114111"
        cache.write_bytes(marshal.dumps(data))
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:40])
    elif damage == "not marshal":
        cache.write_bytes(b"\x00garbage" * 10)
    else:
        data["patterns"][PATTERNS[0]] = (0, [1, 2, 3], 0, {}, ())
        cache.write_bytes(marshal.dumps(data))
    startup_cache.use(cache)
    for pattern, flags in PATTERNS:
        assert compile_pattern(pattern, flags) == re.compile(pattern, flags)


def test_the_release_cache_covers_every_pattern_the_start_up_compiles(tmp_path: Path) -> None:
    """What build.spec runs, then a fresh engine start that must not compile any of its own patterns."""
    cache = tmp_path / startup_cache.CACHE_NAME
    wrote = subprocess.run([sys.executable, "-m", "core.startup_cache", str(cache)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert wrote.returncode == 0, wrote.stderr
    assert marshal.loads(cache.read_bytes())["interpreter"] == startup_cache.interpreter_key()
    probe = (
        "import re, sys, traceback\n"
        "from core import startup_cache\n"
        f"startup_cache.use(__import__('pathlib').Path({str(cache)!r}))\n"
        "real, ours = re.compile, []\n"
        "def counting(*a, **k):\n"
        "    caller = traceback.extract_stack(limit=3)[0].filename\n"
        "    if '/core/' in caller.replace('\\\\', '/'): ours.append(a[0])\n"
        "    return real(*a, **k)\n"
        "re.compile = counting\n"
        "from core.audit import audit_file\n"
        f"audit_file({str(ROOT / 'resources' / 'sample_report.txt')!r})\n"
        "print(len(startup_cache._entries().patterns), len(ours), len(startup_cache._entries().code))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    cached, compiled, code = map(int, run.stdout.split())
    assert cached >= 80 and compiled == 0 and code >= 20


def test_generated_code_comes_from_the_cache_and_behaves_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    fresh_cache: None) -> None:
    from core.record import record

    def declare():  # type: ignore[no-untyped-def]
        @record(frozen=True)
        class Point:
            x: int
            y: int = 0

        return Point

    recorded: dict[str, str] = {}
    monkeypatch.setattr(startup_cache, "_recording", ({}, recorded))
    reference = declare()
    monkeypatch.setattr(startup_cache, "_recording", None)
    cache = tmp_path / startup_cache.CACHE_NAME
    startup_cache.write(cache, [], recorded)
    startup_cache.use(cache)

    def refuse(*args: object) -> None:
        raise AssertionError("compiled, not taken from the cache")

    monkeypatch.setattr("builtins.compile", refuse)
    cached = declare()
    assert cached(1, 2) == cached(1, 2) and cached(1) != cached(2) and hash(cached(1, 2)) == hash(reference(1, 2))
    assert repr(cached(3)) == repr(reference(3)).replace(reference.__qualname__, cached.__qualname__)


def test_code_cached_under_another_name_is_not_used(tmp_path: Path, fresh_cache: None) -> None:
    cache = tmp_path / startup_cache.CACHE_NAME
    source = "def f():\n    return 1\n"
    startup_cache.write(cache, [], {source: "<record A>"})
    startup_cache.use(cache)
    assert startup_cache.compile_source(source, "<record B>").co_filename == "<record B>"


def test_the_cache_is_looked_for_in_the_bundle_only_when_frozen(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from core import startup_cache

    assert startup_cache.default_cache_path() is None  # a source run has no cache
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert startup_cache.default_cache_path() is None  # _MEIPASS alone is not a frozen app
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert startup_cache.default_cache_path() == tmp_path / startup_cache.CACHE_NAME
