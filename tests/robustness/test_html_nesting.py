"""An HTML page is read whatever its nesting.

Web editors leave tags unclosed (``<font>`` after ``<font>``); at 254 levels libxml2
stopped building the tree and the whole report was dropped as "网页中没有正文文字"
(253 levels already lost part of it). A page with 300 unclosed tags before its content
must read, and audit, exactly like the same page without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import audit_document
from core.document import read_bytes

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "shanghai_bgt_2019.html"
HEAD = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title></head><body>'


def _page(opening: str, depth: int) -> bytes:
    return (HEAD + opening * depth + REAL.read_text(encoding="utf-8") + "</body></html>").encode("utf-8")


def _rules(doc):  # type: ignore[no-untyped-def]
    result = audit_document(doc)
    assert result.table is not None
    return [(f.rule, f.ids, f.message) for f in result.findings if f.rule != "document.reader_note"]


@pytest.mark.parametrize("opening", ['<font size="3">', "<div>", "<span>", "<table><tr><td>"])
def test_a_page_300_tags_deep_reads_and_audits_like_the_flat_one(opening: str) -> None:
    flat = read_bytes(_page("", 0), "年报.html")
    deep = read_bytes(_page(opening, 300), "年报.html")
    assert len(flat.text) > 6000  # the real report, not an empty shell
    assert deep.text == flat.text and len(deep.tables) == len(flat.tables) and not deep.notes
    assert _rules(deep) == _rules(flat)


@pytest.mark.parametrize("opening", ['<font size="3">', "<div>"])
def test_a_page_deeper_than_any_parser_allows_still_reads_with_a_note(opening: str) -> None:
    flat = read_bytes(_page("", 0), "年报.html")
    deep = read_bytes(_page(opening, 5000), "年报.html")
    assert deep.text == flat.text
    assert deep.notes and "嵌套" in deep.notes[0]
    assert _rules(deep) == _rules(flat)


def test_nested_tables_past_the_parser_limit_are_read_as_text() -> None:
    deep = read_bytes(_page("<table><tr><td>", 5000), "年报.html")
    assert "纯文本" in deep.notes[0]
    assert "2019年上海市人民政府办公厅政府信息公开工作年度报告" in deep.text
    assert audit_document(deep).table is not None
