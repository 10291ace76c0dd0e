"""Word's automatic list numbers ("一、", "（二）", "3.") rendered as text.

Word keeps automatic numbers out of the paragraph text: a heading typed as "总体情况"
with chineseCounting numbering shows "一、总体情况" on screen. Reports use it for their
section headings and sometimes for table labels, so the reader has to print it. Counters
advance in document order; a level restarts when a shallower level advances.
Bullets are decoration and are left out.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PPR = _W + "pPr"
_NUM_ID = f"{_W}numPr/{_W}numId"
_ILVL = f"{_W}numPr/{_W}ilvl"
_PSTYLE = _W + "pStyle"

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)  # decimal and anything unusual


def _val(el: Any, path: str) -> str | None:
    node = el.find(path)
    return None if node is None else node.get(_W + "val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class Numbering:
    """Computes the visible list number of each paragraph, called in document order."""

    def __init__(self, numbering_xml: Any | None, styles_xml: Any | None) -> None:
        self._levels: dict[str, dict[int, Any]] = {}  # numId -> ilvl -> w:lvl
        self._starts: dict[tuple[str, int], int] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_parent: dict[str, str] = {}
        if numbering_xml is not None:
            self._load_numbering(numbering_xml)
        if styles_xml is not None:
            for style in styles_xml.iter(_W + "style"):
                sid = style.get(_W + "styleId")
                if not sid:
                    continue
                num_id = _val(style, f"{_W}pPr/{_W}numPr/{_W}numId")
                ilvl = _val(style, f"{_W}pPr/{_W}numPr/{_W}ilvl")
                if num_id is not None:
                    self._style_num[sid] = (num_id, _int(ilvl, 0) if ilvl is not None else None)
                parent = _val(style, f"{_W}basedOn")
                if parent:
                    self._style_parent[sid] = parent

    def _load_numbering(self, root: Any) -> None:
        abstract: dict[str, dict[int, Any]] = {}
        for node in root.iter(_W + "abstractNum"):
            levels = {_int(lvl.get(_W + "ilvl"), 0): lvl for lvl in node.iter(_W + "lvl")}
            abstract[node.get(_W + "abstractNumId") or ""] = levels
        for num in root.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            levels = dict(abstract.get(_val(num, f"{_W}abstractNumId") or "", {}))
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                replaced = override.find(_W + "lvl")
                if replaced is not None:
                    levels[ilvl] = replaced
                start = _val(override, f"{_W}startOverride")
                if start is not None:
                    self._starts[(num_id, ilvl)] = _int(start, 1)
            self._levels[num_id] = levels

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = 0
        while style_id and seen < 10:  # basedOn chains are short; a cycle must not hang
            if style_id in self._style_num:
                return self._style_num[style_id]
            style_id = self._style_parent.get(style_id)
            seen += 1
        return None, None

    def prefix(self, p: Any) -> str:
        """The number Word shows before paragraph ``p`` ("" when none); advances counters."""
        if not self._levels:
            return ""  # most reports: no list definitions at all
        ppr = p.find(_PPR)
        if ppr is None:
            return ""
        num_id = _val(ppr, _NUM_ID)
        ilvl_text = _val(ppr, _ILVL)
        if num_id is None:
            num_id, style_ilvl = self._style_numbering(_val(ppr, _PSTYLE))
            if ilvl_text is None and style_ilvl is not None:
                ilvl_text = str(style_ilvl)
        if num_id is None or num_id == "0" or num_id not in self._levels:
            return ""
        ilvl = min(max(_int(ilvl_text, 0), 0), 8)
        levels = self._levels[num_id]
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self._counters.setdefault(num_id, {})
        start = self._starts.get((num_id, ilvl), _int(_val(lvl, f"{_W}start"), 1))
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt = _val(lvl, f"{_W}numFmt") or "decimal"
        if fmt in ("bullet", "none"):
            return ""
        text = _val(lvl, f"{_W}lvlText") or ""
        legal = lvl.find(_W + "isLgl") is not None
        for k in range(9):
            marker = f"%{k + 1}"
            if marker in text:
                level = levels.get(k)
                value = counters.get(k, self._starts.get((num_id, k), _int(_val(level, f"{_W}start"), 1) if level is not None else 1))
                level_fmt = "decimal" if legal and k != ilvl else (_val(level, f"{_W}numFmt") if level is not None else None) or "decimal"
                text = text.replace(marker, format_number(value, level_fmt))
        suffix = _val(lvl, f"{_W}suff") or "tab"
        if suffix == "nothing" or not text:
            return text
        if suffix == "space" or (text[-1:].isascii() and text[-1:] not in ")"):
            return text + " "
        return text  # a tab after "一、" or "（一）" reads as nothing in running text
