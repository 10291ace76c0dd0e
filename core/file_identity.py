"""Whether two paths name the same file, however they are spelled.

On Windows one report can be reached as ``D:\\报告\\R.txt``, ``d:\\报告\\r.TXT`` or
``\\\\server\\share\\报告\\R.txt`` (a mapped drive); on any system through a link. Opening
it twice would make two tabs writing one review, so the file itself decides: the volume
and file index the system reports (``os.path.samefile``), and only when the file cannot
be asked (it is gone) the spelling, with case folded where the file system folds it.
"""

from __future__ import annotations

import os


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
