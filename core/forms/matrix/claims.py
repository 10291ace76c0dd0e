"""Two narrative statements of new-format reports that a plain "figure = sum of rows"
claim cannot express, found here so the rules can weigh them against the table:

- "收到政府信息公开申请75件": the figure may or may not include the cases carried over
  from last year (new@total, or new@total + carried_in@total);
- "…行政复议2件、行政诉讼1件，均获维持": every case of the groups named was upheld.

They travel to the rules as ``meta.claim.*`` entries of ``Extraction.meta`` (not
indicators of any template), with the phrase as ``raw`` and its exact span.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.document.model import Span
from core.table.model import ExtractedValue

META_RECEIVED = "meta.claim.received"
META_UPHELD_PREFIX = "meta.claim.all_upheld."

_RECEIVED_RE = re.compile(
    r"(?:收到|受理|接收|接到|新收)(?:[^，。；\n\d]{0,20}?)申请(?:共计?|总计|合计)?\s*(\d+)\s*件"
)
_UPHELD_RE = re.compile(r"均(?:获|被|予以|得到|已)?维持")
_SENTENCE_END = "。！？；\n"


def _outside(span: Span, blocked: Span | None) -> bool:
    return blocked is None or span[1] <= blocked[0] or span[0] >= blocked[1]


def find_meta_claims(text: str, table_span: Span | None) -> dict[str, ExtractedValue]:
    found: dict[str, ExtractedValue] = {}
    for m in _RECEIVED_RE.finditer(text):
        phrase = m.group()
        if "复议" in phrase or "诉讼" in phrase or not _outside(m.span(), table_span):
            continue
        found[META_RECEIVED] = ExtractedValue(META_RECEIVED, phrase, Decimal(m.group(1)), m.span())
        break  # the first statement is the summary one
    for m in _UPHELD_RE.finditer(text):
        if not _outside(m.span(), table_span):
            continue
        start = max(text.rfind(ch, 0, m.start()) for ch in _SENTENCE_END) + 1
        sentence = text[start : m.start()]
        for word, key in (("行政复议", "review"), ("行政诉讼", "litigation")):
            if word in sentence:
                ident = META_UPHELD_PREFIX + key
                found.setdefault(ident, ExtractedValue(ident, m.group(), None, m.span()))
    return found
