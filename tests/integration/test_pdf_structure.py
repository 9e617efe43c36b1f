"""What the checklist PDFs are made of: form fields that every viewer can draw (/DA strings,
appearances, a subset field font), their size, page decoration marked as artifacts, and YAML
text shown literally in the header, footer and metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from miles_site.models.checklist import Checklist
from miles_site.pdf.checklist import build_checklist_pdf
from miles_site.pdf.fonts import FORM_CHARACTERS
from support.pdfs import ALL, FIXTURE, IDS, built_pdfs, page_text

MAX_BYTES = 120 * 1024


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every checklist's PDF once (shared with the other PDF test files)."""
    return built_pdfs(tmp_path_factory.mktemp("pdfs"))


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
