"""帮助 → 关于与图例: product name, version, the marks legend, and the third-party licences.

Qt is used under the LGPL-3.0: the dialog says so and how to replace Qt's libraries in the
one-folder build (the full texts live in resources/licenses/, bundled by build.spec).
Standalone: it reads core.__version__ and the licence folder, nothing from the main window.
"""

from __future__ import annotations

import html
import importlib.util
from dataclasses import dataclass

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core import __version__
from gui.highlight import legend_html
from gui.icons import app_icon
from gui.paths import resource_path

PRODUCT_NAME = "年报审核台"


@dataclass(frozen=True, slots=True)
class Component:
    """A library the app ships, as the 关于 dialog credits it."""

    name: str
    licence: str
    url: str
    notice: str  # file name under resources/licenses/
    module: str | None = None  # listed only when this module is shipped (find_spec, no import)


COMPONENTS: tuple[Component, ...] = (
    Component("Qt 6 / PySide6 / Shiboken6", "LGPL-3.0", "https://www.qt.io/", "Qt-PySide6.txt"),
    Component("Python", "PSF-2.0", "https://www.python.org/", "Python.txt"),
    Component("pandas", "BSD-3-Clause", "https://pandas.pydata.org/", "pandas.txt", "pandas"),
    Component("NumPy", "BSD-3-Clause 等", "https://numpy.org/", "pandas.txt", "numpy"),
    Component("openpyxl", "MIT", "https://openpyxl.readthedocs.io/", "openpyxl.txt", "openpyxl"),
    Component("python-docx", "MIT", "https://github.com/python-openxml/python-docx", "python-docx.txt", "docx"),
    Component("pypdfium2 / PDFium", "Apache-2.0 或 BSD-3-Clause；PDFium BSD-3-Clause",
              "https://github.com/pypdfium2-team/pypdfium2", "pypdfium2.txt", "pypdfium2"),
    Component("lxml / libxml2", "BSD-3-Clause / MIT", "https://lxml.de/", "lxml.txt", "lxml"),
    Component("charset-normalizer", "MIT", "https://github.com/jawah/charset_normalizer",
              "charset-normalizer.txt", "charset_normalizer"),
    Component("olefile", "BSD-2-Clause", "https://github.com/decalage2/olefile", "olefile.txt", "olefile"),
    Component("PyInstaller 引导程序", "GPL-2.0+（附分发例外）", "https://pyinstaller.org/", "PyInstaller.txt"),
)


def shipped_components() -> list[Component]:
    """The components actually in this build (a build may leave out unused packages)."""
    return [c for c in COMPONENTS if c.module is None or importlib.util.find_spec(c.module) is not None]


def about_html() -> str:
    """The dialog's body; a function so tests can check it without opening a window."""
    licences = resource_path("licenses")
    rows = []
    for c in shipped_components():
        notice = licences / c.notice
        link = (f'<a href="{QUrl.fromLocalFile(str(notice)).toString()}">说明</a>'
                if notice.is_file() else "")
        rows.append(
            f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.licence)}</td>"
            f'<td><a href="{c.url}">{html.escape(c.url)}</a></td><td>{link}</td></tr>'
        )

    folder = QUrl.fromLocalFile(str(licences)).toString()
    return (
        f"<p>核对政府信息公开工作年度报告：统计表自洽、正文与统计表一致、格式完整。</p>"
        f"<h4>图例（报告正文中的标记）</h4><p>{legend_html()}</p>"
        f"<p>错误：粗体加波浪线；警告：点线；未核对的正文数字：虚线；已更正的数值：绿框。"
        f"颜色之外另有线型区分，黑白打印也能辨认。</p>"
        f"<h4>第三方组件</h4>"
        f'<table cellspacing="0" cellpadding="3" border="1">'
        f"<tr><th>组件</th><th>许可证</th><th>网址</th><th></th></tr>{''.join(rows)}</table>"
        f"<h4>关于 Qt 与 LGPL-3.0</h4>"
        f"<p>本程序以动态链接方式使用未经修改的 Qt {html.escape(qVersion())} 与 PySide6 "
        f"{html.escape(PYSIDE_VERSION)}，遵循 LGPL-3.0。程序以文件夹形式分发，Qt 库是其中的独立文件"
        f"（Windows：<code>_internal\\PySide6\\Qt6*.dll</code>；Linux：<code>_internal/PySide6/Qt/lib/</code>），"
        f"您可以用自行编译或修改的同版本、二进制兼容的库替换它们，无需重新链接本程序。"
        f"Qt 源代码见 <a href=\"https://download.qt.io/\">download.qt.io</a>。</p>"
        f'<p>许可证全文与说明：<a href="{folder}">{html.escape(str(licences))}</a></p>'
    )


class AboutDialog(QDialog):
    """Modal 关于 dialog: ``AboutDialog(parent).exec()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{PRODUCT_NAME}")
        self.setWindowIcon(app_icon())

        header = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        header.addWidget(logo)
        self.title_label = QLabel(f"<h2>{PRODUCT_NAME}</h2><p>版本 {html.escape(__version__)}</p>")
        header.addWidget(self.title_label, 1)

        self.body = QTextBrowser()
        # Every link (web page, notice file, licence folder) opens in the system's browser,
        # editor or file manager; the dialog itself never navigates away from the notice.
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(QDesktopServices.openUrl)
        self.body.setHtml(about_html())
        self.body.setMinimumSize(620, 380)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
