"""The folder review widget: rows worst first, unreadable ones listed, cancel, open a report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

SEEDS = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "报告文件夹"
    root.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, root / seed.name)
    (root / "损坏.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def _window(qtbot, workers: int = 1):  # type: ignore[no-untyped-def]
    from gui.batch_window import BatchWindow

    window = BatchWindow(workers=workers)
    qtbot.addWidget(window)
    return window


def _texts(window, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_folder_rows_worst_first_with_the_unreadable_reason(qtbot, qtmodeltester, folder: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workers=2)
    with qtbot.waitSignal(window.finished, timeout=60_000) as blocker:
        window.run_folder(folder)
    assert blocker.args == [len(SEEDS) + 1]
    qtmodeltester.check(window.model)
    names = _texts(window, 0)
    assert sorted(names) == sorted(p.name for p in folder.iterdir())
    assert names[0] == "损坏.docx"
    assert _texts(window, 6)[0] == "无法读取" and _texts(window, 7)[0]  # the reason is shown
    errors = [int(e) for e in _texts(window, 4)[1:]]
    warnings = [int(w) for w in _texts(window, 5)[1:]]
    assert list(zip(errors, warnings)) == sorted(zip(errors, warnings), reverse=True)
    assert all(a for a in _texts(window, 1)[1:])  # agency of every readable report
    assert set(_texts(window, 3)[1:]) <= {"2008", "2019", "2021"}
    assert not window.progress.isVisible() and window.export_button.isEnabled()
    assert "1 份无法读取" in window.status.text()


def test_activating_a_row_opens_that_report_and_an_unreadable_one_does_not(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.run_folder(folder)
    opened: list[str] = []
    window.open_report.connect(opened.append)
    window.view.activated.emit(window.model.index(0, 0))  # the unreadable row
    assert opened == [] and "无法读取" in window.status.text()
    with qtbot.waitSignal(window.open_report) as blocker:
        window.view.doubleClicked.emit(window.model.index(1, 2))
    assert blocker.args == [window.rows[1].path]
    assert Path(blocker.args[0]).exists()


def test_cancel_stops_the_run(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    for n in range(40):
        shutil.copyfile(SEEDS[n % len(SEEDS)], folder / f"副本{n:02d}.txt")
    window = _window(qtbot, workers=1)
    window.model.rowsInserted.connect(lambda *_: window.cancel())  # cancel once the first row lands
    with qtbot.waitSignal(window.finished, timeout=60_000) as blocker:
        window.run_folder(folder)
    assert 1 <= blocker.args[0] < 46
    assert window.status.text().startswith("已取消")
    assert not window.running


def test_export_summary_of_the_rows_shown(qtbot, folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    window = _window(qtbot)
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.run_folder(folder)
    out = window.export_summary(tmp_path / "汇总.xlsx")
    frame = pd.read_excel(out, sheet_name="汇总")
    assert sorted(frame["报告"]) == sorted(p.name for p in folder.iterdir())


def test_a_second_folder_replaces_the_first_run(qtbot, folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "另一个文件夹"
    other.mkdir()
    shutil.copyfile(SEEDS[0], other / "唯一.txt")
    window = _window(qtbot)
    window.run_folder(folder)
    with qtbot.waitSignal(window.finished, timeout=60_000) as blocker:
        window.run_folder(other)  # while the first run is still going
    assert blocker.args == [1]
    qtbot.wait(50)  # anything the first run had queued is delivered by now, and ignored
    assert _texts(window, 0) == ["唯一.txt"]


def _analysed(qtbot, folder: Path):  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    with qtbot.waitSignal(window.analysis_ready, timeout=60_000):
        window.run_folder(folder)
    return window


def test_analysis_tab_shows_sorts_and_filters_the_tables(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
    from analysis_folders import OUTLIER, comparison_folder

    window = _analysed(qtbot, comparison_folder(tmp_path))
    assert window.tabs.isTabEnabled(1)
    names = [window.table_choice.itemData(i) for i in range(window.table_choice.count())]
    assert names == ["机关对比", "偏离明细", "问题统计"]
    qtmodeltester.check(window.analysis_model)
    window.show_table("偏离明细")
    proxy, table = window.analysis_proxy, window.analysis_model.table
    assert table.name == "偏离明细" and proxy.rowCount() >= 2
    col = table.columns.index("偏离程度")
    window.analysis_view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    degrees = [float(proxy.index(r, col).data().replace(",", "")) for r in range(proxy.rowCount())]
    assert degrees == sorted(degrees, reverse=True)  # numbers sort as numbers, not as text
    window.filter_edit.setText("行政处罚")
    assert proxy.rowCount() == 1
    assert proxy.index(0, table.columns.index("报送单位")).data() == OUTLIER
    with qtbot.waitSignal(window.open_report) as blocker:
        window.analysis_view.doubleClicked.emit(proxy.index(0, 0))
    assert Path(blocker.args[0]).name.startswith(OUTLIER)


def test_double_click_on_an_indicator_shows_its_outliers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
    from analysis_folders import comparison_folder

    window = _analysed(qtbot, comparison_folder(tmp_path))
    window.show_table("机关对比")
    table = window.analysis_model.table
    ident_col = table.columns.index("指标编号")
    row = next(r for r in range(window.analysis_proxy.rowCount())
               if window.analysis_proxy.index(r, ident_col).data() == "t2.penalty.decisions")
    window.analysis_view.doubleClicked.emit(window.analysis_proxy.index(row, 1))
    assert window.analysis_model.table.name == "偏离明细" and window.filter_edit.text() == "t2.penalty.decisions"
    assert window.analysis_proxy.rowCount() == 1


def test_export_all_memos_writes_one_per_readable_report(qtbot, folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.run_folder(folder)
    assert window.memo_button.isEnabled()
    out = tmp_path / "审核意见"
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.write_memos(str(out), "李审核", "政务公开办")
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{s.stem}_审核意见.docx" for s in SEEDS)
    assert f"已导出 {len(SEEDS)} 份审核意见" in window.status.text()
    import docx

    paragraphs = [p.text for p in docx.Document(str(out / written[0])).paragraphs]
    assert "审核人：李审核" in paragraphs and paragraphs[0].startswith("关于《")
