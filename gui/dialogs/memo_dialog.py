"""Before a 审核意见 is written: who it goes to, who signs it, and what it will list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

NO_YEAR = 0


@dataclass(frozen=True, slots=True)
class MemoDetails:
    """What the auditor fills in before a memo is written: addressee, year and signature."""

    agency: str
    year: int | None
    reviewer: str
    unit: str


class MemoDialog(QDialog):
    """Addressee (报送单位, 年度) for one report, signer (审核人, 审核单位) always.

    ``agency=None`` leaves the addressee fields out (the folder's memos each go to their
    own report's agency).
    """

    def __init__(
        self, parent: QWidget | None, *, summary: str, reviewer: str, unit: str,
        agency: str | None = None, year: int | None = None, one_report: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出审核意见")
        form = QFormLayout(self)
        note = QLabel(summary, self)
        note.setWordWrap(True)
        form.addRow(note)
        self.agency = QLineEdit(agency or "", self)
        self.agency.setPlaceholderText("报告中未识别，请填写（即审核意见的收文单位）")
        self.agency.setMinimumWidth(360)
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText("未识别")
        self.year.setValue(year or NO_YEAR)
        if one_report:
            form.addRow("报送单位：", self.agency)
            form.addRow("报告年度：", self.year)
        else:
            self.agency.hide()
            self.year.hide()
        self.reviewer = QLineEdit(reviewer, self)
        self.reviewer.setPlaceholderText("落款的审核人（会记住）")
        self.unit = QLineEdit(unit, self)
        self.unit.setPlaceholderText("落款的审核单位（会记住，可不填）")
        form.addRow("审核人：", self.reviewer)
        form.addRow("审核单位：", self.unit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.reviewer.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reviewer.text().strip()))

    def details(self) -> MemoDetails:
        year = self.year.value()
        return MemoDetails(self.agency.text().strip(), year if year != NO_YEAR else None,
                           self.reviewer.text().strip(), self.unit.text().strip())


def ask_memo_details(
    parent: QWidget | None, *, summary: str, reviewer: str, unit: str,
    agency: str | None = None, year: int | None = None, one_report: bool = True,
) -> MemoDetails | None:
    """The dialog's answers, or None when cancelled."""
    dialog = MemoDialog(parent, summary=summary, reviewer=reviewer, unit=unit, agency=agency, year=year,
                        one_report=one_report)
    dialog.setObjectName("memo_dialog")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.details()
