"""Message boxes, each behind one function so tests can patch QMessageBox and see them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """An expected problem (unreadable file ...): a warning box with a Chinese message."""
    QMessageBox.warning(parent, title, text)


def show_crash(parent: QWidget | None, text: str) -> None:
    """An unexpected exception: the only place a critical box is shown."""
    QMessageBox.critical(parent, "程序出现意外错误", text)


def ask_apply_stale(parent: QWidget | None, report: str, saved: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "报告已改动",
        f"“{report}”在上次审核后已被修改，保存的审核记录（{saved}）可能对不上新内容。\n\n"
        "选“是”仍套用上次的更正和处置；选“否”重新开始（旧记录另存为 .bak 文件，不会丢失）。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_take_over(parent: QWidget | None, holder: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "接管编辑",
        f"此报告的审核记录正由 {holder}编辑。\n\n"
        "只有确认对方已不再使用（已关闭窗口，或那台计算机已关机）时才应接管：接管后由本窗口保存，"
        "对方窗口转为只读；对方此前保存的更正会保留。\n\n确定接管吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_negative(parent: QWidget | None, label: str, value: str) -> bool:
    """A count corrected to a negative number: most likely a typo, so ask."""
    answer = QMessageBox.question(
        parent,
        "负数",
        f"“{label}”是计数，统计数不能为负。确定要更正为 {value} 吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
