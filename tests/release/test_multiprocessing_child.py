"""The windowed exe turns multiprocessing's own starts into helpers, and nothing else (no build)."""

from __future__ import annotations

import multiprocessing.spawn
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import multiprocessing_child as child  # noqa: E402


def test_a_worker_start_as_multiprocessing_writes_it_for_a_frozen_exe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    argv = multiprocessing.spawn.get_command_line(tracker_fd=5, pipe_handle=7)
    assert child.is_worker(argv)
    assert child.helper_command(argv) is None


def test_the_resource_tracker_start_is_recognised_with_interpreter_flags() -> None:
    from multiprocessing import util

    command = "from multiprocessing.resource_tracker import main;main(9)"
    argv = ["nianbao", *util._args_from_interpreter_flags(), "-c", command]
    assert child.helper_command(argv) == command
    assert not child.is_worker(argv)


@pytest.mark.parametrize("argv", [
    ["nianbao"],
    ["nianbao", "报告.docx"],
    ["nianbao", "--screenshot", "shot.png", "a.pdf"],
    ["nianbao", "-c"],  # a report named "-c" is opened, not executed
    ["nianbao", "-c", "print('not multiprocessing')"],
])
def test_a_normal_start_is_left_alone(argv: list[str]) -> None:
    assert not child.is_worker(argv) and child.helper_command(argv) is None


def test_a_normal_start_does_not_import_multiprocessing() -> None:
    code = ("import sys; sys.path.insert(0, 'packaging'); import multiprocessing_child as m; "
            "m.divert_if_child(['nianbao', 'a.docx']); print('multiprocessing' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
