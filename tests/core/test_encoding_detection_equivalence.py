"""The encoding checks' character classes say what their plain definitions say."""

from __future__ import annotations

import random
import unicodedata

from core.document.encoding import _has_binary_controls, _plausibility

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_PLAUSIBLE_RANGES = [(0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2000, 0x206F), (0xA0, 0x17F),
                     (0x2150, 0x27BF), (0x3400, 0x4DBF), (0xFE30, 0xFE4F), (0x0370, 0x04FF), (0x20, 0x7E)]


def _plausibility_by_definition(text: str) -> float:
    sample = text[:200_000]
    good = sum(1 for ch in sample if ch in _ALLOWED_CONTROLS or any(lo <= ord(ch) <= hi for lo, hi in _PLAUSIBLE_RANGES))
    return good / len(sample)


def _binary_by_definition(text: str) -> bool:
    sample = text[:200_000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return bad > max(2, len(sample) // 1000)


def test_class_based_checks_match_their_definitions() -> None:
    rng = random.Random(7)
    edges = [lo for lo, _ in _PLAUSIBLE_RANGES] + [hi for _, hi in _PLAUSIBLE_RANGES]
    edges += [e - 1 for e in edges] + [e + 1 for e in edges] + list(range(0, 0x40)) + list(range(0x7E, 0xA2))
    alphabet = [chr(c) for c in edges if 0 <= c < 0x110000 and not 0xD800 <= c <= 0xDFFF]
    alphabet += list("政府信息公开年度报告，。、（）１２３ＡＢ") + ["\U00020000", "\uac00", "\u0e01"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        assert abs(_plausibility(text) - _plausibility_by_definition(text)) < 1e-12, text
        assert _has_binary_controls(text) == _binary_by_definition(text), text
    controls = "".join(chr(c) for c in range(0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
    for ch in controls:
        assert _has_binary_controls(ch * 10) == _binary_by_definition(ch * 10), hex(ord(ch))
