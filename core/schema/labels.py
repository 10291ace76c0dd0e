"""Short forms of official labels, for messages an auditor reads at a glance."""

from __future__ import annotations

import re

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]\s*|其中[：:])+")
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def short_label(label: str) -> str:
    """"（二）申请办结数" -> "申请办结数"; drops numbering and a trailing note in brackets."""
    text = _NUMBERING.sub("", label.strip())
    text = _NOTE.sub("", text)
    return text or label
