"""Writes the executable's icon files from the window icon: resources/app.ico and app.png.

The window icon is drawn with QPainter at run time (gui/icons.py ``app_icon``); Explorer,
the taskbar before the window opens, and desktop entries need files, so this script
renders that same drawing to a 256 px PNG and a multi-size .ico (PNG-compressed entries,
which Windows Vista+ reads at every size). Re-run after changing ``app_icon`` and commit
the outputs: ``QT_QPA_PLATFORM=offscreen python packaging/make_icon.py``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container holding one PNG per size (ICONDIR + ICONDIRENTRY table + images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def render_pngs() -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt
    from PySide6.QtWidgets import QApplication

    from gui.icons import app_icon

    _app = QApplication.instance() or QApplication([])
    icon = app_icon()
    pngs: dict[int, bytes] = {}
    for size in ICO_SIZES:
        pixmap = icon.pixmap(QSize(size, size))
        if pixmap.width() != size:  # the icon holds fewer sizes: let Qt scale the nearest one
            pixmap = pixmap.scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        pngs[size] = bytes(buffer.data())
    return pngs


def main() -> None:
    pngs = render_pngs()
    out = ROOT / "resources"
    (out / "app.png").write_bytes(pngs[256])
    (out / "app.ico").write_bytes(ico_bytes(pngs))
    print(out / "app.png", out / "app.ico", f"sizes {sorted(pngs)}")


if __name__ == "__main__":
    main()
