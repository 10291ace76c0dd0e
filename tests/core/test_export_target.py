"""Export targets that cannot be written: clear Chinese message, nothing half-written, nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.audit import audit_file
from core.errors import ReportError
from core.export.excel import ExportError, export_workbook
from core.export.memo import export_memo
from core.session import AuditSession

ROOT = Path(__file__).parents[2]
SEED = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))[0]


@pytest.fixture(scope="module")
def session() -> AuditSession:
    return AuditSession(audit_file(SEED))


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_export_error_is_a_report_error() -> None:
    assert issubclass(ExportError, ReportError)


def test_parent_that_is_a_file(tmp_path: Path, session: AuditSession) -> None:
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    with pytest.raises(ExportError) as err:
        export_workbook(session, blocker / "导出.xlsx", overwrite=True)
    assert _has_cjk(str(err.value)) and "不是文件夹" in str(err.value)


def test_locked_target_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, session: AuditSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "审核表.xlsx"
    target.write_bytes(b"previous export")

    def locked(src: str, dst: str) -> None:  # what Windows does while Excel holds the file
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as err:
        export_workbook(session, target, overwrite=True)
    assert "打开" in str(err.value) and "审核表.xlsx" in str(err.value)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["审核表.xlsx"]


def test_failure_while_writing_leaves_no_half_file(
    tmp_path: Path, session: AuditSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl.workbook.workbook as wbmod

    def disk_full(self, filename):  # type: ignore[no-untyped-def]
        Path(filename).write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wbmod.Workbook, "save", disk_full)
    target = tmp_path / "新文件.xlsx"
    with pytest.raises(ExportError):
        export_workbook(session, target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder(tmp_path: Path, session: AuditSession) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as err:
            export_memo(session, folder / "审核意见.docx", reviewer="审核人")
        assert "不可写" in str(err.value) or "权限" in str(err.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_wrong_suffix_is_refused(tmp_path: Path, session: AuditSession) -> None:
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_workbook(session, tmp_path / "审核表.csv")


def test_written_file_is_readable_by_others(tmp_path: Path, session: AuditSession) -> None:
    out = export_workbook(session, tmp_path / "共享.xlsx")
    assert out.stat().st_mode & 0o044 == 0o044  # not the 0600 of a temp file
