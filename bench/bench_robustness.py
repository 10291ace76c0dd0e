"""Big and odd inputs: time and peak memory of each, measured in a child process.

Each case runs in a fresh Python (that child's own peak resident memory, imports
included: VmHWM on Linux, ru_maxrss elsewhere), as the auditor's machine would meet the file. Targets (issue 18): a 35 MB
DOCX with too much text refused in < 2 s and < 300 MB; a 10 MB text file opened in the
window with no event-loop gap over 200 ms.

    python bench/bench_robustness.py            # everything (builds its inputs in a temp folder)
    python bench/bench_robustness.py --no-gui   # without the window cases
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

from big_files import PEAK, big_docx, big_text, long_report  # noqa: E402

_READ = PEAK + """
import json, sys, time
start = time.perf_counter()
from core.audit import audit_file
result = audit_file(sys.argv[1])
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": peak_mb(),
    "outcome": result.error or f"{len(result.document.text):,} 字，{len(result.findings)} 条问题",
}, ensure_ascii=False))
"""

_WINDOW = PEAK + """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.main_window import MainWindow
from gui.session_controller import LOADING
folder = Path(sys.argv[2])
window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), folder / "fb", interactive=False)
window.resize(1366, 768)
window.show()
ticks = []
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
timer.start()
deadline = time.perf_counter() + 0.2
while time.perf_counter() < deadline:
    app.processEvents()
start = time.perf_counter()
(ctl,) = window.open_files([sys.argv[1]])
while ctl.state == LOADING:
    app.processEvents()
loaded = time.perf_counter() - start
deadline = time.perf_counter() + 1.0
while time.perf_counter() < deadline:
    app.processEvents()
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
print(json.dumps({
    "seconds": loaded, "max_gap_ms": max(gaps) * 1000,
    "peak_mb": peak_mb(),
    "outcome": ctl.error or "已显示",
}, ensure_ascii=False))
"""


def run(script: str, *args: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode != 0:
        return {"outcome": f"失败：{done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def page(opening: str, depth: int) -> bytes:
    real = (ROOT / "tests" / "fixtures" / "real" / "shanghai_bgt_2019.html").read_text(encoding="utf-8")
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>'
    return (head + opening * depth + real + "</body></html>").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        html_deep = folder / "300层.html"
        html_deep.write_bytes(page("<font>", 300))
        html_deeper = folder / "5000层.html"
        html_deeper.write_bytes(page("<div>", 5000))
        cases = [
            ("DOCX 35 MB，文字过多", big_docx(folder / "35MB.docx", 35)),
            ("DOCX 正文 XML 19.5 MB（上限内最大）", big_docx(folder / "xml19.docx", xml_megabytes=19.5)),
            ("文本 10 MB", big_text(folder / "10MB.txt", 10)),
            ("文本 100 万字（上限）", long_report(folder / "100万字.txt", 1_000_000)),
            ("网页 300 层未闭合标签", html_deep),
            ("网页 5000 层未闭合标签", html_deeper),
        ]
        print("读取并审核（命令行）：耗时、子进程峰值内存、文件大小、情形：结果")
        for name, path in cases:
            out = run(_READ, str(path))
            size = path.stat().st_size / 2**20
            print(f"{out.get('seconds', 0):7.2f} s {out.get('peak_mb', 0):6.0f} MB {size:7.1f} MB  {name}：{out['outcome']}")
        if args.no_gui:
            return
        print("\n在窗口中打开：载入耗时、事件循环最长间隔（每 10 ms 一次的计时器）、子进程峰值内存、情形：结果")
        for name, path in (("文本 10 MB", folder / "10MB.txt"), ("文本 100 万字", folder / "100万字.txt")):
            out = run(_WINDOW, str(path), tmp)
            gap, peak = out.get("max_gap_ms", 0), out.get("peak_mb", 0)
            print(f"{out.get('seconds', 0):7.2f} s {gap:6.0f} ms {peak:6.0f} MB  {name}：{out['outcome']}")


if __name__ == "__main__":
    main()
