"""Disks that fail: a real tiny tmpfs when the tests may mount one, else files that fail.

``failing_writes`` makes every file opened for writing in one folder (by this process,
through ``open``/``io.open`` -- which zipfile, openpyxl, python-docx and our own writer
use) raise ``OSError(code)`` once ``budget`` bytes have been written there in total, after
writing the part that fit: what a file system does when it fills up half-way.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class _Budget:
    def __init__(self, total: int, code: int) -> None:
        self.left, self.code = total, code


def _failing_raw(budget: _Budget) -> type[io.FileIO]:
    class FailingFile(io.FileIO):
        def write(self, data: Any) -> int:
            view = memoryview(data).cast("B")
            if budget.left <= 0:
                raise OSError(budget.code, os.strerror(budget.code), self.name)
            part = view[: budget.left]
            written = super().write(part) or 0
            budget.left -= written
            return written

    return FailingFile


@contextlib.contextmanager
def failing_writes(folder: Path, budget: int, code: int) -> Iterator[None]:
    real_open = builtins.open
    state = _Budget(budget, code)
    raw_class = _failing_raw(state)
    folder = folder.resolve()

    def fake_open(file: Any, mode: str = "r", buffering: int = -1, encoding: str | None = None,
                  errors: str | None = None, newline: str | None = None, closefd: bool = True, opener: Any = None) -> Any:
        writing = any(c in mode for c in "wax+")
        if not writing or not isinstance(file, (str, os.PathLike)) or Path(file).resolve().parent != folder:
            return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        raw = raw_class(os.fspath(file), mode.replace("b", "").replace("t", ""))
        buffered: Any = io.BufferedRandom(raw) if "+" in mode else io.BufferedWriter(raw)
        if "b" in mode:
            return buffered
        return io.TextIOWrapper(buffered, encoding=encoding or "utf-8", errors=errors, newline=newline)

    builtins.open = fake_open
    io.open = fake_open  # type: ignore[assignment]
    try:
        yield
    finally:
        builtins.open = real_open
        io.open = real_open


def can_mount() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tiny_tmpfs(folder: Path, size: str = "64k") -> Iterator[Path | None]:
    """A real file system of ``size`` mounted at ``folder``; None when mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if not can_mount():
        yield None
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system holding ``folder`` until at most ``leave`` bytes are free."""
    with open(folder / "填满.bin", "wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while shutil.disk_usage(folder).free > leave:
                fh.write(chunk)
        except OSError:
            pass
