"""Checklist PDF benchmark: cold build and cached rebuild of every checklist, in ms per PDF.

Targets: at most 300 ms per PDF cold on a 2-core machine, and near zero when nothing changed.
Run: `.venv/bin/python bench/pdfs.py`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from miles_site.pdf.checklist import build_checklist_pdf, cached_checklist_pdf  # noqa: E402
from miles_site.project import Paths, load_project  # noqa: E402


def main() -> None:
    """Time a cold build (empty cache) and a rebuild from the cache."""
    project = load_project(Paths.under(ROOT))
    sources = project.checklists
    build_checklist_pdf(sources[0].checklist)  # load WeasyPrint and fonts once, outside timing
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        texts = [s.path.read_text(encoding="utf-8") for s in sources]
        start = time.perf_counter()
        sizes = [
            len(cached_checklist_pdf(s.checklist, t, cache))
            for s, t in zip(sources, texts, strict=True)
        ]
        cold = time.perf_counter() - start
        start = time.perf_counter()
        for source, text in zip(sources, texts, strict=True):
            cached_checklist_pdf(source.checklist, text, cache)
        warm = time.perf_counter() - start
    count = len(sources)
    size = sum(sizes) / count / 1024
    print(
        f"{count} checklist PDFs: cold {cold * 1000 / count:.0f} ms per PDF (target <= 300), "
        f"cached {warm * 1000 / count:.2f} ms per PDF; average size {size:.0f} kB"
    )


if __name__ == "__main__":
    main()
