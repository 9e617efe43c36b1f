"""Fillable, tagged checklist PDFs, made with WeasyPrint from a print-specific HTML template."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import metadata
from pathlib import Path

from miles_site.models.checklist import Checklist
from miles_site.render.environment import environment, render

TEMPLATES = ("checklist_pdf.html.j2", "_privacy_notice.html.j2")


def checklist_html(checklist: Checklist) -> str:
    """Render the HTML the PDF is made from; every item becomes a form field named by its id."""
    return render("checklist_pdf.html.j2", checklist=checklist)


def build_checklist_pdf(checklist: Checklist) -> bytes:
    """Make the PDF: A4, AcroForm fields with /TU from their labels, tagged as PDF/UA-1."""
    from weasyprint import HTML  # imported late: it takes half a second to load

    pdf = HTML(string=checklist_html(checklist)).write_pdf(
        pdf_forms=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
    assert isinstance(pdf, bytes)
    return pdf


@cache
def _templates_fingerprint() -> str:
    """Hash the templates and library versions that shape every PDF."""
    digest = hashlib.sha256()
    loader = environment().loader
    assert loader is not None
    for name in TEMPLATES:
        source, _, _ = loader.get_source(environment(), name)
        digest.update(source.encode("utf-8"))
    for package in ("weasyprint", "miles-site"):
        digest.update(metadata.version(package).encode("ascii"))
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def cache_key(source_text: str) -> str:
    """Return the cache key of a checklist PDF: its YAML source plus the templates."""
    digest = hashlib.sha256(_templates_fingerprint().encode("ascii"))
    digest.update(source_text.encode("utf-8"))
    return digest.hexdigest()[:24]


def cached_checklist_pdf(checklist: Checklist, source_text: str, cache_dir: Path) -> bytes:
    """Return the PDF from the cache when neither source nor templates changed; else build it."""
    path = cache_dir / f"{checklist.id}-{cache_key(source_text)}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = build_checklist_pdf(checklist)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Match the id exactly: 'eerste-*.pdf' alone would also remove 'eerste-gesprek-<key>.pdf'.
    own = re.compile(rf"{re.escape(checklist.id)}-[0-9a-f]{{24}}\.pdf")
    for stale in cache_dir.glob(f"{checklist.id}-*.pdf"):
        if own.fullmatch(stale.name):
            stale.unlink()
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    partial.replace(path)
    return pdf
