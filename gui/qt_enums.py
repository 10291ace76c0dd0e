"""Build the Python enums PySide6 makes for each Qt class with CPython's quick enum builder.

PySide6 turns every C++ enum of a Qt class into a Python enum the first time the class
is used, through the functional API: ``enum.Flag("AlignmentFlag", [(name, value), ...],
boundary=KEEP)``. The window uses ~80 Qt classes, so a start makes ~230 enums with
~3,300 members, and the ``enum`` module's per-member bookkeeping for them was the largest
piece of the window's start-up we could act on (the ``Qt`` namespace alone: 93 enums).

CPython has a quicker builder for enums whose members are plain names and values:
``enum._simple_enum``, which the standard library itself uses to keep its imports fast
(``re.RegexFlag``, ``http.HTTPStatus``...). ``install()`` routes exactly that shape of
call - a list of (str, int) pairs, no options but ``boundary`` - through it and leaves
every other use of ``enum`` alone. It is installed only on the interpreter it is
verified on: tests/gui/test_qt_enums.py builds every enum of QtCore, QtGui and QtWidgets
both ways and compares them with CPython's own ``enum._test_simple_enum`` and more.
"""

from __future__ import annotations

import enum
import sys

VERIFIED_ON = (3, 11)  # the bundled interpreter; elsewhere install() does nothing

_BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
_standard_call = enum.EnumType.__call__


def _quick(base: type, name: str, pairs: list, boundary, module: str):  # -> the enum class, or None
    body: dict = {}
    for item in pairs:
        if type(item) is not tuple or len(item) != 2:
            return None
        key, value = item
        # Names the full path treats specially (_sunder_, __dunder__, _private) or would
        # reject (a repeated name) go there, to be handled or refused as before.
        if type(key) is not str or type(value) is not int or key[:1] == "_" or key in body:
            return None
        body[key] = value
    body["__module__"] = module
    made = enum._simple_enum(base, boundary=boundary)(type(name, (), body))
    made.__doc__ = None  # what the functional API leaves (the quick builder writes a stock sentence)
    return made


def _enum_call(cls, value, names=None, **options):
    if names is None:  # a member lookup, Color(3), not a new enum
        return _standard_call(cls, value)
    if options.get("module") is None:
        # The module the functional API names when given none is its caller's, which it
        # finds two frames up: from here that would be this module.
        try:
            options["module"] = sys._getframe(1).f_globals["__name__"]
        except (AttributeError, ValueError, KeyError):
            pass
    if cls in _BASES and type(value) is str and type(names) is list and options.keys() <= {"boundary", "module"} \
            and options.get("module") is not None:
        made = _quick(cls, value, names, options.get("boundary"), options["module"])
        if made is not None:
            return made
    return _standard_call(cls, value, names, **options)


def install() -> bool:
    """Use the quick builder from now on (before Qt classes are first used); True if it did."""
    if sys.version_info[:2] != VERIFIED_ON or not hasattr(enum, "_simple_enum"):
        return False
    enum.EnumType.__call__ = _enum_call
    return True
