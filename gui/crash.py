"""Logging to the app data folder and the last-resort exception handler.

An unexpected exception must never cost the auditor's work: the handler saves every
open review first, then logs the traceback, then shows a dialog that says where the
log is. It never re-raises inside Qt's event loop.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("nianbao")

LOG_MAX_BYTES, LOG_BACKUPS = 1_000_000, 3


def rotate_at_start(path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
    """nianbao.log -> .1 -> .2 ... once it passed ``max_bytes``: checked at each start.

    Not logging.handlers.RotatingFileHandler, which renames the file while it writes: a second
    window is another process holding the same log open, and on Windows that rename fails at
    every line from then on. Checked once at start, the log grows a few lines a session.
    """
    try:
        if path.stat().st_size < max_bytes:
            return
        for n in range(backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # a log that cannot rotate keeps growing; never a reason not to start


def setup_logging(folder: Path) -> Path:
    path = folder / "nianbao.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        rotate_at_start(path)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(
    save_all: Callable[[], Iterable[object]], show: Callable[[str], None], log_path: Path
) -> Callable[..., None]:
    """Replace ``sys.excepthook``; returns the hook (tests call it directly)."""
    showing = False
    seen: set[str] = set()  # an error in a paint or data() call repeats: one box per error

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        summary = f"{kind.__name__}: {error}"
        if summary in seen:
            log.error("unexpected error (again): %s", summary)
            return
        seen.add(summary)
        saved = "，您的更正已自动保存"
        try:
            list(save_all())
        except Exception:  # saving failed too: say so, and log it below
            saved = "；自动保存也失败了，请尽快检查审核记录文件"
            log.error("autosave during crash failed\n%s", traceback.format_exc())
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if showing:  # an error inside the dialog itself: do not open a second one
            return
        showing = True
        try:
            show(f"程序遇到意外错误{saved}。\n\n{summary}\n\n详细信息已写入日志：{log_path}")
        except Exception:
            if sys.__stderr__ is not None:
                sys.__stderr__.write("".join(traceback.format_exception(kind, error, tb)))
        finally:
            showing = False

    sys.excepthook = hook
    return hook
