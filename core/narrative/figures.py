"""Find the numeric figures a report's prose states, with exact spans and ranges.

A figure is a count, an amount or a percentage as the report words it: "12 件",
"1,200条", "１２条", "两次", "一百二十条", "1千余条", "20 余件", "300多条", "近43%",
"约100人", "600人次以上". Approximate wordings state a *range*; the bounds chosen are:

- ``N余`` / ``N多``: strictly more than N, less than N plus one step of N's last
  significant digit: 20余 -> [21, 29], 1千余 -> [1001, 1999], 300多 -> [301, 399],
  7980多 -> [7981, 7989]. When N has no trailing zero (13余, rare) the range is taken
  as [N+1, N+9].
- ``近N`` ("nearly"): below N, but not by more than a quarter: 近20 -> [15, 19];
  for a percentage or a decimal the upper bound is N itself (近43% -> [32.25, 43]).
- ``约N`` / ``N左右``: N within 10 % either way, widened to whole units: 约100 -> [90, 110].
- ``N以上`` / ``不低于N`` / ``不少于N`` / ``至少N``: [N, ∞); ``超过N`` / ``逾N``: (N, ∞).
  ∞ is ``Decimal("Infinity")``, which compares and sums correctly.
- ``N以下`` -> [0, N]; ``不到N`` / ``不足N`` -> [0, N) .

``Figure.text`` is exactly ``text[span]``: the report's own wording, prefix and suffix
included ("近43%", "20 余", "两"); the counting unit follows the span and is kept in
``Figure.unit`` (a percentage keeps its "%" inside the span).

Pure noise is never returned: years, dates, times of day, phone numbers, postcodes,
document numbers (〔2018〕102号), house numbers, URLs and e-mail addresses, ordinals
(第3), section and figure markers (1、 (2) 图 1), serial numbers, numbers inside titles
(《…》) or short quoted slogans (“五公开”), and service numbers (12345, 110).

Pure standard library: the GUI imports this at start-up.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from core.narrative.model import Figure

INFINITY = Decimal("Infinity")

# Longest first: the regex alternation takes the first that matches.
UNITS: tuple[str, ...] = (
    "人次", "万元", "亿元", "小时", "批次",
    "条", "件", "次", "篇", "个", "人", "名", "元", "项", "家", "批", "期", "份",
    "位", "部", "场", "起", "处", "天", "年", "周", "类", "户", "面", "则", "封", "台",
)
# A Chinese-numeral figure needs one of these after it: alone, 一/二/三 are words
# (一是, 统一, 五公开), not figures.
_CN_COUNT_UNITS = frozenset(u for u in UNITS if u not in {"年", "周", "类", "面", "天", "小时"})

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIERS = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

_UNIT_ALT = "|".join(map(re.escape, UNITS))
_CN_NEXT = r"[ \t]*(?:余|多)?[ \t]*(?:" + "|".join(sorted(_CN_COUNT_UNITS, key=lambda u: (-len(u), u))) + ")"
_FIGURE_RE = re.compile(
    rf"""
    (?=[将接近大约超逾不至0-9０-９零〇一二两三四五六七八九十百千万亿])  # fail fast on other text
    (?:(?P<pre>将近|接近|近|大约|约|超过|逾|不到|不足|不低于|不少于|至少)[ \t\u3000]*)?
    (?P<num>
        (?<![0-9A-Za-z.·/\-])  # not the tail of an identifier, a date or a decimal
        (?!(?:19|20)[0-9]{{2}}[ \t]*年(?!内|间|来))  # a year
        (?![0-9]+[ \t]*(?:月|日|号|楼|室)) # dates, document and house numbers
        [0-9０-９]+(?:,[0-9]{{3}}(?![0-9]))*(?:[.．][0-9０-９]+)?
      | [零〇一二两三四五六七八九十百千万亿]+(?={_CN_NEXT})  # a Chinese numeral only before a unit
    )
    (?:[ \t\u3000]*(?P<approx1>余|多))?
    (?:[ \t\u3000]*(?P<mult>[千万亿])(?!元))?
    (?:[ \t\u3000]*(?P<approx2>余|多))?
    (?:[ \t\u3000]*(?P<pct>[%％]))?
    (?:[ \t\u3000]*(?P<post>以上|以下|左右))?
    (?:[ \t\u3000]*(?P<unit>{_UNIT_ALT}))?
    (?:[ \t\u3000]*(?P<post2>以上|以下|左右))?
    """,
    re.VERBOSE,
)

# Stretches of text whose digits are never figures. Each pattern starts with a literal
# so that scanning a whole report stays well under a millisecond; dates, event names
# (7·22) and identifiers (FM90.5) are caught by the neighbour tests in ``_is_noise``.
_MASKS = tuple(re.compile(p) for p in (
    r"https?://[^\s)）\]】>，。；]+",
    r"www\.[A-Za-z0-9.\-/_%?=&]+",
    r"0\d{2,3}[ \t]*[-—－–][ \t]*\d{7,8}",  # 0951-5556502, 0951—2078503
    r"\(0\d{2,3}\)[ \t]*\d{7,8}",
    r"（0\d{2,3}）[ \t]*\d{7,8}",
    r"邮[编政编码]*[ \t]*[:：]?[ \t]*\d{6}",
    r"《[^《》\n]{0,80}》",  # titles: 《…2018年政务公开工作要点…》
    r"“[^“”\n]{0,12}”",  # short quoted names and slogans: “五公开”, “521”
    r"〔[^〔〕\n]{0,8}〕",
    r"\[[0-9 ]{4,6}\]",
    r"【[^【】\n]{0,8}】",
))
_EMAIL_PART = re.compile(r"[A-Za-z0-9._\-]+")

_MONEY = frozenset({"万元", "亿元", "元"})
_SERVICE_NUMBERS = frozenset({"110", "119", "120", "122", "12345", "12315", "12369", "12388", "12366", "12333"})
_NOISE_AFTER = re.compile(r"[ \t]*(?:月|日|号|楼|室|时(?!间)|点|分钟|:|：\d|-\d|—\d|/\d|·)")
_NOISE_BEFORE_ORDINAL = re.compile(r"(?:第|图|表|附件|附表|No\.?|NO\.?)[ \t]*$")
_SESSION_AFTER = re.compile(r"[ \t]*(?:全会|党代会|全体会议|会议精神)")


def parse_chinese_numeral(text: str) -> int | None:
    """两 -> 2, 十二 -> 12, 三十 -> 30, 一百二十 -> 120, 两万三千 -> 23000; None if not a numeral."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_SMALL and c not in _CN_BIG for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[c]  # 十二: a leading 十 is 1x10
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _CN_BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def _trailing_zeros(value: Decimal) -> int:
    if value != value.to_integral_value() or value == 0:
        return 0
    n, zeros = int(value), 0
    while n % 10 == 0:
        n //= 10
        zeros += 1
    return zeros


