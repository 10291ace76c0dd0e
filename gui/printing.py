"""文件 → 打印 / 导出 PDF: the open report's findings list on A4, grouped by cause.

The list is laid out as HTML in a QTextDocument, which paginates itself onto the
printer (a real one through the print dialog, or a PDF file). QtPrintSupport is imported
here and this module only when the auditor prints.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from core.session import DISPOSITION_LABELS, OPEN, AuditSession
from gui.models.finding_groups import group_findings
from gui.models.formatting import SEVERITY_TEXT
from gui.session_controller import SessionController
from gui.views.report_header import TEMPLATE_NAMES, summarize


def findings_html(session: AuditSession, title: str, reviewer: str = "", unit: str = "") -> str:
    result = session.result
    summary = summarize(session)
    template = TEMPLATE_NAMES.get(result.template_id or "", "未识别统计表")
    meta = [
        ("报告", title), ("报送单位", result.agency or "未识别"), ("年度", str(result.year or "未识别")),
        ("模板", template), ("审核人", reviewer or session.user), ("审核单位", unit or "（未填写）"),
        ("打印时间", datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    parts = [
        "<html><body style='font-size:10pt'>",
        f"<h2 align='center'>问题清单</h2><p align='center'>{escape(title)}</p>",
        "<table cellspacing='0' cellpadding='2'>",
        *[f"<tr><td style='color:#555'>{k}：</td><td>{escape(v)}</td></tr>" for k, v in meta],
        "</table>",
        f"<p><b>{escape(summary.verdict)}</b><br>{escape(summary.checked)}</p>",
    ]
    findings = session.findings
    if not findings:
        parts.append("<p>未发现问题。</p></body></html>")
        return "".join(parts)
    parts.append(
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>"
        "<thead><tr style='background:#e9edf2'><th width='5%'>序号</th><th width='9%'>级别</th>"
        "<th>说明</th><th width='12%'>处置</th><th width='22%'>备注</th></tr></thead>"
    )
    template_def = session.table.template if session.table is not None else None
    n = 0
    for group in group_findings(findings, template_def):
        if len(group.findings) > 1:
            parts.append(
                f"<tr style='background:#f3f5f8'><td colspan='5'><b>{escape(group.cause.label)}</b>"
                f"（{len(group.findings)} 个）</td></tr>"
            )
        for finding in group.findings:
            n += 1
            disposition = session.disposition(finding.key)
            status = "待处理" if disposition.status == OPEN else DISPOSITION_LABELS[disposition.status]
            parts.append(
                f"<tr><td align='center'>{n}</td><td>{escape(SEVERITY_TEXT[finding.severity])}</td>"
                f"<td>{escape(finding.message)}</td><td>{status}</td><td>{escape(disposition.note)}</td></tr>"
            )
    parts.append("</table></body></html>")
    return "".join(parts)


def _document(ctl: SessionController, unit: str) -> QTextDocument:
    assert ctl.session is not None
    doc = QTextDocument()
    font = QFont()
    font.setPointSize(10)
    doc.setDefaultFont(font)
    doc.setHtml(findings_html(ctl.session, ctl.title, ctl.session.user, unit))
    return doc


def _a4(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                    QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    )


def write_pdf(ctl: SessionController, path: str | Path, unit: str = "") -> Path:
    """The findings list as an A4 PDF at ``path``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _a4(printer)
    _document(ctl, unit).print_(printer)
    return Path(path)


def print_findings(parent: QWidget, ctl: SessionController, unit: str = "") -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印问题清单")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _document(ctl, unit).print_(printer)
    return True


def export_pdf(parent: QWidget, ctl: SessionController, folder: str = "", unit: str = "") -> Path | None:
    default = Path(ctl.path).with_suffix("").name + "_问题清单.pdf"
    start = Path(folder) / default if folder and Path(folder).is_dir() else Path(ctl.path).with_name(default)
    path, _ = QFileDialog.getSaveFileName(parent, "问题清单导出 PDF", str(start), "PDF 文件 (*.pdf)")
    if not path:
        return None
    written = write_pdf(ctl, path, unit)
    if not written.exists():
        from gui.dialogs import messages

        messages.show_error(parent, "导出失败", f"无法写入“{path}”，请检查文件夹权限或文件是否正被打开")
        return None
    return written
