"""A small streaming XLSX writer for big, plain sheets (the folder summary).

Why not openpyxl here: its write-only mode still builds a cell object per value and
spent ~17 s on the ~600,000 cells of a 1,000-report summary (issue 4 allows 30 s for
the whole folder run). This writer streams each row's XML straight into the zip entry
(flat memory) at well under a microsecond per cell, and keeps to the plain subset
Excel, WPS, LibreOffice, openpyxl and pandas all read: shared strings, numbers, one
header style, column widths, frozen panes, an auto-filter, A4 fit-to-width print setup.

Strings go through ``sanitize``: a report's "=HYPERLINK(...)" is stored as a shared
string with the quotePrefix style, never as a formula.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from core.export.sanitize import clean_text, needs_text_guard

_STYLE_HEADER, _STYLE_GUARDED = 1, 2
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


_COLS = [_col_letters(i) for i in range(1, 101)]


def _esc(text: str) -> str:
    return text.translate(_ESCAPES)


def _attr(text: str) -> str:
    return text.translate(_ATTR_ESCAPES)


class SheetStream:
    """One worksheet being written row by row; obtained from ``XlsxStream.sheet``."""

    def __init__(self, book: XlsxStream, fh: IO[bytes], columns: int) -> None:
        self._book = book
        self._fh = fh
        self._columns = columns
        self.rows = 0
        self._buffer: list[str] = []

    def append(self, values: Sequence[Any], *, header: bool = False) -> None:
        self.rows += 1
        r = self.rows
        parts = [f'<row r="{r}">']
        text_cell = self._book._text_cell
        for i, value in enumerate(values):
            if value is None:
                continue
            ref = f"{_COLS[i]}{r}"
            if isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float, Decimal)):
                parts.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif header:
                parts.append(f'<c r="{ref}" s="{_STYLE_HEADER}" t="s"><v>{self._book._intern(str(value))}</v></c>')
            else:
                parts.append(f'<c r="{ref}"{text_cell(str(value))}</c>')
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= 512:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._fh.write("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()


class XlsxStream:
    """Write sheets one after another, then ``close()`` adds strings, styles and the book."""

    def __init__(self, path: str) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5)
        self._strings: dict[str, int] = {}
        self._tails: dict[str, str] = {}
        self._sheets: list[list[Any]] = []  # [name, printed columns or None for all, rows]
        self._open: tuple[SheetStream, IO[bytes], dict[str, Any]] | None = None

    def _text_cell(self, raw: str) -> str:
        """The tail of a string cell's XML (style, type, shared-string index), cached per raw text.

        A summary repeats the same labels, ids and statuses thousands of times: cleaning
        and guarding each distinct string once keeps the writer fast.
        """
        tail = self._tails.get(raw)
        if tail is None:
            text = clean_text(raw)
            style = f' s="{_STYLE_GUARDED}"' if needs_text_guard(text) else ""
            tail = self._tails[raw] = f'{style} t="s"><v>{self._intern(text)}</v>'
        return tail

    def _intern(self, text: str) -> int:
        index = self._strings.get(text)
        if index is None:
            index = self._strings[text] = len(self._strings)
        return index

    def sheet(
        self,
        name: str,
        headers: Sequence[str],
        widths: Sequence[float],
        *,
        freeze: str = "B2",
        title: str = "",
        landscape: bool = True,
        print_columns: int | None = None,
    ) -> SheetStream:
        """Start a sheet; ``print_columns``: print only the first N columns (ids, hashes are for screens)."""
        self._end_sheet()
        number = len(self._sheets) + 1
        self._sheets.append([name, print_columns, 1])
        fh = self._zip.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True)
        col_xml = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
        )
        letters = "".join(ch for ch in freeze if ch.isalpha())
        x_split = _COLS.index(letters)  # "B2": one frozen column, one frozen row
        y_split = int(freeze[len(letters):]) - 1
        pane_attrs = (f' xSplit="{x_split}"' if x_split else "") + (f' ySplit="{y_split}"' if y_split else "")
        active = "bottomRight" if x_split and y_split else "bottomLeft" if y_split else "topRight"
        fh.write(
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
                f'<sheetViews><sheetView workbookViewId="0"><pane{pane_attrs} topLeftCell="{freeze}" '
                f'activePane="{active}" state="frozen"/><selection pane="{active}" activeCell="{freeze}" '
                f'sqref="{freeze}"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="13.5"/>'
                f"<cols>{col_xml}</cols><sheetData>"
            ).encode()
        )
        stream = SheetStream(self, fh, len(headers))
        stream.append(headers, header=True)
        self._open = (stream, fh, {"title": title, "landscape": landscape, "columns": len(headers)})
        return stream

    def _end_sheet(self) -> None:
        if self._open is None:
            return
        stream, fh, opts = self._open
        stream._flush()
        last = max(1, stream.rows)
        self._sheets[-1][2] = last
        from core.export.layout import header_footer_text

        orientation = "landscape" if opts["landscape"] else "portrait"
        fh.write(
            (
                "</sheetData>"
                f'<autoFilter ref="A1:{_COLS[opts["columns"] - 1]}{last}"/>'
                '<printOptions horizontalCentered="1"/>'
                '<pageMargins left="0.5" right="0.5" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>'
                f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
                f'<headerFooter><oddHeader>&amp;C&amp;9 {_esc(header_footer_text(opts["title"]))}</oddHeader>'
                "<oddFooter>&amp;C&amp;9第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
                "</worksheet>"
            ).encode()
        )
        fh.close()
        self._open = None

    def close(self) -> None:
        from core.export.layout import FONT_NAME, FONT_SIZE

        self._end_sheet()
        z = self._zip
        n = len(self._sheets)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    f'count="{len(self._strings)}" uniqueCount="{len(self._strings)}">'
                ).encode()
            )
            batch: list[str] = []
            for text in self._strings:  # dicts keep insertion order = index order
                space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
                batch.append(f"<si><t{space}>{_esc(text)}</t></si>")
                if len(batch) >= 2048:
                    fh.write("".join(batch).encode("utf-8"))
                    batch.clear()
            fh.write(("".join(batch) + "</sst>").encode("utf-8"))
        font = f'<name val="{_attr(FONT_NAME)}"/><family val="3"/><charset val="134"/>'
        z.writestr(
            "xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<fonts count="2"><font><sz val="{FONT_SIZE}"/>{font}</font>'
            f'<font><b/><sz val="{FONT_SIZE}"/>{font}</font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>'
            "</fills>"
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
            'applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
            '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>'
            "</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>",
        )
        sheets = "".join(
            f'<sheet name="{_attr(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _, _) in enumerate(self._sheets, 1)
        )
        names = "".join(
            (
                f'<definedName name="_xlnm.Print_Area" localSheetId="{i}">'
                f"'{_esc(name)}'!$A$1:${_COLS[cols - 1]}${rows}</definedName>"
                if cols
                else ""
            )
            + f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">\'{_esc(name)}\'!$1:$1</definedName>'
            for i, (name, cols, rows) in enumerate(self._sheets)
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
            f"<definedNames>{names}</definedNames></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}"
            f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}"
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.close()

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._zip.close()
