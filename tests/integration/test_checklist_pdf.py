"""Every checklist PDF, read back: fields, accessible names, tagging, qpdf, what a reader sees
on the printed page, and the cache."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from miles_site.models.checklist import Checklist
from miles_site.pdf.checklist import cached_checklist_pdf
from support.pdfs import (
    ALL,
    FIXTURE,
    GREY,
    IDS,
    REAL,
    box,
    built_pdfs,
    ink,
    page_text,
    render_pages,
    widgets,
)

FIELD_TYPE = {"check": "/Btn", "text": "/Tx", "date": "/Tx", "textarea": "/Tx", "choice": "/Ch"}
MULTILINE, COMBO = 1 << 12, 1 << 17


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every real checklist's PDF once, plus the fixture's."""
    return built_pdfs(tmp_path_factory.mktemp("pdfs"))


def test_there_are_eleven_checklists() -> None:
    assert len(REAL) == 11


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_fields_are_named_typed_and_labelled(checklist: Checklist, pdfs: dict[str, Path]) -> None:
    fields = PdfReader(pdfs[checklist.id]).get_fields() or {}
    assert list(fields) == [item.id for item in checklist.items]
    for item in checklist.items:
        field = fields[item.id]
        assert field["/FT"] == FIELD_TYPE[item.type], item.id
        flags = int(field.get("/Ff", 0))
        assert bool(flags & MULTILINE) == (item.type == "textarea"), item.id
        if item.type == "choice":
            assert flags & COMBO
            assert [str(option[1]) for option in field["/Opt"]][1:] == list(item.options or ())
        name = f"{item.label} (dd-mm-jjjj)" if item.type == "date" else item.label
        assert field["/TU"] == name, f"{item.id}: /TU must be the label (with the date format)"


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_filled_values_survive_a_save(checklist: Checklist, pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs[checklist.id])
    writer = PdfWriter(clone_from=reader)
    values: dict[str, str] = {}
    for item in checklist.items:
        if item.type in ("text", "textarea"):
            values[item.id] = f"Afspraak over {item.id}"
        elif item.type == "date":
            values[item.id] = "01-02-2027"
        elif item.type == "choice":
            values[item.id] = (item.options or ("",))[-1]
        else:
            values[item.id] = "/on"
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    filled = PdfReader(io.BytesIO(buffer.getvalue())).get_fields() or {}
    for name, value in values.items():
        assert str(filled[name].get("/V")) == value, name


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_pdf_is_tagged_dutch_and_titled(checklist: Checklist, pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs[checklist.id]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "nl"
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == checklist.title
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        widgets = [
            annot
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Widget"
        ]
        assert len(widgets) == len(checklist.items)
        assert all("/StructParent" in widget for widget in widgets)
        first = pdf.pages[0].MediaBox
        assert [round(float(v)) for v in first] == [0, 0, 595, 842], "A4"


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_qpdf_check_passes(checklist: Checklist, pdfs: dict[str, Path]) -> None:
    result = subprocess.run(
        ["qpdf", "--check", str(pdfs[checklist.id])], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_every_printed_page_shows_header_empty_fields_and_footer(
    checklist: Checklist, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    path = pdfs[checklist.id]
    images = render_pages(path, tmp_path)
    fields = widgets(path)
    assert {w.page for w in fields} <= set(range(len(images)))
    for number, image in enumerate(images, start=1):
        width, height = image.size
        header, footer = (0, 0, width, height * 22 // 297), (0, height * 271 // 297, width, height)
        assert ink(image, header) > 100, f"page {number}: nothing printed in the header"
        assert ink(image, footer) > 100, f"page {number}: nothing printed in the footer"
        lines = [line for line in page_text(path, number).splitlines() if line.strip()]
        assert lines[0].split() == ["MiLES", "–", "werkgeverstoolbox", *checklist.title.split()]
        assert any(f"Pagina {number} van {len(images)}" in line for line in lines[-4:])
        assert any(f"Versie {checklist.version}" in line for line in lines[-4:])
        for widget in (w for w in fields if w.page == number - 1):
            # The frame (CSS border and padding) lies just outside the widget's rectangle.
            x1, y1, x2, y2 = box(widget, 842, inset=0)
            frame = ink(image, box(widget, 842, inset=-6), GREY) - ink(
                image, (x1, y1, x2, y2), GREY
            )
            assert frame > 1.6 * (x2 - x1 + y2 - y1), f"{widget.name}: the field has no frame"
            assert ink(image, box(widget, 842)) == 0, f"{widget.name}: an empty field shows ink"


def test_header_footer_and_signatures_are_printed(pdfs: dict[str, Path]) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs[FIXTURE.id]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "MiLES – werkgeverstoolbox" in text
    assert FIXTURE.title in text
    assert "Versie 2" in text
    assert "Pagina 1 van" in text
    assert "Schrijf nooit een diagnose" in text
    assert "Handtekening werkgever" in text and "Handtekening medewerker" in text
    assert "Kies: Telefoon / Videobellen / Langskomen" in text
    assert "dd-mm-jjjj" in text


def test_yaml_text_is_escaped_in_the_pdf(pdfs: dict[str, Path]) -> None:
    fields = PdfReader(pdfs[FIXTURE.id]).get_fields() or {}
    assert fields["afspraken"]["/TU"] == "Wat spreken we af? <script>alert(1)</script>"
    text = subprocess.run(
        ["pdftotext", str(pdfs[FIXTURE.id]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<script>alert(1)</script>" in text


def test_unchanged_checklist_comes_from_the_cache(tmp_path: Path, pdf_builds: list[str]) -> None:
    calls = pdf_builds
    source = "id: voorbeeld-lijst\n"
    first = cached_checklist_pdf(FIXTURE, source, tmp_path)
    second = cached_checklist_pdf(FIXTURE, source, tmp_path)
    assert first == second and calls == ["voorbeeld-lijst"]
    cached_checklist_pdf(FIXTURE, source + "# changed\n", tmp_path)
    assert calls == ["voorbeeld-lijst", "voorbeeld-lijst"]
    assert len(list(tmp_path.glob("voorbeeld-lijst-*.pdf"))) == 1, "stale versions are removed"
    cached_checklist_pdf(FIXTURE, source + "# changed\n", tmp_path, content_version="v2")
    assert len(calls) == 3, "another content version in the footer is another PDF"
