"""Start-up, --screenshot, errors shown as Chinese dialogs, no thread or heavy import left over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gui_helpers import SEEDS
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from gui.crash import install_excepthook

pytestmark = pytest.mark.gui
ROOT = Path(__file__).parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "appdata"), PYTHONPATH=str(ROOT))


def test_screenshot_flag_writes_a_png_of_the_window(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    report = tmp_path / SEEDS[4].name
    report.write_bytes(SEEDS[4].read_bytes())
    run = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(out), str(report)],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    image = QImage(str(out))
    assert not image.isNull() and (image.width(), image.height()) == (1366, 768)
    assert not report.with_name(report.name + ".review.json").exists()  # looking is not editing


def test_the_frame_is_painted_before_the_review_window_is_built(tmp_path: Path) -> None:
    """Start-up shows the window's frame first; the panels and the engine load after it."""
    import time

    trace = tmp_path / "trace.tsv"
    env = dict(_env(tmp_path), NIANBAO_STARTUP_TRACE=str(trace), NIANBAO_LAUNCH_TIME=repr(time.time()))
    run = subprocess.run([sys.executable, "main.py", "--screenshot", str(tmp_path / "shot.png")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    order = [line.split("\t")[0] for line in trace.read_text(encoding="utf-8").splitlines()]
    assert order.index("window first painted") < order.index("window built") < order.index("audits shown")


def test_start_up_fills_the_report_once_into_the_shown_window_then_starts_the_collector(tmp_path: Path) -> None:
    """The report text is laid out once, at the width it is shown at (filled into a hidden
    window it was laid out at a default width, then again when shown); the cyclic collector,
    off while start-up builds what lives as long as the window, is on again afterwards."""
    code = (
        "import gc, sys\n"
        "from gui.views.report_view import ReportView\n"
        "fills = []\n"
        "real = ReportView.setDocument\n"
        "def spy(self, document):\n"
        "    real(self, document)\n"
        "    if not document.isEmpty():\n"
        "        fills.append((self.isVisible(), self.viewport().width(), document.textWidth()))\n"
        "ReportView.setDocument = spy\n"
        "from gui.app import run\n"
        "assert run(['--screenshot', sys.argv[1]]) == 0\n"
        "print(fills, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "shot.png")],
                         cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    fills, enabled, frozen = run.stdout.strip().rsplit(" ", 2)
    (visible, width, text_width), = eval(fills)  # one fill of the sample's text
    assert visible and width > 400 and text_width == width
    assert (enabled, frozen) == ("True", "True")


def test_screenshot_pixels_are_what_the_window_paints(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    """--screenshot copies the painted window offscreen instead of painting it again: same pixels."""
    from PySide6.QtWidgets import QApplication

    from gui.screenshot import shown_pixels

    assert QApplication.platformName() == "offscreen"  # the path --screenshot takes in the bench
    window, _ = open_window(seed_copy(0))
    qtbot.waitExposed(window)
    qtbot.wait(100)  # the deferred work of showing the first finding (a re-centre, repaints) is done
    window.repaint()  # the backing store now holds a paint of the window as it is
    QApplication.processEvents()
    shown = shown_pixels(window).toImage().convertToFormat(QImage.Format.Format_RGB32)
    painted = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert shown.size() == painted.size() and shown == painted


def test_png_writer_keeps_every_pixel(open_window, seed_copy, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui.screenshot import write_png

    window, _ = open_window(seed_copy(4))
    qtbot.waitExposed(window)
    pixmap = window.grab()
    painted = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)
    for given in (painted, pixmap):  # --screenshot hands over the pixmap, converted once the file exists
        out = tmp_path / f"window-{type(given).__name__}.png"
        assert write_png(given, out)
        read = QImage(str(out))
        assert not read.isNull() and read.convertToFormat(QImage.Format.Format_RGB32) == painted
    assert not write_png(painted, tmp_path / "missing-folder" / "x.png")  # refused, not raised


def test_window_opens_on_the_first_finding(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(0))
    first = ctl.session.findings[0]
    assert window.findings.current_key() == first.key
    assert first.message in window.inspector.browser.toPlainText()


def test_every_report_tab_shows_on_its_first_finding(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (one, two) = open_window(seed_copy(0), seed_copy(4))
    for index, ctl in ((0, one), (1, two), (0, one)):
        window.file_tabs.setCurrentIndex(index)
        first = ctl.session.findings[0]
        assert window.findings.current_key() == first.key
        assert first.message in window.inspector.browser.toPlainText()


def test_screenshot_without_file_opens_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "sample.png"
    run = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(out)],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 10_000


def test_gui_start_imports_no_pandas_or_openpyxl(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from gui.app import make_app, make_window\n"
        "from gui.session_controller import LOADING\n"
        "app = make_app()\n"
        "w = make_window([])\n"
        "while any(c.state == LOADING for c in w.controllers): app.processEvents()\n"
        "assert w.controllers[0].state == 'ready', w.controllers[0].error\n"
        "w.close()\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'openpyxl', 'xlsxwriter', 'pdfplumber', 'docx') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_main_py_start_loads_no_pandas_numpy_or_excel_writers(tmp_path: Path) -> None:
    """``python main.py`` to the sample audited and shown: every module Python imported on the way
    (``-X importtime``) is light; pandas, numpy and the xlsx/docx writers wait for their features."""
    out = tmp_path / "start.png"
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "main.py", "--screenshot", str(out)],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "PySide6" in imported and "core" in imported  # the listing is real
    assert not imported & {"pandas", "numpy", "openpyxl", "xlsxwriter", "docx"}, sorted(imported)


@pytest.fixture
def boxes(monkeypatch):  # type: ignore[no-untyped-def]
    shown: dict[str, list[str]] = {"warning": [], "critical": []}
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown["warning"].append(text)))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown["critical"].append(text)))
    return shown


