"""Every checklist PDF, read back: fields, accessible names, tagging, qpdf and rendering."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from miles_site.models.checklist import Checklist
from miles_site.models.checklist_checks import ChecklistSource, load_checklists
from miles_site.models.phases import load_phases
from miles_site.pdf import checklist as pdf_module
from miles_site.pdf.checklist import build_checklist_pdf, cached_checklist_pdf
from support.projects import ROOT

PHASES, _ = load_phases(ROOT / "data", ROOT)
PAGES = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
SCENARIOS = {p.stem for p in (ROOT / "video_scripts").glob("*.yml")} | {"voorbeeld"}


def load(folder: Path) -> list[ChecklistSource]:
    found, errors = load_checklists(folder, ROOT, PHASES, SCENARIOS, PAGES)
    assert errors == []
    return found


REAL = load(ROOT / "checklists")
FIXTURE = load(ROOT / "tests/fixtures/checklists")[0].checklist
FIELD_TYPE = {"check": "/Btn", "text": "/Tx", "date": "/Tx", "textarea": "/Tx", "choice": "/Ch"}
MULTILINE, COMBO = 1 << 12, 1 << 17


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every real checklist's PDF once, plus the fixture's."""
    folder = tmp_path_factory.mktemp("pdfs")
    built = {}
    for checklist in [s.checklist for s in REAL] + [FIXTURE]:
        path = folder / f"{checklist.id}.pdf"
        path.write_bytes(build_checklist_pdf(checklist))
        built[checklist.id] = path
    return built


ALL = [s.checklist for s in REAL] + [FIXTURE]
IDS = [c.id for c in ALL]


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
        assert field["/TU"] == item.label, f"{item.id}: /TU must be the label, not the name"


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
def test_first_page_renders_to_png(
    checklist: Checklist, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    prefix = tmp_path / checklist.id
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdfs[checklist.id]),
            str(prefix),
        ],
        check=True,
        capture_output=True,
    )
    png = prefix.with_suffix(".png")
    assert png.stat().st_size > 5_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


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


def test_unchanged_checklist_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_build = pdf_module.build_checklist_pdf

    def counting(checklist: Checklist, content_version: str = "") -> bytes:
        calls.append(checklist.id)
        return real_build(checklist, content_version)

    monkeypatch.setattr(pdf_module, "build_checklist_pdf", counting)
    source = "id: voorbeeld-lijst\n"
    first = cached_checklist_pdf(FIXTURE, source, tmp_path)
    second = cached_checklist_pdf(FIXTURE, source, tmp_path)
    assert first == second and calls == ["voorbeeld-lijst"]
    cached_checklist_pdf(FIXTURE, source + "# changed\n", tmp_path)
    assert calls == ["voorbeeld-lijst", "voorbeeld-lijst"]
    assert len(list(tmp_path.glob("voorbeeld-lijst-*.pdf"))) == 1, "stale versions are removed"
