"""编辑 → 设置: who audits, where reviews are kept, the default of 空白按0处理, the export folder.

Also the one question asked on first use: the auditor's name and unit, so the audit
trail and the exports name a person instead of the computer's login.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.settings import REVIEWS_APP_DATA, REVIEWS_BESIDE, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, first_use: bool = False) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("欢迎使用：请填写审核人" if first_use else "设置")
        self.reviewer = QLineEdit(settings.reviewer, self)
        self.reviewer.setPlaceholderText("例如：张三")
        self.unit = QLineEdit(settings.unit, self)
        self.unit.setPlaceholderText("例如：某某市政务公开办公室")
        form = QFormLayout()
        form.addRow("审核人姓名：", self.reviewer)
        form.addRow("审核单位：", self.unit)
        layout = QVBoxLayout(self)
        if first_use:
            intro = QLabel(
                "审核记录、导出的工作簿和审核意见会写上审核人和审核单位。"
                "可以留空，以后在“编辑 → 设置”中修改。", self
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        if not first_use:  # the first question is only who audits: nothing else is made
            layout.addLayout(self._more(settings))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._first_use = first_use

    def _more(self, settings: Settings) -> QFormLayout:
        """Where reviews are kept, the 空白按0处理 default and the export folder."""
        self.beside = QRadioButton("放在报告旁边（“报告名.review.json”，随报告文件夹一起拷贝）", self)
        self.app_data = QRadioButton("放在本机的用户数据文件夹（报告在只读或共享文件夹时）", self)
        self.where = QButtonGroup(self)
        self.where.addButton(self.beside)
        self.where.addButton(self.app_data)
        (self.app_data if settings.reviews_location == REVIEWS_APP_DATA else self.beside).setChecked(True)
        self.blank_as_zero = QCheckBox("新打开的报告默认“空白按0处理”（已有审核记录的报告按记录）", self)
        self.blank_as_zero.setChecked(settings.blank_as_zero)
        self.export_dir = QLineEdit(settings.export_dir, self)
        self.export_dir.setPlaceholderText("留空：与报告相同的文件夹")
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_dir, 1)
        export_row.addWidget(browse)
        more = QFormLayout()
        where = QVBoxLayout()
        where.addWidget(self.beside)
        where.addWidget(self.app_data)
        more.addRow("审核记录：", where)
        more.addRow("空白单元格：", self.blank_as_zero)
        more.addRow("导出到：", export_row)
        return more

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "默认导出文件夹", self.export_dir.text())
        if folder:
            self.export_dir.setText(folder)

    def save(self) -> None:
        """Write what the dialog shows into the settings."""
        s = self.settings
        s.reviewer, s.unit = self.reviewer.text(), self.unit.text()
        s.asked_reviewer = True
        if not self._first_use:
            s.reviews_location = REVIEWS_APP_DATA if self.app_data.isChecked() else REVIEWS_BESIDE
            s.blank_as_zero = self.blank_as_zero.isChecked()
            s.export_dir = self.export_dir.text().strip()
        s.sync()


def edit_settings(parent: QWidget | None, settings: Settings) -> bool:
    """The settings dialog; True when the auditor saved it."""
    dialog = SettingsDialog(settings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    dialog.save()
    return True


def ask_reviewer(parent: QWidget | None, settings: Settings) -> bool:
    """Asked once, on first use: answered or not, never again."""
    dialog = SettingsDialog(settings, parent, first_use=True)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if accepted:
        dialog.save()
    settings.asked_reviewer = True
    settings.sync()
    return accepted
