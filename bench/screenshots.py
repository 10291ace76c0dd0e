"""Make the README's pictures of the review window at 1366x768: ``python bench/screenshots.py``.

Writes docs/*.png: a PDF report in page view with its marks on the figures, a 2019-form
web page with its tables as grids, a report with no findings, a real report's 161
findings grouped by cause, the settings dialog, and the find bar on a hit. Reports are
copied to a temporary folder first (reviews are saved beside them), with a private user
data folder, so nothing in the checkout changes but the pictures. Runs offscreen unless
a platform is set (``xvfb-run -a python bench/screenshots.py`` shows the same). The PDF
is made from a test report by ``tests/fixtures/new_template/make.py`` (needs reportlab).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="screenshots_")
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from gui.app import make_app  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.models.finding_model import GroupRole  # noqa: E402
from gui.session_controller import LOADING, SessionController  # noqa: E402
from gui.settings import Settings  # noqa: E402

SIZE = (1366, 768)


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not settle")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # the queued layout and re-centring after the last change
        app.processEvents()


def open_window(app: QApplication, folder: Path, report: Path, settings: QSettings) -> tuple[MainWindow, SessionController]:
    copy = folder / report.name
    if copy != report:
        shutil.copy(report, copy)
    window = MainWindow(settings, folder / "fallback", interactive=False)
    window.resize(*SIZE)
    window.show()
    (ctl,) = window.open_files([str(copy)])
    wait(app, lambda: ctl.state != LOADING and window.original.settled())
    return window, ctl


def save(app: QApplication, window: QWidget, name: str, over: QWidget | None = None) -> Path:
    app.processEvents()
    pixels = window.grab()
    if over is not None:  # a dialog is its own window offscreen: lay it over the main one, framed
        painter = QPainter(pixels)
        dialog = over.grab()
        x, y = (pixels.width() - dialog.width()) // 2, (pixels.height() - dialog.height()) // 3
        title = 26
        painter.fillRect(x - 1, y - title - 1, dialog.width() + 2, dialog.height() + title + 2, QColor("#5a6b7d"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(x + 8, y - title, dialog.width() - 16, title, int(Qt.AlignmentFlag.AlignVCenter), over.windowTitle())
        painter.drawPixmap(QPoint(x, y), dialog)
        painter.end()
    path = DOCS / name
    ok = QPixmap(pixels).save(str(path))
    if not ok:
        raise OSError(f"cannot write {path}")
    print(f"{path.relative_to(ROOT)}  {pixels.width()}x{pixels.height()}")
    return path


def main() -> int:
    app = make_app()
    work = Path(tempfile.mkdtemp(prefix="screenshot_reports_"))
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    prefs = Settings(settings)
    prefs.reviewer, prefs.unit, prefs.asked_reviewer = "张三", "某市政务公开办公室", True
    DOCS.mkdir(exist_ok=True)
    fixtures = ROOT / "tests" / "fixtures"
    shanghai = fixtures / "real" / "shanghai_bgt_2019.html"

    # 1. A PDF in page view: the first error outlined on its page.
    from tests.fixtures.new_template.make import make_pdf
    from tests.fixtures.new_template.reports import REPORTS

    pdf = make_pdf(REPORTS["qingjiang_2022"], work / "清江2022年政府信息公开工作年度报告.pdf")
    window, ctl = open_window(app, work, pdf, settings)
    assert window.original.page_mode, "a PDF with a text layer opens on its pages"
    window.splitters[0].setSizes([780, 586])  # the page wider, as an auditor reading it would set it
    window.findings.step(+1)
    window.findings.step(-1)  # back to the first finding: shown again at the new width
    wait(app, window.original.settled)
    save(app, window, "pdf_page_view.png")
    window.close()

    # 2. The 2019-form web page: tables as grids, the blank 总计 column marked in its cells.
    window, ctl = open_window(app, work, shanghai, settings)
    save(app, window, "html_grids.png")

    # 3. The same report's 161 findings, grouped by cause; a group of blank cells selected.
    panel = window.findings
    group = next(i for i in range(panel.proxy.rowCount()) if "空白单元格 · 表三「科研机构」" in str(panel.proxy.index(i, 0).data()))
    index = panel.proxy.index(group, 0)
    panel.view.setExpanded(index, True)
    panel.select_group(index.data(GroupRole))
    panel.view.scrollTo(panel.view.currentIndex(), panel.view.ScrollHint.PositionAtTop)
    wait(app, lambda: True)
    save(app, window, "grouped_findings.png")

    # 4. The find bar on a hit.
    window.original.open_find()
    window.original.finder.edit.setText("上年结转")
    wait(app, lambda: True)
    save(app, window, "find_bar.png")

    # 5. The settings dialog over the window.
    from gui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(prefs, window)
    dialog.adjustSize()
    save(app, window, "settings_dialog.png", over=dialog)
    dialog.close()
    window.close()

    # 6. A report with no findings: the header says so, plainly.
    clean = fixtures / "new_template" / "qingjiang_2021.txt"
    window, ctl = open_window(app, work, clean, settings)
    assert ctl.session is not None and not ctl.session.findings
    save(app, window, "no_findings.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
