"""Checklist PDFs for tests: built once per session, filled like a user would, and looked at
through third-party readers (poppler's pdftoppm, PDF.js, PDFium)."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from PIL import Image
from pypdf import PdfReader, PdfWriter

from miles_site.models.checklist import Checklist
from miles_site.models.checklist_checks import ChecklistSource, load_checklists
from miles_site.models.phases import load_phases
from miles_site.pdf.checklist import build_checklist_pdf
from support.projects import ROOT

# What a Dutch user types: diacritics, the ij ligature, the euro sign and typographic quotes.
DUTCH_TEXT = "Één ĳsbeer, café – “ok” ‘ja’ € ½ ë ï"
DUTCH_DATE = "01-02-2027"
DPI = 100
DARK = 128  # a pixel darker than this (0 black .. 255 white) is ink
GREY = 220  # thin lines (a 0.8 pt border at 100 dpi) come out grey: darker than this is a mark
INSET = 3  # pixels left out at each edge of a widget: its border belongs to the page


def load(folder: Path) -> list[ChecklistSource]:
    """Load and validate every checklist in a folder (the real ones or the fixtures)."""
    phases, _ = load_phases(ROOT / "data", ROOT)
    pages = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
    scenarios = {p.stem for p in (ROOT / "video_scripts").glob("*.yml")} | {"voorbeeld"}
    found, errors = load_checklists(folder, ROOT, phases, scenarios, pages)
    assert errors == []
    return found


REAL = [s.checklist for s in load(ROOT / "checklists")]
FIXTURE = load(ROOT / "tests/fixtures/checklists")[0].checklist
ALL = [*REAL, FIXTURE]
IDS = [c.id for c in ALL]

_built: dict[str, Path] = {}


def built_pdfs(folder: Path) -> dict[str, Path]:
    """Build every checklist's PDF once per test session (later calls reuse the files)."""
    if not _built:
        for checklist in ALL:
            path = folder / f"{checklist.id}.pdf"
            path.write_bytes(build_checklist_pdf(checklist))
            _built[checklist.id] = path
    return _built


@dataclass(frozen=True)
class Widget:
    """A form field's widget: its name, type, page (from 0) and rectangle in PDF points."""

    name: str
    kind: str
    page: int
    rect: tuple[float, float, float, float]


def widgets(path: Path) -> list[Widget]:
    """List the widgets of a PDF with their page and normalised rectangle."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") != "/Widget":
                    continue
                x1, y1, x2, y2 = (float(v) for v in annot.Rect)
                rect = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                found.append(Widget(str(annot.T), str(annot.FT), number, rect))
    return found


def fill_values(checklist: Checklist) -> dict[str, str]:
    """Return a value for every field: Dutch text, a date, the last option, every box ticked."""
    values = {}
    for item in checklist.items:
        if item.type in ("text", "textarea"):
            values[item.id] = DUTCH_TEXT
        elif item.type == "date":
            values[item.id] = DUTCH_DATE
        elif item.type == "choice":
            values[item.id] = (item.options or ("",))[-1]
        else:
            values[item.id] = "/on"
    return values


def fill(path: Path, checklist: Checklist, out: Path, *, viewer_redraws: bool) -> Path:
    """Fill every field with pypdf and save; viewer_redraws sets /NeedAppearances, so that
    poppler redraws every field from its /DA (as after most form-filling tools)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        writer.update_page_form_field_values(
            page, fill_values(checklist), auto_regenerate=viewer_redraws
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def render_pages(path: Path, folder: Path) -> list[Image.Image]:
    """Render every page with poppler's pdftoppm in grey at DPI and load the images."""
    prefix = folder / path.stem
    result = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), str(path), str(prefix)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Error" not in result.stderr, result.stderr
    return [Image.open(p).convert("L") for p in sorted(folder.glob(f"{path.stem}-*.pgm"))]


def box(widget: Widget, page_height: float, inset: int = INSET) -> tuple[int, int, int, int]:
    """Turn a widget rectangle (PDF points, y up) into a pixel box (x, y down), inset."""
    x1, y1, x2, y2 = widget.rect
    scale = DPI / 72
    return (
        round(x1 * scale) + inset,
        round((page_height - y2) * scale) + inset,
        round(x2 * scale) - inset,
        round((page_height - y1) * scale) - inset,
    )


def ink(image: Image.Image, area: tuple[int, int, int, int], below: int = DARK) -> int:
    """Count the pixels inside a pixel box that are darker than `below`."""
    histogram = image.crop(area).histogram()
    return sum(histogram[:below])


def page_text(path: Path, page: int, area: tuple[int, int, int, int] | None = None) -> str:
    """Return the text poppler lays out on one page (1-based), or in an area of it (x, y,
    width, height in points from the top left)."""
    crop = ["-layout"]
    if area:
        crop = ["-x", str(area[0]), "-y", str(area[1]), "-W", str(area[2]), "-H", str(area[3])]
    return subprocess.run(
        ["pdftotext", *crop, "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdfjs(*paths: Path, render: bool = False) -> list[dict[str, Any]]:
    """Read PDFs with Mozilla's PDF.js (tests/pdfjs/read-pdfs.mjs) and return what it saw."""
    command = ["node", str(ROOT / "tests/pdfjs/read-pdfs.mjs")]
    command += ["--render"] if render else []
    result = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found
