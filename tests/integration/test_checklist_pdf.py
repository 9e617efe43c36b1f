"""Every checklist PDF, read back: fields, accessible names, tagging, fonts, qpdf and what a
reader sees on the printed page."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter

from miles_site.models.checklist import Checklist
from miles_site.pdf import checklist as pdf_module
from miles_site.pdf.checklist import build_checklist_pdf, cached_checklist_pdf
from miles_site.pdf.fonts import FORM_CHARACTERS
from support.pdfs import (
    ALL,
    FIXTURE,
    GREY,
    IDS,
    REAL,
    box,
    built_pdfs,
    ink,
    render_pages,
    widgets,
)

FIELD_TYPE = {"check": "/Btn", "text": "/Tx", "date": "/Tx", "textarea": "/Tx", "choice": "/Ch"}
MULTILINE, COMBO = 1 << 12, 1 << 17
MAX_BYTES = 120 * 1024


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
    cached_checklist_pdf(FIXTURE, source + "# changed\n", tmp_path, content_version="v2")
    assert len(calls) == 3, "another content version in the footer is another PDF"


# -- form fields that work in every viewer ----------------------------------------------------


def da_parts(da: str) -> tuple[str, float]:
    """Return the font resource and size that a /DA string sets."""
    tokens = da.split()
    at = tokens.index("Tf")
    return tokens[at - 2], float(tokens[at - 1])


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_every_field_has_a_da_an_appearance_and_10pt_text(
    checklist: Checklist, pdfs: dict[str, Path]
) -> None:
    with pikepdf.open(pdfs[checklist.id]) as pdf:
        form = pdf.Root.AcroForm
        assert not form.get("/NeedAppearances", False), "every field carries its appearance"
        fonts = form.DR.Font
        for field in form.Fields:
            name, da = str(field.T), str(field.get("/DA", ""))
            assert "Tf" in da, f"{name}: no font in /DA (poppler draws nothing)"
            assert " gs" not in da, f"{name}: /DA may only set a font and a colour"
            font, size = da_parts(da)
            assert font in fonts, f"{name}: /DA font {font} is not in the form's /DR"
            assert "/N" in field.AP, f"{name}: no normal appearance"
            if field.FT == "/Btn":
                assert set(field.AP.N.keys()) == {"/on", "/Off"}, name
                assert str(field.MK.CA) == "4", f"{name}: no check caption"
                assert fonts[font].Subtype == "/Type3", "the tick is drawn, not taken from a font"
            else:
                assert size >= 10, f"{name}: typed text is {size} pt"
                assert fonts[font].Subtype == "/Type0"


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_field_font_is_a_subset_that_still_covers_dutch_typing(
    checklist: Checklist, pdfs: dict[str, Path]
) -> None:
    with pikepdf.open(pdfs[checklist.id]) as pdf:
        fonts = [f for f in pdf.Root.AcroForm.DR.Font.values() if f.Subtype == "/Type0"]
        assert len(fonts) == 1
        descendant = fonts[0].DescendantFonts[0]
        program = descendant.FontDescriptor.FontFile2.read_bytes()
        to_unicode = fonts[0].ToUnicode.read_bytes().decode("ascii")
    font = TTFont(io.BytesIO(program))
    cmap, glyphs = font.getBestCmap(), font["glyf"]
    drawn = [name for name in font.getGlyphOrder() if glyphs[name].numberOfContours != 0]
    assert len(drawn) < 300, f"{len(drawn)} glyphs: the field font is not a subset"
    for char in sorted(FORM_CHARACTERS | set("éëïĳ€–“”‘’½")):
        assert ord(char) in cmap, f"the field font cannot draw typed {char!r}"
        glyph = glyphs[cmap[ord(char)]]
        assert char.isspace() or glyph.numberOfContours != 0, f"{char!r} has no outline"
        gid = font.getGlyphID(cmap[ord(char)])
        assert f"<{gid:04x}>" in to_unicode, f"{char!r} is missing from the ToUnicode map"


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_pdf_is_at_most_120_kib(checklist: Checklist, pdfs: dict[str, Path]) -> None:
    size = pdfs[checklist.id].stat().st_size
    assert size <= MAX_BYTES, f"{size / 1024:.0f} KiB"


# -- page decoration and the structure tree ---------------------------------------------------


def struct_elements(root: pikepdf.Object) -> set[tuple[int, int]]:
    """Collect every structure element reachable from the structure tree root."""
    seen: set[tuple[int, int]] = set()
    pending = [root.K]
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Array):
            pending.extend(node)
        elif (
            isinstance(node, pikepdf.Dictionary)
            and node.get("/S") is not None
            and node.objgen not in seen
        ):
            seen.add(node.objgen)
            pending.append(node.get("/K"))
    return seen


@pytest.mark.parametrize("checklist", ALL, ids=IDS)
def test_page_decoration_is_artifact_and_all_other_content_is_in_the_tree(
    checklist: Checklist, pdfs: dict[str, Path]
) -> None:
    with pikepdf.open(pdfs[checklist.id]) as pdf:
        root = pdf.Root.StructTreeRoot
        reachable = struct_elements(root)
        nums = root.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages, start=1):
            owners = parents[int(page.obj.StructParents)]
            open_tags: list[str] = []
            decoration_text = content_text = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    open_tags.append(str(operands[0]))
                    if op == "BDC" and "/MCID" in operands[1]:
                        owner = owners[int(operands[1].MCID)]
                        assert owner.objgen in reachable, f"page {number}: orphan marked content"
                elif op == "EMC":
                    open_tags.pop()
                elif op in ("Tj", "TJ"):
                    assert open_tags, f"page {number}: text outside marked content"
                    if "/Artifact" in open_tags:
                        decoration_text += 1
                    else:
                        content_text += 1
            # Header (2), footer version and page number (2), the privacy line (1 or more).
            assert decoration_text >= 5, f"page {number}: the page decoration is not an artifact"
            assert content_text > 0


# -- YAML text in the header, footer and metadata ---------------------------------------------

HOSTILE_TITLE = 'Collega\'s "team" \\ } @page { content: "x" } </style> &amp; &#39;é'
HOSTILE_VERSION = 'v1.2 "}" \\a9 ) string(x) <b>'


def test_header_footer_and_metadata_show_yaml_text_literally(tmp_path: Path) -> None:
    checklist = FIXTURE.model_copy(update={"title": HOSTILE_TITLE, "purpose": HOSTILE_TITLE})
    path = tmp_path / "hostile.pdf"
    path.write_bytes(build_checklist_pdf(checklist, content_version=HOSTILE_VERSION))
    pages = PdfReader(path).get_num_pages()
    for number in range(1, pages + 1):
        lines = [line for line in page_text(path, number).splitlines() if line.strip()]
        assert lines[0].split() == ["MiLES", "–", "werkgeverstoolbox", *HOSTILE_TITLE.split()]
        bottom_left = " ".join(page_text(path, number, (0, 842 - 74, 200, 74)).split())
        assert bottom_left.startswith(f"Versie 2 · inhoud {HOSTILE_VERSION}")
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo.Title) == HOSTILE_TITLE
        assert str(pdf.docinfo.Subject) == HOSTILE_TITLE
        with pdf.open_metadata() as xmp:
            assert xmp.get("dc:title") == HOSTILE_TITLE


def test_content_version_is_shown_only_when_given(pdfs: dict[str, Path], tmp_path: Path) -> None:
    assert "inhoud" not in page_text(pdfs[FIXTURE.id], 1)
    path = tmp_path / "versioned.pdf"
    path.write_bytes(build_checklist_pdf(FIXTURE, content_version="2026.12-3f9c2e1"))
    shown = "Versie 2 · inhoud 2026.12-3f9c2e1"
    assert shown in " ".join(page_text(path, 1).split()), "under the title"
    assert " ".join(page_text(path, 1, (0, 842 - 74, 200, 74)).split()).startswith(shown)