def _range(value: Decimal, approx: bool, pre: str | None, post: str | None, whole: bool) -> tuple[Decimal, Decimal]:
    """The [low, high] a wording admits (see the module docstring)."""
    one = Decimal(1) if whole else Decimal(0)
    low, high = value, value
    if approx:  # 余/多
        zeros = _trailing_zeros(value)
        step = Decimal(10) ** zeros if zeros else Decimal(10)
        low, high = value + 1, value + step - 1
    if pre in {"近", "将近", "接近"}:
        low = (value * Decimal("0.75")).to_integral_value(ROUND_FLOOR) if whole else value * Decimal("0.75")
        high = value - one if whole else value
    elif pre in {"约", "大约"} or post == "左右":
        low = (value * Decimal("0.9")).to_integral_value(ROUND_FLOOR)
        high = (value * Decimal("1.1")).to_integral_value(ROUND_CEILING)
    elif pre in {"超过", "逾"}:
        low, high = low + one, INFINITY
    elif pre in {"不低于", "不少于", "至少"} or post == "以上":
        high = INFINITY
    elif pre in {"不到", "不足"}:
        low, high = Decimal(0), value - one
    elif post == "以下":
        low = Decimal(0)
    return low, max(low, high)  # "不到0", "近1": never an empty range


def _masked(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of ``text[start:end]`` whose digits are never figures."""
    spans = [m.span() for rx in _MASKS for m in rx.finditer(text, start, end)]
    at = text.find("@", start, end)
    while at != -1:  # e-mail addresses: expand around each @
        left = at
        while left > start and (text[left - 1].isascii() and (text[left - 1].isalnum() or text[left - 1] in "._-")):
            left -= 1
        right = _EMAIL_PART.match(text, at + 1)
        spans.append((left, right.end() if right else at + 1))
        at = text.find("@", at + 1, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _arabic_noise(text: str, start: int, num_end: int, end: int, num: str, value: Decimal,
                  unit: str | None, pct: str | None, pre: str | None) -> bool:
    """Whether an Arabic-digit number is an identifier, a date part, a marker … (not a figure)."""
    if pre is None and _NOISE_BEFORE_ORDINAL.search(text, max(0, start - 6), start):
        return True  # 第3, 图 1
    if start > 0:
        before = text[start - 1]
        if before in "·.-/" or (before.isascii() and before.isalnum()):
            return True  # part of an identifier or a date
    if unit is None and pct is None:
        if _NOISE_AFTER.match(text, num_end):
            return True
        after = text[num_end:num_end + 2]
        if after[:1] in {"、", ".", "．"} and not after[1:2].isdigit():
            return True  # 1、 2. section markers
        if num in _SERVICE_NUMBERS:
            return True
        if "." not in num and len(num) >= 7:
            return True  # serial and index numbers
        if len(num) == 4 and "." not in num and 1900 <= value <= 2099:
            return True  # a year without 年 ("2019 政务公开工作要点")
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip(" \t\u3000#*>-+|"):
            return True  # "1 依托政府网站": a list marker at the start of a line
        if start > 0 and text[start - 1] in "（(" and text[num_end:num_end + 1] in "）)":
            return True  # (1)
        return False
    if unit == "年" or unit == "周":
        if unit == "年" and len(num) == 4 and "." not in num and 1900 <= value <= 2099:
            return True  # ２０１８年 (full-width years escape the regex's own test)
        if pre is None and text[end:end + 1] in "度初底末中":
            return True  # 年度, 年底
    return False


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]`` in reading order, noise left out."""
    end = len(text) if end is None else end
    masks = _masked(text, start, end)
    masks.append((end + 1, end + 1))  # a sentinel: the pointer below never runs off the list
    mi = 0
    found: list[Figure] = []
    for m in _FIGURE_RE.finditer(text, start, end):
        pre, num, approx1, mult, approx2, pct, post, unit, post2 = m.groups()
        num_start, num_end = m.span("num")
        while masks[mi][1] <= num_start:  # figures come in order: walk the masks along
            mi += 1
        masked = masks[mi][0] <= num_start
        cn = not ("0" <= num[0] <= "9" or num[0] in "０１２３４５６７８９")
        if cn:
            if unit not in _CN_COUNT_UNITS or _SESSION_AFTER.match(text, m.end()):
                continue  # 一是, 统一, 十九大, 五次全会: words, not figures
            if pre is None and "第" in text[max(0, num_start - 2):num_start]:
                continue  # 第十二次
            parsed = parse_chinese_numeral(num)
            if parsed is None:
                continue
            value = Decimal(parsed)
            if masked:
                continue
        else:
            if masked:
                continue
            num = num.translate(_FULL_WIDTH).replace(",", "")
            value = Decimal(num)
            if _arabic_noise(text, num_start, num_end, m.end(), num, value, unit, pct, pre):
                continue
        if mult:
            value *= _MULTIPLIERS[mult]
        if pct:
            unit = "%"
        whole = unit != "%" and unit not in _MONEY and value == value.to_integral_value()
        low, high = _range(value, bool(approx1 or approx2), pre, post or post2, whole)
        # The span covers the wording of the number, not the counting unit after it
        # (except a percent sign, which belongs to the figure, and a trailing 以上).
        last = ("post2" if post2 and not post else "post" if post else "pct" if pct else "approx2" if approx2
                else "mult" if mult else "approx1" if approx1 else "num")
        span_end = m.end(last)
        span_start = m.start("pre") if pre else num_start
        found.append(Figure(text=text[span_start:span_end], span=(span_start, span_end),
                            low=low, high=high, unit=unit))
    return found


def unit_end(text: str, figure: Figure) -> int:
    """Where the figure's wording including its unit ends ("1457 条" -> after 条)."""
    pos = figure.span[1]
    if figure.unit and figure.unit != "%" and figure.unit not in figure.text:
        probe = pos
        while probe < len(text) and text[probe] in " \t\u3000":
            probe += 1
        if text.startswith(figure.unit, probe):
            return probe + len(figure.unit)
    return pos
