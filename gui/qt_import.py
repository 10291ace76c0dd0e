"""Put back Python's own ``import`` once PySide6 has replaced it.

Importing PySide6 swaps ``builtins.__import__`` for its ``__feature_import__`` so that
``from __feature__ import snake_case`` can work. Every import statement run afterwards
goes through that hook: a Python call before the import and, for each new module, a
search of the module's source for the word "PySide6" (``inspect.getsource``: reading
the file from a source run, a failed lookup from the bundle). This app never uses
``__feature__`` and imports its window, engine and readers after Qt, so the hook only
costs it. PySide keeps the original in ``builtins.__orig_import__`` and documents both
names (its developer notes, "The __feature__ import").
"""

from __future__ import annotations

import builtins


def restore_plain_import() -> bool:
    """Reinstate the saved import if PySide's hook is the one installed; True if it did."""
    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is None or hook is None or builtins.__import__ is not hook:
        return False  # no PySide hook, or someone else's import: leave it alone
    builtins.__import__ = original
    return True
