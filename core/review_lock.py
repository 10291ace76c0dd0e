"""One writer per review: a small lock file beside the review file.

Two windows (or two colleagues on a shared folder) saving the same review would each
write their whole session, and the last one would silently erase the other's work. So
the window that opens a report first takes ``.~lock.<review name>#`` (created with
O_EXCL, so exactly one taker wins, on local disks and network shares alike); it holds
who took it (user, computer, process) and when, which a second window shows in its
read-only banner. A lock left by a process that died on this computer is stale and taken
over at once; one held on another computer can only be taken over explicitly, after the
auditor confirms that the other window is gone. Nothing here imports Qt.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.atomic_file import remove_quietly, write_bytes_atomically
from core.file_names import fitted_name
from core.session import current_user, now

# A lock file still empty this long after it was made belongs to no live writer (one is
# written in the same call that creates it).
EMPTY_LOCK_AGE = 30.0


@dataclass(frozen=True)
class LockHolder:
    """Who holds a review's lock: shown to the auditor who cannot edit."""

    user: str
    host: str
    pid: int
    since: str  # ISO time
    token: str

    @property
    def since_text(self) -> str:
        try:
            return datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since or "未知时间"

    @property
    def description(self) -> str:
        here = "本机" if same_host(self.host) else f"计算机 {self.host or '未知'}"
        return f"{self.user or '未知用户'}（{here}）自 {self.since_text} 起"


def same_host(host: str) -> bool:
    return host.lower() == socket.gethostname().lower()


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def lock_path(review: Path) -> Path:
    return review.with_name(fitted_name(f".~lock.{review.name}", "#"))


def _read_holder(path: Path) -> LockHolder | None:
    """The holder written in a lock file; None when it is empty or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["at"]), str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ReviewLock:
    """The lock of one review file, for one holder (a window's controller).

    ``acquire`` returns None when this holder now has the lock, or the other holder;
    ``take_over`` replaces another holder's lock; ``release`` removes it if still ours.
    """

    def __init__(self, review: Path) -> None:
        self.path = lock_path(review)
        self.token = secrets.token_hex(8)
        self.me = LockHolder(current_user(), socket.gethostname(), os.getpid(), now(), self.token)
        self.held = False

    def _payload(self) -> bytes:
        me = self.me
        data = {"user": me.user, "host": me.host, "pid": me.pid, "at": now(), "token": me.token, "app": "年报审核台"}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def acquire(self) -> LockHolder | None:
        """Take the lock if it is free or stale; otherwise say who holds it.

        Raises OSError when no lock can be made here (read-only folder ...).
        """
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                holder = self.holder()
                if holder is None:  # abandoned while empty, or released just now
                    remove_quietly(self.path)
                    continue
                if holder.token == self.token:
                    self.held = True
                    return None
                if not self.is_stale(holder):
                    return holder
                remove_quietly(self.path)  # its process is gone: the lock is free
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(self._payload())
            self.held = True
            return None
        holder = self.holder()
        return holder if holder is not None and holder.token != self.token else None

    def holder(self) -> LockHolder | None:
        """Who holds the lock now; None when nobody does (or an empty lock is abandoned)."""
        holder = _read_holder(self.path)
        if holder is not None:
            return holder
        try:
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return None
        if age > EMPTY_LOCK_AGE:
            return None
        return LockHolder("", "", 0, "", "")  # being written right now by its taker

    def is_stale(self, holder: LockHolder) -> bool:
        """A holder whose process has ended on this computer is gone."""
        if holder.token == "" and holder.pid == 0:
            return False
        return same_host(holder.host) and holder.pid != os.getpid() and not pid_alive(holder.pid)

    def still_ours(self) -> bool:
        holder = _read_holder(self.path)
        return self.held and holder is not None and holder.token == self.token

    def take_over(self) -> None:
        """Replace whoever holds the lock (the auditor confirmed they are gone)."""
        write_bytes_atomically(self.path, self._payload(), ".~lk")
        holder = _read_holder(self.path)
        self.held = holder is not None and holder.token == self.token  # another taker may have won

    def release(self) -> None:
        if self.held and self.still_ours():
            remove_quietly(self.path)
        self.held = False
