"""The review window (PySide6). Everything Qt lives here; the engine stays in ``core``."""
