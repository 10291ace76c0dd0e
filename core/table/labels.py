"""Match a printed row label to a template row by meaning, not by exact text.

Agencies print the same form with different spacing, bracket widths, numbering styles
("（一）" "(一)" "1." "1、"), "其中：" or "其中:", notes in brackets cut by the page, and
slightly different wording ("召开政府信息与政务公开工作会议..."). A label is reduced to
its *core* (no spaces, numbering, 其中, bracketed notes) and compared by character-bigram
overlap (Dice); the numbering style is a small tie-breaker only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.schema.model import Template
from core.table.values import fold

_TAG_RE = re.compile(r"<[^<>]{0,12}>")
_SPACE_RE = re.compile(r"\s+")
_CN_NUM = "一二三四五六七八九十"
_NUMBERING_RE = re.compile(
    rf"(?:(?P<top>[{_CN_NUM}]+)[、.,]"
    rf"|\((?P<sub>[{_CN_NUM}]+)\)[、.]?"
    r"|(?P<item>\d{1,2})(?:[.、](?!\d)|\))"
    r"|\((?P<item2>\d{1,2})\))"
)
_QIZHONG_RE = re.compile(r"其中[:,]?")
_BRACKETS = str.maketrans("[]〔〕", "()()")
_EDGE_PUNCT = ":;,.、。-—_*"


@dataclass(frozen=True, slots=True)
class Label:
    """A row label taken apart: what it counts, how it is numbered, and its notes."""

    core: str  # what the row counts: no spaces, numbering, 其中 or bracketed notes
    numbering: str | None  # "top" (一、), "sub" ((一)), "item" (1.), None
    numeral: str | None  # the number itself: "一", "3"
    qizhong: bool  # printed with 其中
    open_note: bool  # ends inside an unclosed bracket: the next line continues the note
    closes_note: bool  # starts inside a note opened on the line above ("网站工作人员数)")


def _strip_notes(text: str) -> tuple[str, bool, bool]:
    if "(" not in text and ")" not in text:
        return text, False, False
    out: list[str] = []
    depth = 0
    closes = False
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                # The line starts inside a note wrapped from the line above: "网站工作人员数)"
                out.clear()
                closes = True
        elif not depth:
            out.append(ch)
    return "".join(out), depth > 0, closes


def grams(core: str) -> frozenset[str]:
    if len(core) < 2:
        return frozenset((core,)) if core else frozenset()
    return frozenset(core[i : i + 2] for i in range(len(core) - 1))


@lru_cache(maxsize=8192)
def normalise(raw: str) -> Label:
    text = fold(raw)
    if "<" in text:
        text = _TAG_RE.sub("", text)
    text = _SPACE_RE.sub("", text).translate(_BRACKETS)
    numbering = numeral = None
    m = _NUMBERING_RE.match(text)
    if m:
        kind = m.lastgroup or ""
        numbering = "item" if kind.startswith("item") else kind
        numeral = m.group(kind)
        text = text[m.end() :]
    qm = _QIZHONG_RE.match(text)
    if qm:
        text = text[qm.end() :]
    core, open_note, closes_note = _strip_notes(text)
    core = core.strip(_EDGE_PUNCT)
    return Label(core, numbering, numeral, bool(qm), open_note, closes_note)


EMPTY = Label("", None, None, False, False, False)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


class TemplateLabels:
    """A template's labels, normalised once (cached per template)."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.labels = [normalise(d.label) for d in template.indicators]
        self.grams = [grams(lab.core) for lab in self.labels]
        self.exact: dict[str, list[int]] = {}
        self.by_gram: dict[str, list[int]] = {}  # which rows hold a bigram: a cheap prefilter
        for i, lab in enumerate(self.labels):
            self.exact.setdefault(lab.core, []).append(i)
            for g in self.grams[i]:
                self.by_gram.setdefault(g, []).append(i)

    def overlaps(self, label_grams: frozenset[str]) -> dict[int, int]:
        """Template row -> number of bigrams it shares with ``label_grams`` (rows sharing none are left out)."""
        counts: dict[int, int] = {}
        for g in label_grams:
            for i in self.by_gram.get(g, ()):
                counts[i] = counts.get(i, 0) + 1
        return counts

    def score(self, label: Label, i: int, label_grams: frozenset[str] | None = None) -> float:
        """How well ``label`` reads as template row ``i`` (0..~1.1)."""
        target = self.labels[i]
        if label.core == target.core:
            s = 1.0
        else:
            s = dice(grams(label.core) if label_grams is None else label_grams, self.grams[i])
        if label.numbering and target.numbering:
            if label.numbering == target.numbering:
                s += 0.05 if label.numeral == target.numeral else 0.02
            else:
                s -= 0.05
        if label.qizhong and target.qizhong:
            s += 0.03
        return s


_CACHE: dict[int, TemplateLabels] = {}


def template_labels(template: Template) -> TemplateLabels:
    found = _CACHE.get(id(template))
    if found is None or found.template is not template:
        found = _CACHE[id(template)] = TemplateLabels(template)
    return found
