"""Fillable, tagged checklist PDFs, made with WeasyPrint from a print-specific HTML template."""

from __future__ import annotations

import hashlib
import io
import re
from functools import cache
from importlib import metadata
from pathlib import Path

import pikepdf

from miles_site.models.checklist import Checklist
from miles_site.pdf.artifacts import mark_page_decoration
from miles_site.pdf.fields import finish_fields
from miles_site.render.environment import environment, render

TEMPLATES = ("checklist_pdf.html.j2", "_privacy_notice.html.j2")
# Libraries whose version changes the bytes of a PDF.
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pikepdf", "miles-site")


def checklist_html(checklist: Checklist, content_version: str = "") -> str:
    """Render the HTML the PDF is made from; every item becomes a form field named by its id."""
    return render("checklist_pdf.html.j2", checklist=checklist, content_version=content_version)


def finish_pdf(pdf_bytes: bytes) -> bytes:
    """Post-process WeasyPrint's output: working form fields, subset fonts, artifacts."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        finish_fields(pdf)
        mark_page_decoration(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
    return out.getvalue()


def build_checklist_pdf(checklist: Checklist, content_version: str = "") -> bytes:
    """Make the PDF: A4, AcroForm fields with /TU from their labels, tagged as PDF/UA-1."""
    from weasyprint import HTML  # imported late: it takes half a second to load

    # Uncompressed: finish_pdf replaces the whole field font before anything is compressed.
    pdf = HTML(string=checklist_html(checklist, content_version)).write_pdf(
        pdf_forms=True, pdf_variant="pdf/ua-1", uncompressed_pdf=True
    )
    assert isinstance(pdf, bytes)
    return finish_pdf(pdf)


# Where fontconfig finds fonts on Debian; the DejaVu files there shape every PDF's glyphs.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")


def _font_files() -> list[str]:
    """Describe the DejaVu font files on this machine (path, size, modification time)."""
    found = []
    for folder in FONT_DIRS:
        if folder.is_dir():
            for path in sorted(folder.rglob("DejaVuSans*.ttf")):
                stat = path.stat()
                found.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return found


@cache
def _templates_fingerprint() -> str:
    """Hash what shapes every PDF: templates, this package's code, libraries and fonts."""
    digest = hashlib.sha256()
    loader = environment().loader
    assert loader is not None
    for name in TEMPLATES:
        source, _, _ = loader.get_source(environment(), name)
        digest.update(source.encode("utf-8"))
    for package in LIBRARIES:
        digest.update(f"{package}={metadata.version(package)}".encode("ascii"))
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    for font in _font_files():
        digest.update(font.encode("utf-8"))
    return digest.hexdigest()


def cache_key(source_text: str, content_version: str = "") -> str:
    """Return the cache key of a checklist PDF.

    It covers the YAML source, the content version shown in the footer, and everything else
    that shapes the bytes (templates, code, library versions, font files).
    """
    digest = hashlib.sha256(_templates_fingerprint().encode("ascii"))
    digest.update(source_text.encode("utf-8"))
    digest.update(b"\0" + content_version.encode("utf-8"))
    return digest.hexdigest()[:24]


def cached_checklist_pdf(
    checklist: Checklist, source_text: str, cache_dir: Path, content_version: str = ""
) -> bytes:
    """Return the PDF from the cache when nothing that shapes it changed; else build it."""
    path = cache_dir / f"{checklist.id}-{cache_key(source_text, content_version)}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = build_checklist_pdf(checklist, content_version)
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
