"""Names of the files we create beside a report, kept within what every file system accepts.

A file name may hold 255 bytes on ext4 and 255 UTF-16 units on NTFS; Windows without
long-path support refuses a path of 260 characters or more. A report's own name can
already be close to that (78 CJK characters are 234 bytes in UTF-8), so a name derived
from it (its review, its lock) is used whole when it fits and otherwise shortened, with a
digest of the whole name added so it stays unique and is found again next time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MAX_NAME_BYTES = 255
# MAX_PATH is 260 including the terminating NUL.
WINDOWS_MAX_PATH_CHARS = 259
DIGEST_CHARS = 16


def digest(text: str, length: int = DIGEST_CHARS) -> str:
    """A short stable hex digest; case-insensitive where the file system is (Windows)."""
    return hashlib.sha256(os.path.normcase(text).encode("utf-8", "surrogatepass")).hexdigest()[:length]


def _bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fits(name: str) -> bool:
    return _bytes(name) <= MAX_NAME_BYTES and _utf16_units(name) <= MAX_NAME_BYTES


def _cut(readable: str, max_bytes: int, max_units: int) -> str:
    """The longest prefix of ``readable`` within both budgets (never half a character)."""
    used_bytes = used_units = 0
    for i, ch in enumerate(readable):
        used_bytes += _bytes(ch)
        used_units += _utf16_units(ch)
        if used_bytes > max_bytes or used_units > max_units:
            return readable[:i]
    return readable


def fitted_name(
    readable: str, tail: str, *, key: str | None = None, folder: Path | None = None, always_digest: bool = False
) -> str:
    """``readable + tail`` when it fits; else ``readable`` cut short + ``.digest`` + ``tail``.

    The digest is of ``key`` (default: ``readable``), so two long names that share their
    first characters still get different files; ``always_digest`` puts it in every name
    (names from several folders meeting in one). With ``folder``, the readable part is
    also cut so the whole path stays within Windows' MAX_PATH where that is possible.
    """
    path_room = WINDOWS_MAX_PATH_CHARS - _utf16_units(str(folder)) - 1 if folder is not None else MAX_NAME_BYTES
    marked = f".{digest(key if key is not None else readable)}{tail}"
    whole = readable + (marked if always_digest else tail)
    if fits(whole) and _utf16_units(whole) <= path_room:
        return whole
    room_bytes = MAX_NAME_BYTES - _bytes(marked)
    room_units = min(MAX_NAME_BYTES, path_room) - _utf16_units(marked)
    return _cut(readable, room_bytes, max(room_units, 0)).rstrip(" .") + marked
