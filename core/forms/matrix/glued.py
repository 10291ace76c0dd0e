"""Cut a table that lost its line breaks back into one piece per printed row.

Text archives and copies of web pages often hold the whole report on one line, the
table's cells run together: "…对外公开总数量规章000规范性文件898989第二十条第（五）项…".
The form fixes what starts a row: a section heading, a 第二十条 block head, a row label
of table 二, a numbered row of table 三 ("（一）予以公开", "2.其他法律行政法规禁止公开"), the
digits of table 四 after its column heads. Cutting before each of them gives the
extractor the rows it reads from any other text ("规章000": a label and its digit run),
with spans into the document text as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.document.model import Span

# Only a line this long with this many row starts is a table that lost its breaks; a
# report printed one row per line is left as it is.
_MIN_LENGTH = 200
_MIN_CUTS = 6

_HEADINGS = (
    r"[一二三四五六][、.．]\s*(?:总体情况|主动公开政府信息情况|收到[和及]处理政府信息公开申请情况"
    r"|(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况"
    r"|(?:政府信息公开工作)?存在的主要问题及改进情况|其他需要报告的事项)"
)
_ROW_STARTS = (
    r"第二十条第[（(][一二三四五六七八九十]+[）)]项",
    r"行政规范性文件|规范性文件|规章(?!制度)|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购",
    r"[一二三四][、.．]\s*(?=本年新收|上年结转|本年度办理结果|结转下年度)",
    r"[（(][一二三四五六七][）)]\s*(?=予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)",
    r"\d\s*(?=[.．、]\s*(?:属于|其他法律|危及|保护第三方|本机关不掌握|没有现成|补正后|信访|重复申请|要求提供"
    r"|无正当理由|要求行政机关|申请人无正当|申请人逾期|其他\s*[\d\s]))",
)
_CUT_RE = re.compile("|".join((_HEADINGS, *_ROW_STARTS)))
_HEADING_RE = re.compile(_HEADINGS)
# Table 四 prints its column heads, then fifteen digits: the digits are the row.
_T4_HEADS = re.compile(r"结果维持|尚未审结|复议后起诉")
_TRAILING_DIGITS = re.compile(r"[\d\s]+$")


def _cuts(text: str, start: int, end: int) -> list[int]:
    cuts = {start}
    for m in _CUT_RE.finditer(text, start, end):
        cuts.add(m.start())
        if _HEADING_RE.fullmatch(m.group()):
            cuts.add(m.end())  # the heading alone on its piece, its text after it
    return sorted(cuts)


def split_glued(text: str, start: int, end: int) -> list[Span]:
    """The pieces of one line, cut where printed rows start; the line itself if it is not glued."""
    if end - start < _MIN_LENGTH or "\t" in text[start:end]:
        return [(start, end)]
    cuts = _cuts(text, start, end)
    if len(cuts) < _MIN_CUTS:
        return [(start, end)]
    pieces: list[Span] = []
    for a, b in zip(cuts, [*cuts[1:], end]):
        piece = text[a:b]
        digits = _TRAILING_DIGITS.search(piece)
        if _T4_HEADS.search(piece) and digits and digits.group().strip():
            pieces += [(a, a + digits.start()), (a + digits.start(), b)]
        elif piece.strip():
            pieces.append((a, b))
    return pieces


def table_lines(text: str, lines: Iterator[tuple[int, int, int]]) -> Iterator[tuple[int, int, int]]:
    """``iter_lines`` with every glued line cut into its printed rows (same line index)."""
    for index, start, end in lines:
        for a, b in split_glued(text, start, end):
            yield index, a, b
