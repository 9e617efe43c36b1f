"""Checklist PDF benchmark: cold build and cached rebuild of every checklist, and file sizes.

Prints the size of each PDF (target: at most 120 KiB each), the average, the cold build time
per PDF split into WeasyPrint and our post-processing (target: at most 300 ms per PDF on a
2-core machine), and the time from the cache (near zero).
Run: `.venv/bin/python bench/pdfs.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from miles_site.pdf import checklist as pdf_module  # noqa: E402
from miles_site.pdf.checklist import build_checklist_pdf, cached_checklist_pdf  # noqa: E402
from miles_site.project import Paths, load_project  # noqa: E402

ROUNDS = 3


def timed_finish(spent: list[float]) -> Callable[[bytes], bytes]:
    """Wrap finish_pdf so that the post-processing time is recorded."""
    real = pdf_module.finish_pdf

    def finish(pdf_bytes: bytes) -> bytes:
        start = time.perf_counter()
        try:
            return real(pdf_bytes)
        finally:
            spent.append(time.perf_counter() - start)

    return finish


def main() -> None:
    """Time cold builds (empty cache, fastest of ROUNDS) and a rebuild from the cache."""
    project = load_project(Paths.under(ROOT))
    sources = project.checklists
    texts = [s.path.read_text(encoding="utf-8") for s in sources]
    build_checklist_pdf(sources[0].checklist)  # load WeasyPrint, fonts and the font subset once
    cold, finishing, sizes = [], [], {}
    for _ in range(ROUNDS):
        spent: list[float] = []
        pdf_module.finish_pdf = timed_finish(spent)
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            start = time.perf_counter()
            for source, text in zip(sources, texts, strict=True):
                pdf = cached_checklist_pdf(source.checklist, text, cache)
                sizes[source.checklist.id] = len(pdf)
            cold.append(time.perf_counter() - start)
            finishing.append(sum(spent))
            start = time.perf_counter()
            for source, text in zip(sources, texts, strict=True):
                cached_checklist_pdf(source.checklist, text, cache)
            warm = time.perf_counter() - start
    count = len(sources)
    for checklist_id, size in sorted(sizes.items()):
        print(f"  {checklist_id:30} {size / 1024:6.1f} KiB")
    fastest = min(range(ROUNDS), key=lambda i: cold[i])
    print(
        f"{count} checklist PDFs: average {statistics.mean(sizes.values()) / 1024:.1f} KiB, "
        f"largest {max(sizes.values()) / 1024:.1f} KiB (target <= 120); "
        f"cold {cold[fastest] * 1000 / count:.0f} ms per PDF (target <= 300), "
        f"of which post-processing {finishing[fastest] * 1000 / count:.0f} ms; "
        f"cached {warm * 1000 / count:.2f} ms per PDF"
    )


if __name__ == "__main__":
    main()
