"""Ask for a note (a disposition's reason) or a corrected value with its reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def ask_note(parent: QWidget | None, title: str, prompt: str, text: str = "", required: bool = True) -> str | None:
    """The note, or None when cancelled. A disposition must say why: with ``required``
    the OK button waits for a note."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    label = QLabel(prompt, dialog)
    label.setWordWrap(True)
    form.addRow(label)
    edit = QPlainTextEdit(text, dialog)
    edit.setMinimumSize(360, 90)
    form.addRow(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if required:
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setToolTip("请先写下备注")

        def check() -> None:
            ok.setEnabled(bool(edit.toPlainText().strip()))

        edit.textChanged.connect(check)
        check()
    edit.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.toPlainText().strip()


def ask_value(
    parent: QWidget | None,
    label: str,
    published: str,
    current: str,
    interpret: Callable[[str], tuple[str, bool]] | None = None,
) -> tuple[str, str] | None:
    """(typed value, reason) for a correction, or None when cancelled. ``interpret`` says,
    as the auditor types, how the value reads (and whether it can be taken); the reason
    is required: the trail must say why a published figure was changed."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("更正数值")
    form = QFormLayout(dialog)
    title = QLabel(label, dialog)
    title.setWordWrap(True)
    form.addRow(title)
    form.addRow("公布值：", QLabel(published or "（缺）", dialog))
    value = QLineEdit(current, dialog)
    value.setMinimumWidth(320)  # room for the Chinese placeholder text
    value.setPlaceholderText("数字或中文数字（如 12、十二）；留空恢复公布值；填“空”表示该格应为空")
    form.addRow("更正为：", value)
    feedback = QLabel(dialog)
    feedback.setStyleSheet("color:#555")
    form.addRow("", feedback)
    reason = QLineEdit(dialog)
    reason.setPlaceholderText("必填，例如：按分项合计更正 / 与正文核对")
    form.addRow("原因：", reason)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def check() -> None:
        readable = True
        if interpret is not None:
            text, readable = interpret(value.text())
            feedback.setText(text)
            warn = "不应为负数" in text or not readable
            feedback.setStyleSheet("color:#b02020" if warn else "color:#555")
        ok.setEnabled(readable and bool(reason.text().strip()))

    value.textChanged.connect(check)
    reason.textChanged.connect(check)
    check()
    value.selectAll()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return value.text(), reason.text().strip()
