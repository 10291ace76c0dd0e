"""Test-wide setup. Qt must run headless, and that must be decided before Qt is imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return SEEDS


# --- Generated DOCX/PDF/HTML versions of the seeds (document readers) -----------------
# make_formats.py lives beside the seeds; the generated files are built once per session,
# on first use, so a test that needs one PDF does not pay for all twenty files.
import sys  # noqa: E402
from collections.abc import Iterator, Mapping  # noqa: E402

sys.path.insert(0, str(FIXTURES))
import make_formats  # noqa: E402

GENERATED_FORMATS = ("docx", "pdf", "html", "html-utf8")


class GeneratedDocs(Mapping[tuple[str, str], Path]):
    """(seed file name, format) -> path of the generated file, built on first access."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._built: dict[tuple[str, str], Path] = {}
        self._keys = [(seed.name, fmt) for seed in SEEDS for fmt in GENERATED_FORMATS]

    def __getitem__(self, key: tuple[str, str]) -> Path:
        if key not in self._built:
            if key not in self._keys:
                raise KeyError(key)
            seed_name, fmt = key
            seed = FIXTURES / seed_name
            stem = self._folder / Path(seed_name).stem
            if fmt == "docx":
                path = make_formats.make_docx(seed, stem.with_suffix(".docx"))
            elif fmt == "pdf":
                path = make_formats.make_pdf(seed, stem.with_suffix(".pdf"))
            elif fmt == "html":
                path = make_formats.make_html(seed, stem.with_suffix(".html"), encoding="gbk")
            else:
                path = make_formats.make_html(seed, self._folder / f"{stem.name}-utf8.htm", encoding="utf-8")
            self._built[key] = path
        return self._built[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@pytest.fixture(scope="session")
def generated_docs(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDocs:
    return GeneratedDocs(tmp_path_factory.mktemp("generated"))
