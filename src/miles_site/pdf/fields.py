"""Make WeasyPrint's form fields work in every viewer: fonts, /DA strings and appearances.

WeasyPrint writes text fields without appearance streams and check boxes without a /DA
string, and sets /NeedAppearances. Poppler (Evince, Okular, CUPS) then redraws every field
from its /DA, and draws no tick in a box that has none. It also embeds the whole field font.
This module gives every field a valid /DA, an appearance for each state, a subset field font
that still covers Dutch and West-European typing, and drops /NeedAppearances.
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from miles_site.pdf.fonts import FontProgram, form_font

# The /DA operators a field may carry (ISO 32000-1, 12.7.3.3): a font and a colour only.
_DA_TOKEN = re.compile(rb"/[^\s/]+|[-+]?\d*\.?\d+|[A-Za-z]+")
_COLOUR_OPERATORS = {b"g": 1, b"rg": 3, b"k": 4}
# Check boxes: poppler redraws a ticked box (when /NeedAppearances is set, e.g. by a filling
# tool) as the caption /MK /CA in the font named ZaDb, and draws nothing without that font.
# A Type 3 font with a vector tick needs no font file and looks the same everywhere.
CHECK_FONT = "ZaDb"
CHECK_CAPTION = "4"  # ZapfDingbats' check mark, Acrobat's default caption
_TICK = b"1000 0 0 0 1000 1000 d1 30 540 m 420 60 l 990 980 l 400 280 l h f"


class FormError(Exception):
    """WeasyPrint wrote a form this module cannot finish: a fault of the code, not the YAML."""


def _parse_da(da: bytes) -> tuple[str, float, list[bytes]]:
    """Split a /DA string into font resource name, size and colour operator tokens."""
    font, size, colour = "", 0.0, [b"0", b"g"]
    stack: list[bytes] = []
    for token in _DA_TOKEN.findall(da):
        if token == b"Tf" and len(stack) >= 2:
            font, size = stack[-2].decode("ascii")[1:], float(stack[-1])
        elif token in _COLOUR_OPERATORS and len(stack) >= _COLOUR_OPERATORS[token]:
            colour = [*stack[-_COLOUR_OPERATORS[token] :], token]
        if token.isalpha():
            stack = []
        else:
            stack.append(token)
    return font, size, colour


def _da(font: str, size: float, colour: list[bytes]) -> String:
    return String(f"/{font} {size:g} Tf " + b" ".join(colour).decode("ascii"))


def _to_unicode(pdf: Pdf, codes: dict[int, str], width: int) -> pikepdf.Stream:
    """Write a ToUnicode CMap for one- or two-byte codes."""
    digits = width * 2
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        f"1 begincodespacerange <{0:0{digits}x}> <{(1 << (8 * width)) - 1:0{digits}x}>",
        "endcodespacerange",
    ]
    items = sorted(codes.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar")
        lines += [f"<{code:0{digits}x}> <{text.encode('utf-16-be').hex()}>" for code, text in batch]
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return pdf.make_stream("\n".join(lines).encode("ascii"))


def _descriptor(pdf: Pdf, program: FontProgram, name: Name, flags: int) -> Dictionary:
    stream = pdf.make_stream(program.data)
    stream.Length1 = len(program.data)
    return Dictionary(
        Type=Name.FontDescriptor,
        FontName=name,
        Flags=flags,
        FontBBox=Array(program.bbox),
        ItalicAngle=0,
        Ascent=program.ascent,
        Descent=program.descent,
        CapHeight=program.cap_height,
        StemV=80,
        FontFile2=stream,
    )


def _subset_cid_font(pdf: Pdf, font: pikepdf.Object) -> None:
    """Replace a whole embedded CID font by its form subset (glyph ids are kept)."""
    cid_font = font.DescendantFonts[0]
    source = cid_font.FontDescriptor.FontFile2.read_bytes()
    program = form_font(source)
    name = Name(f"/{program.tag}+{program.postscript_name}")
    # /W lists each glyph id followed by an array with its width.
    widths: list[object] = []
    for gid in sorted(program.widths):
        widths += [gid, Array([program.widths[gid]])]
    font.BaseFont = cid_font.BaseFont = name
    font.ToUnicode = pdf.make_indirect(_to_unicode(pdf, program.to_unicode, 2))
    cid_font.W = Array(widths)
    cid_font.FontDescriptor = pdf.make_indirect(_descriptor(pdf, program, name, flags=32))


def _check_font(pdf: Pdf) -> pikepdf.Object:
    """Make the Type 3 font whose code '4' (and '3') draws a tick in the current colour."""
    tick = pdf.make_indirect(pdf.make_stream(_TICK))
    code = ord(CHECK_CAPTION)
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 1000, 1000]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=Dictionary(check=tick),
            Encoding=Dictionary(
                Type=Name.Encoding, Differences=Array([code - 1, Name.check, Name.check])
            ),
            FirstChar=code - 1,
            LastChar=code,
            Widths=Array([1000, 1000]),
            Resources=Dictionary(),
            ToUnicode=pdf.make_indirect(_to_unicode(pdf, {code - 1: "✓", code: "✔"}, 1)),
        )
    )


def _appearance(pdf: Pdf, width: float, height: float, content: bytes) -> pikepdf.Object:
    return pdf.make_indirect(
        pdf.make_stream(
            content,
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=Array([0, 0, width, height]),
            Resources=Dictionary(),
        )
    )


def _text_fields(pdf: Pdf, form: pikepdf.Object, fonts: Dictionary) -> None:
    """Clean each text and choice field's /DA and subset the fonts they name into fonts."""
    old_fonts = form.DR.Font if "/DR" in form and "/Font" in form.DR else Dictionary()
    for field in form.Fields:
        if "/DA" not in field:
            continue
        font_name, size, colour = _parse_da(bytes(field.DA))
        key = f"/{font_name}"
        if key not in old_fonts:
            raise FormError(f"field {field.get('/T')}: /DA names no font of the form: {field.DA}")
        if key not in fonts:
            _subset_cid_font(pdf, old_fonts[key])
            fonts[key] = old_fonts[key]
        field.DA = _da(font_name, size, colour)


