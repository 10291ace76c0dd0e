"""Turn the bytes of a Chinese text file into text, telling which encoding it was.

Order matters: a byte-order mark is certain; strict UTF-8 almost never accepts GBK text
by accident; a UTF-16 file without a mark shows itself by NUL bytes on one side of each
pair (every ASCII digit, space and newline); GB18030 (a superset of GBK and GB2312)
is the usual legacy encoding of Chinese office files. Anything that decodes only into
control characters and rare symbols is binary, not text -- but a few stray controls in
otherwise good text (NULs and the like, common in text pasted from a PDF) are no reason
to refuse a report: ``drop_stray_controls`` removes them and the reader says so.
"""

from __future__ import annotations

import codecs
import re

from core.errors import CorruptDocumentError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8-BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)

# The encoding name reported when a few undecodable bytes were replaced by U+FFFD.
LENIENT_UTF8 = "UTF-8（含少量无法解码的字节）"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Characters a Chinese report plausibly contains: ASCII text and the usual whitespace
# controls, CJK ideographs and punctuation, full-width forms, general punctuation,
# Latin-1 and Latin Extended-A, number forms to dingbats (circled numbers, arrows, box
# drawing), CJK Extension A, vertical forms, Greek and Cyrillic.
_IMPLAUSIBLE = re.compile(
    "[^\t\n\v\f\r\x20-\x7e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    "\u00a0-\u017f\u2150-\u27bf\u3400-\u4dbf\ufe30-\ufe4f\u0370-\u04ff]"
)
# Unicode's "Cc" controls other than tab, newlines, vertical tab and form feed.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# Text with at most one stray control in this many characters is text that picked some up;
# binary data decodes to far more (compressed data: about one byte in eight).
_STRAY_PER_CHARS = 50


def _plausibility(text: str) -> float:
    """Share of characters that a Chinese report plausibly contains (0..1)."""
    if not text:
        return 1.0
    sample = text[:200_000]  # enough to judge; keeps a large file fast
    return 1 - len(_IMPLAUSIBLE.findall(sample)) / len(sample)


def _has_binary_controls(text: str) -> bool:
    sample = text[:200_000]
    return len(_BINARY_CONTROLS.findall(sample)) > max(2, len(sample) // 1000)


def _text_with_strays(text: str) -> bool:
    """Good text, perhaps with a few stray controls (they are dropped later)."""
    sample = text[:200_000]
    strays = len(_BINARY_CONTROLS.findall(sample))
    return strays <= max(2, len(sample) // _STRAY_PER_CHARS) and _plausibility(_BINARY_CONTROLS.sub("", sample)) > 0.85


def drop_stray_controls(text: str) -> tuple[str, int]:
    """The text without control characters other than tab, newlines and form feeds; and how many."""
    cleaned, count = _BINARY_CONTROLS.subn("", text)
    return cleaned, count


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess LE/BE from where the NUL bytes sit; None when the pattern is not there."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd >= pairs * 0.05 and even <= odd * 0.3:
        return "utf-16-le"
    if even >= pairs * 0.05 and odd <= even * 0.3:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_with_cut_tail(data: bytes) -> str | None:
    """UTF-8 whose last character was cut off (a truncated download)."""
    for cut in (1, 2, 3):
        if len(data) > cut:
            text = _strict(data[:-cut], "utf-8")
            if text is not None:
                return text
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) with newlines as ``\\n`` and no BOM, or raise."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                text = data[len(bom) :].decode(codec, errors="replace")
                if text.count("\ufffd") > max(3, len(text) // 100):
                    raise CorruptDocumentError(f"文件以 {name} 标记开头，但内容无法按 {name} 解码，文件可能已损坏")
            return normalise_newlines(text), name

    codec16 = _utf16_without_bom(data)
    if codec16 is not None:
        text = _strict(data, codec16)
        if text is not None and _plausibility(text) > 0.9 and not _has_binary_controls(text):
            return normalise_newlines(text), codec16.upper().replace("UTF-16-", "UTF-16")

    utf8 = _strict(data, "utf-8")
    text = utf8 if utf8 is not None else _utf8_with_cut_tail(data)
    if text is not None and _text_with_strays(text):
        return normalise_newlines(text), "UTF-8"
    # A UTF-8 file with a stray bad byte would otherwise decode "successfully" as GB18030
    # mojibake; a handful of bad bytes in otherwise valid UTF-8 is still UTF-8.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(1, len(lenient) // 2000) and _text_with_strays(lenient):
        return normalise_newlines(lenient), LENIENT_UTF8
    text = _strict(data, "gb18030")
    if text is not None and _text_with_strays(text):
        return normalise_newlines(text), "GB18030"

    if b"\x00" not in data[:65536]:
        guessed = _charset_normalizer_guess(data)
        if guessed is not None:
            return guessed

    raise CorruptDocumentError("无法识别该文件的文字编码，它可能不是文本文件或已损坏")


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """Last resort for other legacy encodings (Big5 ...); slow, so only for small files."""
    if len(data) > 2_000_000:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:500_000]).best()
    if best is None:
        return None
    text = _strict(data, best.encoding)
    if text is None or _has_binary_controls(text) or _plausibility(text) < 0.85:
        return None
    return normalise_newlines(text), best.encoding.upper()
