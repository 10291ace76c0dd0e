"""Every Qt model passes pytest-qt's model tester, before and after an edit."""

from __future__ import annotations

import shutil

import pytest
from gui_helpers import FIXTURES, SEEDS

from core.session import CONFIRMED
from gui.models.claim_model import UncoveredClaimModel
from gui.models.finding_model import FindingModel
from gui.models.history_model import HistoryModel
from gui.models.indicator_model import IndicatorModel

pytestmark = pytest.mark.gui


def _edit(ctl) -> None:  # type: ignore[no-untyped-def]
    session = ctl.session
    ident = next(i for i, v in session.table.published.items() if v.value is not None and i in session.table.template)
    ctl.edit_value(ident, session.value(ident) + 1, "测试")
    ctl.dispose(session.findings[0].key, CONFIRMED, "备注")


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_window_models_pass_the_model_tester(open_window, seed_copy, qtmodeltester, seed) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(seed))
    models = [
        window.indicators.model,
        window.findings.model,
        window.findings.proxy,
        window.uncovered.model,
        window.history.model_,
    ]
    _edit(ctl)
    window.findings.set_related(frozenset({ctl.session.findings[0].ids[0]} if ctl.session.findings[0].ids else set()))
    for model in models:
        qtmodeltester.check(model, force_py=True)
    assert window.history.model_.rowCount() == 2


def test_fresh_models_pass_the_model_tester(open_window, seed_copy, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    for cls in (IndicatorModel, FindingModel, UncoveredClaimModel, HistoryModel):
        empty = cls()
        qtmodeltester.check(empty, force_py=True)
        empty.set_controller(ctl)
        qtmodeltester.check(empty, force_py=True)
        assert empty.rowCount() > 0 or cls is HistoryModel


def test_matrix_models_of_the_new_template(open_window, tmp_path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    reports = sorted((FIXTURES / "new_template").glob("*.txt"))
    source = reports[0]
    report = tmp_path / source.name
    shutil.copy(source, report)
    window, (ctl,) = open_window(report)
    table = ctl.session.table
    assert table.template.matrices, "a 2019/2021 report"
    models = window.indicators.matrix_models
    assert len(models) == len(table.template.matrices)
    for model in models:
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == len(model.matrix.rows) and model.columnCount() == len(model.matrix.columns)
    # a cell the report printed shows its value and selects its span in the text
    model = next(m for m in models if any(table.published.get(i) and table.published[i].span for i in m._cells))
    ident = next(i for i in model._cells if table.published.get(i) and table.published[i].span)
    window.indicators.select_ids([ident])
    assert window.indicators.current_id() == ident
    assert table.published[ident].raw in model.index_for_id(ident).data()
    window.navigator.show_indicator(ident)
    assert window.report.selected_span() == table.published[ident].span
    assert model.setData(model.index_for_id(ident), str(ctl.session.value(ident) + 1))
    assert "✎" in model.index_for_id(ident).data()
    qtmodeltester.check(model, force_py=True)
