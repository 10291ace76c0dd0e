"""The log lives in the app data folder and is rotated at start-up once it is large."""

from __future__ import annotations

import logging
from pathlib import Path

from gui.crash import rotate_at_start, setup_logging


def test_small_log_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "nianbao.log"
    log.write_text("一行\n", encoding="utf-8")
    rotate_at_start(log, max_bytes=100)
    assert log.read_text(encoding="utf-8") == "一行\n"
    assert not (tmp_path / "nianbao.log.1").exists()


def test_large_log_moves_down_and_the_oldest_drops(tmp_path: Path) -> None:
    log = tmp_path / "nianbao.log"
    for name, text in (("nianbao.log", "newest" * 50), ("nianbao.log.1", "one"), ("nianbao.log.2", "two"),
                       ("nianbao.log.3", "three")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    rotate_at_start(log, max_bytes=100, backups=3)
    assert not log.exists()
    assert [(tmp_path / f"nianbao.log.{n}").read_text(encoding="utf-8") for n in (1, 2, 3)] == ["newest" * 50, "one", "two"]


def test_setup_logging_writes_records_to_the_folder_once(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path)
        setup_logging(tmp_path)  # a second window must not double every line
        logging.getLogger("nianbao.test").error("审核记录保存失败")
        for handler in root.handlers:
            handler.flush()
        assert path.read_text(encoding="utf-8").count("审核记录保存失败") == 1
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
