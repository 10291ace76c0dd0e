"""Every user action declared once, keyed by an enum (Picard's pattern).

Menus, the toolbar, the inspector's buttons and the shortcuts all use these QAction
objects, so an action is enabled, named and bound to its key in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from gui.icons import glyph_icon


class ActionId(Enum):
    OPEN = auto()
    BATCH = auto()
    EXPORT = auto()
    EXPORT_MEMO = auto()
    CLOSE_FILE = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    EDIT_VALUE = auto()
    REVERT_VALUE = auto()
    NEXT_FINDING = auto()
    PREV_FINDING = auto()
    ACCEPT_SUGGESTION = auto()
    CONFIRM = auto()
    FALSE_ALARM = auto()
    REOPEN = auto()
    ONLY_UNCOVERED = auto()
    ABOUT = auto()
    FIND = auto()
    PAGE_VIEW = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ZOOM_RESET = auto()
    PRINT = auto()
    EXPORT_PDF = auto()
    SETTINGS = auto()
    BLANK_AS_ZERO = auto()
    IDENTITY = auto()


@dataclass(frozen=True)
class ActionSpec:
    """How one window action looks and is reached: text, shortcuts, tooltip and icon."""

    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    glyph: str = ""  # drawn icon symbol
    color: str = "#2f5d8a"
    checkable: bool = False


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN: ActionSpec("打开报告…", (QKeySequence.StandardKey.Open,), "打开一份或多份年度报告", "开"),
    ActionId.BATCH: ActionSpec("批量审核文件夹…", ("Ctrl+Shift+O",), "核对一个文件夹里的全部报告，问题最多的排在前面"),
    ActionId.EXPORT: ActionSpec("导出 Excel…", ("Ctrl+E",), "导出更正后的统计表、问题清单和审核记录", "⇩", "#1a7a3c"),
    ActionId.EXPORT_MEMO: ActionSpec(
        "导出审核意见…", ("Ctrl+Shift+E",), "导出发给报送单位的审核意见（Word 文档）：更正、已确认的问题和待核实的事项", "文",
        "#1a7a3c",
    ),
    ActionId.CLOSE_FILE: ActionSpec("关闭当前报告", (QKeySequence.StandardKey.Close,)),
    ActionId.QUIT: ActionSpec("退出", (QKeySequence.StandardKey.Quit,)),
    ActionId.UNDO: ActionSpec("撤销", ("Ctrl+Z",), "撤销上一步更正或处置", "↶"),
    ActionId.REDO: ActionSpec("重做", ("Ctrl+Y", "Ctrl+Shift+Z"), "重做刚撤销的操作", "↷"),
    ActionId.EDIT_VALUE: ActionSpec("更正数值…", ("F2",), "更正统计表中所选行的数值，并填写原因", "✎", "#1a7a3c"),
    ActionId.REVERT_VALUE: ActionSpec("恢复公布值", (), "撤去所选行的更正，恢复报告公布的数值"),
    ActionId.NEXT_FINDING: ActionSpec("下一个问题", ("F8",), "转到下一个问题", "▼"),
    ActionId.PREV_FINDING: ActionSpec("上一个问题", ("Shift+F8",), "转到上一个问题", "▲"),
    ActionId.ACCEPT_SUGGESTION: ActionSpec(
        "采纳建议", ("Ctrl+Return", "Ctrl+Enter"), "按建议更正这一个数值", "✓", "#1a7a3c"
    ),
    ActionId.CONFIRM: ActionSpec("确认报告有误…", ("Ctrl+1",), "确认这是报告本身的错误，并写下备注", "✗", "#b02020"),
    ActionId.FALSE_ALARM: ActionSpec("标为误报…", ("Ctrl+2",), "这不是错误：标为误报，并写下理由", "〇", "#7a6a00"),
    ActionId.REOPEN: ActionSpec("恢复为待处理", ("Ctrl+3",), "撤去对这个问题的处置"),
    ActionId.ONLY_UNCOVERED: ActionSpec(
        "只看未核对的数字", ("Ctrl+U",), "正文中只标出没有任何检查覆盖的数字，并列出它们", "?", "#555555", True
    ),
    ActionId.ABOUT: ActionSpec("关于与图例"),
    ActionId.FIND: ActionSpec("查找…", (QKeySequence.StandardKey.Find,), "在原文中查找数字或文字", "⌕"),
    ActionId.PAGE_VIEW: ActionSpec(
        "原版页面", ("Ctrl+Shift+P",), "PDF 报告：显示原版页面（标记画在页面上）或文字视图", checkable=True
    ),
    ActionId.ZOOM_IN: ActionSpec("放大", ("Ctrl+=", "Ctrl++"), "放大所有窗格的文字"),
    ActionId.ZOOM_OUT: ActionSpec("缩小", ("Ctrl+-",), "缩小所有窗格的文字"),
    ActionId.ZOOM_RESET: ActionSpec("原始大小", ("Ctrl+0",), "恢复默认文字大小"),
    ActionId.PRINT: ActionSpec("打印问题清单…", (QKeySequence.StandardKey.Print,), "打印当前报告的问题清单（A4）"),
    ActionId.EXPORT_PDF: ActionSpec("问题清单导出 PDF…", (), "把当前报告的问题清单存为 A4 PDF 文件"),
    ActionId.SETTINGS: ActionSpec("设置…", (), "审核人、审核单位、审核记录存放位置、空白按0处理的默认值、导出文件夹"),
    ActionId.BLANK_AS_ZERO: ActionSpec(
        "空白按0处理", (), "本报告中未填写的单元格按 0 参与核对（可撤销，记入审核记录）", checkable=True
    ),
    ActionId.IDENTITY: ActionSpec(
        "报送单位与年度…", (), "报告中未识别或识别有误时，填写报送单位和报告年度（审核意见的收文单位；可撤销，记入审核记录）"
    ),
}


class ActionRegistry:
    def __init__(self, window: QMainWindow) -> None:
        self._actions: dict[ActionId, QAction] = {}
        for ident, spec in SPECS.items():
            action = QAction(spec.text, window)
            if spec.glyph:
                action.setIcon(glyph_icon(spec.glyph, spec.color))
            keys = [QKeySequence(k) for k in spec.keys]
            if keys:
                action.setShortcuts(keys)
            tip = spec.tip or spec.text
            if keys:
                tip += f"（{keys[0].toString(QKeySequence.SequenceFormat.NativeText)}）"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            window.addAction(action)  # shortcuts work even when the menu bar is hidden
            self._actions[ident] = action

    def __getitem__(self, ident: ActionId) -> QAction:
        return self._actions[ident]

    def set_enabled(self, enabled: bool, *idents: ActionId) -> None:
        for ident in idents:
            self._actions[ident].setEnabled(enabled)


def build_menus(window: QMainWindow, actions: ActionRegistry, recent: QMenu) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addAction(actions[ActionId.OPEN])
    file_menu.addMenu(recent)
    file_menu.addAction(actions[ActionId.BATCH])
    file_menu.addAction(actions[ActionId.EXPORT])
    file_menu.addAction(actions[ActionId.EXPORT_MEMO])
    file_menu.addAction(actions[ActionId.PRINT])
    file_menu.addAction(actions[ActionId.EXPORT_PDF])
    file_menu.addSeparator()
    file_menu.addAction(actions[ActionId.CLOSE_FILE])
    file_menu.addAction(actions[ActionId.QUIT])
    edit = bar.addMenu("编辑(&E)")
    for ident in (ActionId.UNDO, ActionId.REDO, None, ActionId.EDIT_VALUE, ActionId.REVERT_VALUE, None, ActionId.SETTINGS):
        edit.addSeparator() if ident is None else edit.addAction(actions[ident])
    review = bar.addMenu("审核(&R)")
    for ident in (ActionId.NEXT_FINDING, ActionId.PREV_FINDING, None, ActionId.ACCEPT_SUGGESTION, ActionId.CONFIRM,
                  ActionId.FALSE_ALARM, ActionId.REOPEN, None, ActionId.BLANK_AS_ZERO, ActionId.IDENTITY):
        review.addSeparator() if ident is None else review.addAction(actions[ident])
    view = bar.addMenu("视图(&V)")
    for ident in (ActionId.FIND, ActionId.PAGE_VIEW, None, ActionId.ZOOM_IN, ActionId.ZOOM_OUT, ActionId.ZOOM_RESET, None,
                  ActionId.ONLY_UNCOVERED):
        view.addSeparator() if ident is None else view.addAction(actions[ident])
    bar.addMenu("帮助(&H)").addAction(actions[ActionId.ABOUT])


def build_toolbar(window: QMainWindow, actions: ActionRegistry) -> QToolBar:
    bar = QToolBar("工具栏", window)
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    for ident in (ActionId.OPEN, ActionId.EXPORT, ActionId.EXPORT_MEMO, None, ActionId.UNDO, ActionId.REDO, None, ActionId.PREV_FINDING,
                  ActionId.NEXT_FINDING, None, ActionId.ACCEPT_SUGGESTION, ActionId.CONFIRM, ActionId.FALSE_ALARM,
                  ActionId.EDIT_VALUE, None, ActionId.ONLY_UNCOVERED):
        bar.addSeparator() if ident is None else bar.addAction(actions[ident])
    window.addToolBar(bar)
    return bar
