"""The 关于 dialog: version, product name, Qt's LGPL notice, and notices that really ship."""

from __future__ import annotations

import pytest

from core import __version__

pytestmark = pytest.mark.gui


def test_about_dialog_shows_version_product_and_lgpl(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "年报审核台" in dialog.windowTitle()
    assert __version__ in dialog.title_label.text()
    body = dialog.body.toPlainText()
    assert "LGPL-3.0" in body
    assert "替换" in body  # how to replace Qt's libraries in the one-folder build
    for name in ("openpyxl", "python-docx", "pypdfium2", "lxml", "charset-normalizer", "olefile"):
        assert name in body


def test_every_listed_notice_file_exists() -> None:
    from gui.about_dialog import COMPONENTS
    from gui.paths import resource_path

    licences = resource_path("licenses")
    missing = [c.notice for c in COMPONENTS if not (licences / c.notice).is_file()]
    assert missing == []
    # LGPL-3.0 requires the licence text itself (it refers to the GPL-3.0 text) to travel with Qt.
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licences / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (licences / "GPL-3.0.txt").read_text(encoding="utf-8")