@pytest.mark.parametrize(
    "name, content",
    [("损坏.docx", b"PK\x03\x04 not really a zip"), ("空白.txt", b""), ("旧格式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)],
    ids=["corrupt-docx", "empty-txt", "ole-doc"],
)
def test_bad_file_gives_a_chinese_error_not_a_crash(open_window, tmp_path, qtbot, boxes, caplog, name, content) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / name
    bad.write_bytes(content)
    window, _ = open_window(bad, wait=False)
    qtbot.waitUntil(lambda: bool(boxes["warning"]), timeout=20_000)
    assert boxes["critical"] == []
    text = boxes["warning"][0]
    assert name in text and any("\u4e00" <= ch <= "\u9fff" for ch in text.replace(name, ""))
    assert "Traceback" not in text
    assert window.file_tabs.count() == 0 and window.controllers == []
    assert any(name in r.getMessage() for r in caplog.records)  # and a log entry


def test_bad_file_beside_a_good_one_keeps_the_good_one(open_window, seed_copy, tmp_path, qtbot, boxes) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    good = seed_copy(4)
    window, _ = open_window(good, bad, wait=False)
    qtbot.waitUntil(
        lambda: bool(boxes["warning"]) and window.current() is not None and window.current().state == "ready", timeout=20_000
    )
    assert window.file_tabs.count() == 1 and window.current().path == str(good)


def test_unexpected_exception_saves_work_logs_and_shows_dialog(open_window, seed_copy, tmp_path, boxes, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import messages

    window, (ctl,) = open_window(seed_copy(4))
    saves: list[object] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    hook = install_excepthook(lambda: saves.append(ctl.autosave()) or saves, lambda t: messages.show_crash(window, t), tmp_path / "x.log")
    try:
        raise RuntimeError("模拟的程序错误")
    except RuntimeError as err:
        hook(type(err), err, err.__traceback__)
    assert saves and saves[0] is not None and Path(saves[0]).is_file()
    assert len(boxes["critical"]) == 1 and "已自动保存" in boxes["critical"][0] and "x.log" in boxes["critical"][0]
    try:  # the same error again (say, from every repaint): logged, no second box
        raise RuntimeError("模拟的程序错误")
    except RuntimeError as err:
        hook(type(err), err, err.__traceback__)
    assert len(boxes["critical"]) == 1 and len(saves) == 1


def test_closing_leaves_no_audit_thread_running(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(3), seed_copy(0), wait=False)
    window.close()
    assert window.runner._pool.activeThreadCount() == 0
    assert not window.runner.busy


def test_cancelling_an_open_shows_no_error_box(open_window, seed_copy, boxes) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(3), wait=False)
    ctl.cancel()
    assert boxes["warning"] == [] and boxes["critical"] == []
    assert window.file_tabs.count() == 0 and "已取消" in window.statusBar().currentMessage()


def test_qt_standard_texts_are_chinese() -> None:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from gui.app import make_app

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (folder / "qtbase_zh_CN.qm").is_file():
        pytest.skip("this Qt has no Chinese catalogue")
    make_app()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_window_icon_is_set(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(4))
    assert not window.windowIcon().isNull()


def test_progress_shows_while_auditing_off_the_gui_thread(open_window, generated_docs, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from gui import workers

    threads: list[str] = []
    real = workers._AuditJob.run

    def spy(self) -> None:  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        real(self)

    monkeypatch.setattr(workers._AuditJob, "run", spy)
    window, (ctl,) = open_window(generated_docs[(SEEDS[0].name, "pdf")], wait=False)
    assert ctl.state == "loading"
    assert window.status.progress.isVisibleTo(window) and window.status.cancel.isVisibleTo(window)
    qtbot.waitUntil(lambda: ctl.state == "ready", timeout=30_000)
    assert threads and threads[0] != threading.main_thread().name
    assert not window.status.progress.isVisibleTo(window)


def test_screenshot_of_an_unreadable_file_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "bad.png"
    run = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(out), str(bad)],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2
    assert "无法打开" in run.stderr and bad.name in run.stderr
    assert out.is_file()


def test_the_window_comes_first_and_the_audit_follows(seed_copy, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A slow audit never holds the window: it is built at once, then shows the report
    on its first finding when the audit arrives."""
    import time

    import core.audit
    from gui import app as gui_app

    gui_app.make_app()  # app data goes to the test's own folder (conftest)
    real = core.audit.audit_file
    monkeypatch.setattr(core.audit, "audit_file", lambda path, progress=None: (time.sleep(1.5), real(path, progress))[1])
    start = time.perf_counter()
    window = gui_app.make_window([str(seed_copy(4))], interactive=False)
    try:
        assert time.perf_counter() - start < 1.0
        assert window.controllers[0].state == "loading"
        qtbot.waitUntil(lambda: window.controllers[0].state == "ready", timeout=20000)
        assert window.findings.current_key() == window.controllers[0].session.findings[0].key
    finally:
        window.close()


def test_help_and_mistakes_go_to_argparse(capsys) -> None:  # type: ignore[no-untyped-def]
    from gui.app import parse_args

    assert parse_args(["a.txt", "--screenshot", "out.png", "b.pdf"]).files == ["a.txt", "b.pdf"]
    with pytest.raises(SystemExit) as help_exit:
        parse_args(["--help"])
    assert help_exit.value.code == 0 and "--screenshot" in capsys.readouterr().out
    with pytest.raises(SystemExit) as bad_exit:
        parse_args(["--screenshot"])
    assert bad_exit.value.code == 2


def test_the_app_looks_the_same_everywhere(tmp_path: Path) -> None:
    """Fusion, even where the desktop asks for another style (QT_STYLE_OVERRIDE here)."""
    code = ("from gui.app import make_app\n"
            "app = make_app()\n"
            "from PySide6.QtWidgets import QPushButton\n"
            "QPushButton('x').ensurePolished()\n"
            "print(app.style().name())\n")
    env = dict(_env(tmp_path), QT_STYLE_OVERRIDE="Windows")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().lower() == "fusion"


def test_an_existing_application_gets_fusion_too(qapp) -> None:  # type: ignore[no-untyped-def]
    from gui.app import make_app

    assert make_app() is qapp and qapp.style().name().lower() == "fusion"


def test_app_font_names_the_installed_cjk_family(qapp) -> None:  # type: ignore[no-untyped-def]
    """One family the machine has (Qt need not try absent ones for every font), and it draws Chinese."""
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from gui.app import CJK_FAMILIES, installed_cjk_family, make_app

    chosen = installed_cjk_family()
    installed = set(QFontDatabase.families())
    assert chosen == [next(f for f in CJK_FAMILIES if f in installed)] if installed & set(CJK_FAMILIES) else chosen == []
    app = make_app()
    if chosen:
        assert app.font().families() == chosen
        assert QFontMetrics(app.font()).inFontUcs4(ord("审"))


def test_resources_come_from_the_bundle_when_frozen(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui import paths

    assert paths.sample_report() == ROOT / "resources" / "sample_report.txt"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.sample_report() == tmp_path / "resources" / "sample_report.txt"


def test_closing_the_frame_closes_the_review_window_and_keeps_its_size(seed_copy, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui import app as gui_app
    from gui.shell import Shell

    gui_app.make_app()
    report = seed_copy(4)
    shell = Shell(gui_app.settings(), report.name)
    shell.resize(1100, 700)
    shell.show()
    with qtbot.waitSignal(shell.painted, timeout=5000):
        pass
    window = gui_app.make_window([str(report)], interactive=False)
    shell.hold(window)
    qtbot.waitUntil(lambda: window.controllers[0].state == "ready", timeout=20000)
    assert shell.windowTitle().startswith(report.name)  # the frame carries the report's title
    assert list(report.parent.glob(".~lock.*"))  # the review is held while open
    frame = shell.saveGeometry()
    assert shell.close()
    assert not list(report.parent.glob(".~lock.*"))  # released by the review window's own closing
    assert gui_app.settings().value("geometry") == frame  # the frame's geometry, saved by the review window


def test_the_frame_needs_neither_the_engine_nor_the_panels() -> None:
    """What runs before the first paint (gui.app, the frame, --screenshot's set-up) loads
    neither the review window's modules nor the engine: they come after that paint."""
    code = (
        "import sys, gui.app, gui.shell, gui.screenshot\n"
        "heavy = [m for m in ('gui.main_window', 'gui.session_controller', 'core.audit', 'core.session') if m in sys.modules]\n"
        "print(heavy)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