def _box_colour(field: pikepdf.Object) -> list[bytes]:
    """Return the colour operator of a check box's border (WeasyPrint: the input's colour)."""
    characteristics = field.get("/MK")
    colours = characteristics.get("/BC") if isinstance(characteristics, Dictionary) else None
    border = [f"{float(v):g}".encode("ascii") for v in colours or ()]
    return [*border, b"rg"] if len(border) == 3 else [b"0", b"g"]


def finish_fields(pdf: Pdf) -> None:
    """Give every field a /DA, appearances and a subset font; drop /NeedAppearances."""
    if "/AcroForm" not in pdf.Root:
        return
    form = pdf.Root.AcroForm
    fonts = Dictionary()
    _text_fields(pdf, form, fonts)
    for field in form.Fields:
        if "/Rect" not in field:
            continue  # a radio group's parent (the template makes none) has no widget
        llx, lly, urx, ury = (float(v) for v in field.Rect)
        llx, urx, lly, ury = min(llx, urx), max(llx, urx), min(lly, ury), max(lly, ury)
        field.Rect = Array([llx, lly, urx, ury])
        width, height = urx - llx, ury - lly
        if field.get("/FT") == Name.Btn:
            if f"/{CHECK_FONT}" not in fonts:
                fonts[f"/{CHECK_FONT}"] = _check_font(pdf)
            # A fixed size: poppler's automatic size (0) draws a tick a third of the box.
            field.DA = _da(CHECK_FONT, round(height * 0.8, 1), _box_colour(field))
            field.MK.CA = String(CHECK_CAPTION)
            field.AP.N.Off = _appearance(pdf, width, height, b"")
        else:
            field.AP = Dictionary(N=_appearance(pdf, width, height, b"/Tx BMC EMC"))
    form.DR = Dictionary(Font=fonts)
    # Every field now has an appearance of its own: viewers need not (and poppler must not)
    # redraw them from scratch.
    if "/NeedAppearances" in form:
        del form["/NeedAppearances"]
