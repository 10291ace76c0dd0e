"""The review window (PySide6). Everything Qt lives here; the engine stays in ``core``."""

from gui.qt_compat import guard_refcount_leak

# Before any Qt call: see gui/qt_compat.py (PySide6 6.12 drops references to None).
guard_refcount_leak()
