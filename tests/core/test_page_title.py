"""A saved web page whose body has no title line: its <title> names the agency and year."""

from __future__ import annotations

import html
from pathlib import Path

from core.audit import audit_file

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _page(title: str, lines: list[str]) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"


def test_page_title_names_agency_and_year_when_the_body_does_not(tmp_path: Path) -> None:
    for seed in sorted(FIXTURES.glob("0*.txt")):
        truth = audit_file(seed)
        assert truth.agency and truth.year, seed.name
        # The body loses every line naming the agency (title line, signature): only the
        # page's <title> still says who reports.
        body = [line for line in seed.read_text(encoding="utf-8").splitlines()
                if line.strip() and truth.agency not in line and "年度报" not in line]
        untitled = tmp_path / f"{seed.stem}-untitled.html"
        untitled.write_text(_page("政府门户网站", body), encoding="utf-8")
        assert audit_file(untitled).agency is None, seed.name
        page = tmp_path / f"{seed.stem}.html"
        page.write_text(_page(f"{truth.year}年{truth.agency}政府信息公开工作年度报告 - 政府门户网站", body), encoding="utf-8")
        got = audit_file(page)
        assert (got.agency, got.year) == (truth.agency, truth.year), seed.name
