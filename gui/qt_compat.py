"""Work around a reference-count bug in PySide6 6.12 on CPython < 3.12.

Measured here: with PySide6 6.12.0 on Python 3.11 every call from Python into a Qt
function that returns nothing (``setText``, ``processEvents``, ``dataChanged.emit`` from
C++ ...) drops one reference to ``None`` that it never took. The window starts with
about 9,000 references to ``None`` and one correction costs about 230 calls, so after a
few dozen corrections CPython aborts with "deallocating None" -- taking the unsaved UI
state with it. PySide6 6.11.3 does not have the bug, and Python 3.12+ makes ``None``
immortal, so there the guard does nothing.

The guard gives ``None`` (and the two booleans, seen in the same abort at exit) a
reference count so large that the leak can never reach zero -- which is exactly what
Python 3.12 does for these objects. The proper fix is a PySide6 without the bug.
"""

from __future__ import annotations

import sys

_BIG = 1 << 40  # ~1.1e12 leaked references before anything could go wrong
_applied = False


def affected(pyside_version: tuple[int, ...], python_version: tuple[int, ...]) -> bool:
    return python_version < (3, 12) and pyside_version[:2] == (6, 12)


def guard_refcount_leak() -> bool:
    """Apply the guard once per process when this PySide6/CPython pair needs it."""
    global _applied
    if _applied:
        return True
    import PySide6

    version = tuple(int(p) for p in PySide6.__version__.split(".")[:3] if p.isdigit())
    if sys.implementation.name != "cpython" or not affected(version, sys.version_info[:2]):
        return False
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (release builds).
        ctypes.c_ssize_t.from_address(id(obj)).value += _BIG
    _applied = True
    return True
