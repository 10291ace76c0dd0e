"""Where the report itself starts and ends inside a saved page or an archived copy.

A web page saved by a browser, or a copy taken from a site archive, carries the site
around the report: "当前位置：首页>政务公开>…", the publisher and time line, "微信 微博
QQ空间" share buttons, "打印 关闭", the footer (主办单位, 版权所有, ICP备案), or an archive's
own header ("标题: … 原文链接: … ==== 正文 ===="). None of it is the report: its numbers
are dates, ids and visit counts. ``body_span`` finds the report between them, so the
audit reads only the report and the window can fold the rest away.
"""

from __future__ import annotations

import re

from core.document.model import Span

_ARCHIVE_BODY = re.compile(r"=+\s*正文\s*=+")
_TITLE = re.compile(r"政府信息公开(?:工作)?\s*(?:\d{4}\s*)?年度?报告")
# Where a report's own text begins after its title.
_OPENING = re.compile(r"根据《|依据《|按照《|本报告|本年度报告|一[、.．]\s*(?:总体情况|概述|概况)")
_FOOTER = re.compile(
    r"附件下载|相关附件|【?\s*打印\s*】?\s*【?\s*关闭\s*】?|扫一扫在手机|分享到[:：]|主办单位[:：]|承办单位[:：]|版权所有"
    r"|网站标识码|ICP备|公网安备|技术支持[:：]|联系我们\s*\|"
)
_LAST_SECTION = re.compile(r"[六七][、.．]\s*(?:其他需要报告的事项|政府信息公开情况统计表|其他)")


def body_span(text: str) -> Span:
    start = 0
    marker = _ARCHIVE_BODY.search(text)
    if marker is not None:
        start = marker.end()
    opening = _OPENING.search(text, start)
    if opening is not None:
        # the title printed just before the report's first words starts the body
        titles = list(_TITLE.finditer(text, start, opening.start()))
        if titles:
            start = _title_start(text, max(text.rfind("\n", 0, titles[-1].start()) + 1, start), titles[-1].start())
    end = len(text)
    last = None
    for m in _LAST_SECTION.finditer(text, start):
        last = m
    footer = _FOOTER.search(text, last.end() if last else max(start, len(text) * 2 // 3))
    if footer is not None:
        end = footer.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end > start else (0, len(text))


def _title_start(text: str, line_start: int, title_at: int) -> int:
    """Where the title's line begins; on a line that also carries the page's menus (a
    whole page on one line), after the last break before the title's own words."""
    if title_at - line_start <= 60:
        return line_start
    cut = 0
    for m in re.finditer(r"\s+|-->|[>》|]", text[line_start:title_at]):
        cut = m.end()
    return line_start + cut
