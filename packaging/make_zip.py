"""Zip the built folder as the release archive: ``python packaging/make_zip.py dist/nianbao OUT.zip``.

Keeps what a plain ``shutil.make_archive`` loses or bloats: PyInstaller's Linux one-dir
links each Qt library into _internal/ with a symlink (the zip stores the link, not a second
30 MB copy of ICU), and the executables keep their exec bit when unzipped with ``unzip``.
The archive holds one top folder (``nianbao/``) so unzipping never scatters files.
"""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path


def make_zip(folder: Path, out: Path) -> Path:
    folder = folder.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(folder.rglob("*")):
            arcname = str(Path(folder.name) / path.relative_to(folder)).replace(os.sep, "/")
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                info = zipfile.ZipInfo(arcname)
                info.create_system = 3  # Unix: unzip restores the link from external_attr
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_file():
                zf.write(path, arcname)
    tmp.replace(out)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_zip.py FOLDER OUT.zip")
    print(make_zip(Path(sys.argv[1]), Path(sys.argv[2])))
