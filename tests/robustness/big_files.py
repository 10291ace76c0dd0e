"""Big inputs built on the spot: a DOCX tens of MB large, a text file of many MB.

Both are built from a seed report, so they are real reports made long, not noise.
"""

from __future__ import annotations

import random
import sys
import zipfile
import zlib
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
sys.path.insert(0, str(FIXTURES))
import make_formats  # noqa: E402

# Linux keeps a process's ru_maxrss across exec, so a child forked from a big pytest
# process would report the parent's peak: VmHWM belongs to the child's own memory.
PEAK = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource, sys
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
"""

_RUN = (
    '<w:r w:rsidR="00A1B2C3"><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t>{}</w:t></w:r>'
)
_PARAGRAPH = '<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/></w:pPr>{}</w:p>'


def big_docx(out: Path, megabytes: float = 35, *, xml_megabytes: float | None = None) -> Path:
    """A valid DOCX of about ``megabytes`` MB: a seed's document with pages of extra text.

    Written as Word writes it (a run per phrase, each with its fonts and size), so the
    XML is several times the text; every declared size stays inside the zip limits
    (total, ratio, entries): only its text is far too long. The phrases are random
    Chinese characters, which compress about as badly as real prose, so the file really
    is that big. With ``xml_megabytes`` the document part has that size instead.
    """
    base = make_formats.make_docx(SEEDS[2], out.with_name("base.docx"))
    rnd = random.Random(5)
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA6)]
    paragraphs = []
    for _ in range(2000):
        runs = "".join(_RUN.format("".join(rnd.choices(alphabet, k=30))) for _ in range(3))
        paragraphs.append(_PARAGRAPH.format(runs))
    block = "".join(paragraphs).encode()
    packed = len(zlib.compress(block, 1))
    with zipfile.ZipFile(base) as src:
        doc = src.read("word/document.xml")
        head, tail = doc.split(b"<w:body>")[0] + b"<w:body>", b"<w:sectPr" + doc.split(b"<w:sectPr", 1)[1]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
            for info in src.infolist():
                if info.filename != "word/document.xml":
                    dst.writestr(info, src.read(info))
            with dst.open("word/document.xml", "w", force_zip64=True) as handle:
                handle.write(head)
                copies = int(megabytes * 2**20 / packed) + 1
                if xml_megabytes is not None:
                    copies = int((xml_megabytes * 2**20 - len(head) - len(tail)) / len(block))
                for _ in range(copies):
                    handle.write(block)
                handle.write(tail)
    return out


def big_text(out: Path, megabytes: float) -> Path:
    """A seed report repeated to ``megabytes`` MB of UTF-8."""
    seed = SEEDS[4].read_text(encoding="utf-8") + "\n"
    copies = int(megabytes * 2**20 / len(seed.encode())) + 1
    out.write_text(seed * copies, encoding="utf-8")
    return out


def long_report(out: Path, chars: int) -> Path:
    """A seed report repeated to ``chars`` characters (a report at or near the text limit)."""
    seed = SEEDS[4].read_text(encoding="utf-8") + "\n"
    out.write_text((seed * (chars // len(seed) + 1))[:chars], encoding="utf-8")
    return out
