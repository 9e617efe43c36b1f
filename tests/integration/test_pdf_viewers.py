"""The checklist PDFs in the readers people use: poppler (Evince, Okular, printing through
CUPS), Mozilla's PDF.js (Firefox) and PDFium (Chromium's viewer).

Every field is filled the way a user would (Dutch text with diacritics, every box ticked), and
each reader must draw each tick and each value inside the field's rectangle. Two kinds of
filled file are tried: one whose filler wrote appearance streams, and one that sets
/NeedAppearances so that the reader redraws every field from its /DA (as poppler does after
most form-filling tools, and as it did for every field before).
"""

from __future__ import annotations

import ctypes
import re
import subprocess
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from miles_site.models.checklist import Checklist
from support.pdfs import (
    ALL,
    DUTCH_DATE,
    DUTCH_TEXT,
    IDS,
    Widget,
    box,
    built_pdfs,
    fill,
    ink,
    pdfjs,
    render_pages,
    widgets,
)

MODES = ["appearances", "redrawn"]
A4 = (595.28, 841.89)
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
PRIVACY = "Schrijf alleen afspraken op. Schrijf nooit een diagnose"
PDFJS_TYPE = {"check": "checkbox", "text": "text", "date": "text", "textarea": "text"}
PDFJS_TYPE["choice"] = "combobox"


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every checklist's PDF once (shared with test_checklist_pdf.py)."""
    return built_pdfs(tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(scope="module")
def filled(pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Any, Path]:
    """Fill every PDF in both ways: (checklist id, mode) -> filled file."""
    folder = tmp_path_factory.mktemp("filled")
    return {
        (c.id, mode): fill(
            pdfs[c.id], c, folder / f"{c.id}-{mode}.pdf", viewer_redraws=mode == "redrawn"
        )
        for c in ALL
        for mode in MODES
    }


def assert_drawn(widget: Widget, empty: int, full: int, area: int, reader: str) -> None:
    """A ticked box gains a tick; a text or choice field gains its value's ink."""
    if widget.kind == "/Btn":
        assert full - empty > 0.12 * area, f"{reader}: no tick in ticked box {widget.name}"
    else:
        assert full - empty > 40, f"{reader}: the value of {widget.name} is not drawn"


# -- poppler ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_poppler_prints_every_tick_and_value(
    checklist: Checklist,
    mode: str,
    pdfs: dict[str, Path],
    filled: dict[Any, Path],
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    empty = render_pages(pdfs[checklist.id], tmp_path / "empty")
    full = render_pages(filled[checklist.id, mode], tmp_path / "full")
    for widget in widgets(pdfs[checklist.id]):
        area = box(widget, A4[1])
        size = (area[2] - area[0]) * (area[3] - area[1])
        before, after = ink(empty[widget.page], area), ink(full[widget.page], area)
        assert_drawn(widget, before, after, size, f"poppler ({mode})")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_poppler_prints_the_exact_dutch_text(
    checklist: Checklist, mode: str, filled: dict[Any, Path], tmp_path: Path
) -> None:
    # pdftocairo is poppler's print path (as in CUPS): fields are drawn into the page, so the
    # printed text can be read back, diacritics, ij, euro sign and quotes included.
    printed = tmp_path / "printed.pdf"
    result = subprocess.run(
        ["pdftocairo", "-pdf", str(filled[checklist.id, mode]), str(printed)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Error" not in result.stderr, result.stderr
    text = subprocess.run(
        ["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    types = [item.type for item in checklist.items]
    assert text.count(DUTCH_TEXT) == types.count("text") + types.count("textarea")
    assert text.count(DUTCH_DATE) == types.count("date")


# -- PDF.js ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfjs_read(pdfs: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """What PDF.js reads from every unfilled PDF."""
    return {Path(r["file"]).stem: r for r in pdfjs(*pdfs.values())}


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_pdfjs_reads_fields_names_and_a4_pages(
    checklist: Checklist, pdfjs_read: dict[str, dict[str, Any]]
) -> None:
    read = pdfjs_read[checklist.id]
    assert {name: [f["type"] for f in fields] for name, fields in read["fields"].items()} == {
        item.id: [PDFJS_TYPE[item.type]] for item in checklist.items
    }
    names = {w["name"]: w["alternativeText"] for p in read["pages"] for w in p["widgets"]}
    for item in checklist.items:
        expected = f"{item.label} (dd-mm-jjjj)" if item.type == "date" else item.label
        assert names[item.id] == expected, f"{item.id}: PDF.js reads another accessible name"
    for page in read["pages"]:
        assert page["view"][2:] == pytest.approx(A4, abs=0.01)


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_pdfjs_reads_header_and_footer_as_decoration_without_entities(
    checklist: Checklist, pdfjs_read: dict[str, dict[str, Any]]
) -> None:
    pages = pdfjs_read[checklist.id]["pages"]
    for number, page in enumerate(pages, start=1):
        assert not ENTITY.search(page["decoration"] + page["content"]), page["decoration"]
        decoration = " ".join(page["decoration"].split())
        assert decoration.startswith(f"MiLES – werkgeverstoolbox {checklist.title} ")
        assert f"Versie {checklist.version}" in decoration
        assert f"Pagina {number} van {len(pages)}" in decoration
        assert PRIVACY in decoration, f"page {number}: the privacy line is not in the footer"
        assert "Pagina" not in page["content"], "page numbers must not reach a screen reader"
    # A screen reader meets the title, the version and the privacy line once, in the body.
    content = "".join("".join(page["content"] for page in pages).split())
    assert content.startswith("".join(f"{checklist.title} Versie {checklist.version}".split()))
    assert content.count("".join(PRIVACY.split())) == 1


def test_pdfjs_draws_every_tick_and_value(pdfs: dict[str, Path], filled: dict[Any, Path]) -> None:
    empty = {Path(r["file"]).stem: r for r in pdfjs(*pdfs.values(), render=True)}
    full = pdfjs(*filled.values(), render=True)
    for read in full:
        checklist_id, mode = Path(read["file"]).stem.rsplit("-", 1)
        for number, page in enumerate(read["pages"]):
            before = {w["name"]: w["dark"] for w in empty[checklist_id]["pages"][number]["widgets"]}
            for widget in page["widgets"]:
                assert widget["value"] not in ("", "Off", [""]), widget["name"]
                x1, y1, x2, y2 = widget["rect"]
                size = (abs(x2 - x1) * 2 - 6) * (abs(y2 - y1) * 2 - 6)
                kind = "/Btn" if widget["type"] == "Btn" else "/Tx"
                shape = Widget(widget["name"], kind, number, (x1, y1, x2, y2))
                assert_drawn(
                    shape, before[widget["name"]], widget["dark"], size, f"PDF.js ({mode})"
                )


# -- PDFium (Chromium's viewer) --------------------------------------------------------------

PDFIUM_SCALE = 2
# Chromium draws Latin-1 and the euro sign in the field's own font. It sends the ij ligature
# and General Punctuation (– “ ” ‘ ’) to fallback fonts by its own charset guess, whatever the
# PDF embeds; so the typed sample stays within what it can show.
TYPED_IN_CHROMIUM = "Één café, ë ï € ½"


def open_pdfium(path: Path) -> tuple[pdfium.PdfDocument, list[pdfium.PdfPage]]:
    """Open a PDF in PDFium with its form environment, and keep its pages open."""
    document = pdfium.PdfDocument(path)
    document.init_forms()
    return document, [document[number] for number in range(len(document))]


def pdfium_ink(document: pdfium.PdfDocument, pages: list[pdfium.PdfPage]) -> dict[str, int]:
    """Render every page with its form fields and count dark pixels inside each widget."""
    found = {}
    for page in pages:
        image: Image.Image = page.render(scale=PDFIUM_SCALE, may_draw_forms=True).to_pil()
        grey = image.convert("L")
        height = page.get_height()
        for annot_index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, annot_index)
            rect = pdfium_c.FS_RECTF()
            pdfium_c.FPDFAnnot_GetRect(annot, rect)
            name = field_name(document, annot)
            # PDFium hands the rectangle back as written; normalise it (y grows downwards).
            xs = sorted(v * PDFIUM_SCALE for v in (rect.left, rect.right))
            ys = sorted((height - v) * PDFIUM_SCALE for v in (rect.top, rect.bottom))
            area = (round(xs[0]) + 3, round(ys[0]) + 3, round(xs[1]) - 3, round(ys[1]) - 3)
            found[name] = ink(grey, area)
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return found


def field_name(document: pdfium.PdfDocument, annot: Any) -> str:
    """Read a widget's field name through PDFium's form API."""
    form = document.formenv.raw
    length = pdfium_c.FPDFAnnot_GetFormFieldName(form, annot, None, 0)
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFAnnot_GetFormFieldName(
        form, annot, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length
    )
    return buffer.raw[: length - 2].decode("utf-16-le")


def widgets_by_name(path: Path) -> dict[str, Widget]:
    """Index a PDF's widgets by field name."""
    return {w.name: w for w in widgets(path)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_chromium_draws_every_tick_and_value(
    checklist: Checklist, mode: str, pdfs: dict[str, Path], filled: dict[Any, Path]
) -> None:
    before = pdfium_ink(*open_pdfium(pdfs[checklist.id]))
    after = pdfium_ink(*open_pdfium(filled[checklist.id, mode]))
    for name, widget in widgets_by_name(pdfs[checklist.id]).items():
        x1, y1, x2, y2 = widget.rect
        size = round((x2 - x1) * PDFIUM_SCALE - 6) * round((y2 - y1) * PDFIUM_SCALE - 6)
        assert_drawn(widget, before[name], after[name], size, f"PDFium ({mode})")


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_chromium_draws_what_a_user_types_and_ticks(
    checklist: Checklist, pdfs: dict[str, Path]
) -> None:
    before = pdfium_ink(*open_pdfium(pdfs[checklist.id]))
    document, pages = open_pdfium(pdfs[checklist.id])
    form = document.formenv.raw
    text = ctypes.create_string_buffer((TYPED_IN_CHROMIUM + "\0").encode("utf-16-le"))
    rects = widgets_by_name(pdfs[checklist.id])
    for widget in rects.values():
        page = pages[widget.page]
        x, y = (widget.rect[0] + widget.rect[2]) / 2, (widget.rect[1] + widget.rect[3]) / 2
        pdfium_c.FORM_OnLButtonDown(form, page.raw, 0, x, y)
        pdfium_c.FORM_OnLButtonUp(form, page.raw, 0, x, y)
        if widget.kind == "/Tx":
            pdfium_c.FORM_ReplaceSelection(
                form, page.raw, ctypes.cast(text, pdfium_c.FPDF_WIDESTRING)
            )
        pdfium_c.FORM_ForceToKillFocus(form)
    after = pdfium_ink(document, pages)
    for name, widget in rects.items():
        if widget.kind == "/Ch":
            continue  # a click opens the drop-down list; choosing needs the keyboard
        x1, y1, x2, y2 = widget.rect
        size = round((x2 - x1) * PDFIUM_SCALE - 6) * round((y2 - y1) * PDFIUM_SCALE - 6)
        assert_drawn(widget, before[name], after[name], size, "PDFium (typed)")
