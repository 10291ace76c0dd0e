"""报送单位与年度: what the report was recognised as, for the auditor to set when wrong or missing.

They name the memo's addressee and title, pair a report with the same agency's other years,
and the year decides which form the report should use; the change is undoable and kept in
the review.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

NO_YEAR = 2007  # the spin box's "未识别" (the first reports were for 2008)


def ask_identity(
    parent: QWidget | None, agency: str | None, year: int | None, recognised: str
) -> tuple[str | None, int | None] | None:
    """(agency, year) as the auditor set them (None for blank), or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("报送单位与年度")
    form = QFormLayout(dialog)
    note = QLabel(recognised, dialog)
    note.setWordWrap(True)
    form.addRow(note)
    name = QLineEdit(agency or "", dialog)
    name.setPlaceholderText("如：某某市某某区人民政府办公室")
    name.setMinimumWidth(360)
    form.addRow("报送单位：", name)
    when = QSpinBox(dialog)
    when.setRange(NO_YEAR, 2100)
    when.setSpecialValueText("未识别")
    when.setSuffix(" 年度")
    when.setValue(year if year is not None and year > NO_YEAR else NO_YEAR)
    form.addRow("报告年度：", when)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return name.text().strip() or None, when.value() if when.value() > NO_YEAR else None
