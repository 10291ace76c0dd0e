"""PySide6's enums built by CPython's quick builder are the enums the functional API builds."""

from __future__ import annotations

import enum
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from gui import qt_enums

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.skipif(sys.version_info[:2] != qt_enums.VERIFIED_ON, reason="installed only where verified")

# Runs in a fresh interpreter, so that every enum of the three Qt modules is first built
# here: each one the quick builder makes is built the standard way too and compared.
_EVERY_QT_ENUM_BOTH_WAYS = r"""
import enum, sys
sys.path.insert(0, ROOT)
from gui import qt_enums

quick, failures = [], []

def compare(standard, made):
    enum._test_simple_enum(standard, made)  # CPython's own check of a quick-built enum
    assert made.__doc__ == standard.__doc__, (made.__doc__, standard.__doc__)
    assert made.__module__ == standard.__module__
    assert [(m.name, m.value) for m in made] == [(m.name, m.value) for m in standard]
    assert [(k, m.name, m.value) for k, m in made._member_map_.items()] == \
        [(k, m.name, m.value) for k, m in standard._member_map_.items()]
    assert {v: m.name for v, m in made._value2member_map_.items()} == \
        {v: m.name for v, m in standard._value2member_map_.items()}
    for a, b in zip(made._member_map_.values(), standard._member_map_.values()):
        assert (repr(a), str(a), format(a), hash(a), int(a) if isinstance(a, int) else a.value) == \
            (repr(b), str(b), format(b), hash(b), int(b) if isinstance(b, int) else b.value)
    if issubclass(made, enum.Flag):
        mine, theirs = list(made._member_map_.values()), list(standard._member_map_.values())
        for i in range(len(mine)):
            assert repr(~mine[i]) == repr(~theirs[i])
            for j in range(min(len(mine), 8)):
                assert repr(mine[i] | mine[j]) == repr(theirs[i] | theirs[j])
                assert repr(mine[i] & mine[j]) == repr(theirs[i] & theirs[j])

build = qt_enums._quick
def checking(base, name, pairs, boundary, module):
    made = build(base, name, pairs, boundary, module)
    if made is not None:
        quick.append(name)
        standard = qt_enums._standard_call(base, name, pairs, module=module, boundary=boundary)
        try:
            compare(standard, made)
        except Exception as exc:
            failures.append(f"{name}: {exc!r}"[:300])
    return made
qt_enums._quick = checking
assert qt_enums.install()

from PySide6 import QtCore, QtGui, QtWidgets
for module in (QtCore, QtGui, QtWidgets):
    for name in dir(module):
        getattr(module, name, None)  # builds the class, and with it its enums
print(len(quick), len(failures))
print("\n".join(failures[:20]))
"""


def test_every_enum_of_qtcore_qtgui_qtwidgets_comes_out_the_same(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", f"ROOT = {str(ROOT)!r}\n" + _EVERY_QT_ENUM_BOTH_WAYS],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    counts, *failures = run.stdout.strip().splitlines()
    built, failed = map(int, counts.split())
    assert failed == 0, failures
    assert built > 500  # the classes' enums did come through the quick builder


def test_the_window_start_builds_qt_enums_the_quick_way(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from gui import qt_enums\n"
        "count = [0]\n"
        "build = qt_enums._quick\n"
        "def counting(*args):\n"
        "    made = build(*args)\n"
        "    count[0] += made is not None\n"
        "    return made\n"
        "qt_enums._quick = counting\n"
        "from gui.app import make_app, make_window\n"
        "from PySide6.QtCore import Qt\n"
        "app = make_app()\n"
        "window = make_window([], interactive=False)\n"
        "print(count[0], repr(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    count, flags = run.stdout.split(maxsplit=1)
    assert int(count) > 150  # the Qt namespace alone has 93
    assert flags.strip() == "<AlignmentFlag.AlignLeft|AlignTop: 33>"


@pytest.fixture
def installed():  # type: ignore[no-untyped-def]
    before = enum.EnumType.__call__
    assert qt_enums.install()
    yield
    enum.EnumType.__call__ = before


def test_other_uses_of_enum_behave_as_before(installed) -> None:  # type: ignore[no-untyped-def]
    # Names given as one string, or with options beyond boundary: the standard path, as ever.
    spaced = enum.Enum("Spaced", "RED GREEN")
    assert [m.name for m in spaced] == ["RED", "GREEN"] and spaced.__module__ == __name__
    placed = enum.IntEnum("Placed", [("A", 1)], qualname="Holder.Placed")
    assert placed.__qualname__ == "Holder.Placed" and placed.__module__ == __name__
    # A quick-built one: named after its caller's module, picklable, lookups by value work.
    quick = enum.IntFlag("QuickFlag", [("A", 1), ("B", 2), ("AB", 3)], boundary=enum.KEEP)
    assert quick.__module__ == __name__
    assert quick(3) is quick.AB and quick(1) | quick(2) is quick.AB and quick(8).value == 8
    globals()["QuickFlag"] = quick
    try:
        assert pickle.loads(pickle.dumps(quick.B)) is quick.B
    finally:
        del globals()["QuickFlag"]
    aliased = enum.Enum("Aliased", [("ONE", 1), ("UNO", 1)])
    assert aliased.UNO is aliased.ONE and list(aliased) == [aliased.ONE]


def test_names_the_standard_path_refuses_are_still_refused(installed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        enum.Enum("Twice", [("A", 1), ("A", 2)])
    with pytest.raises(ValueError):
        enum.Enum("Sunder", [("_reserved_", 1)])


_SHAPES = [(enum.Enum, None), (enum.IntEnum, None)] + [
    (base, boundary) for base in (enum.Flag, enum.IntFlag) for boundary in (None, enum.STRICT, enum.CONFORM, enum.EJECT, enum.KEEP)
]


@pytest.mark.parametrize(("base", "boundary"), _SHAPES)
def test_other_shapes_of_the_same_call_come_out_the_same(installed, base, boundary) -> None:  # type: ignore[no-untyped-def]
    """Beyond Qt's (boundary=KEEP): no boundary and every other one, aliases, a zero, a mask."""
    pairs = [("NONE", 0), ("A", 1), ("B", 2), ("C", 4), ("AB", 3), ("ALSO_A", 1), ("MASK", 7)]
    options = {} if boundary is None else {"boundary": boundary}
    quick = base("Shape", pairs, **options)
    standard = qt_enums._standard_call(base, "Shape", pairs, module=__name__, **options)
    enum._test_simple_enum(standard, quick)
    assert quick.__doc__ == standard.__doc__
    assert [(m.name, m.value) for m in quick] == [(m.name, m.value) for m in standard]
    assert list(quick.__members__) == list(standard.__members__)
    for value in (0, 1, 3, 5, 8, 9):
        outcomes = []
        for made in (quick, standard):
            try:
                outcomes.append(repr(made(value)).replace(made.__qualname__, "Shape"))
            except ValueError as exc:
                outcomes.append(type(exc).__name__)
        assert outcomes[0] == outcomes[1], (value, outcomes)
