"""The font program of form fields: a subset of the field font that still covers typed text."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont

# What a viewer must be able to draw when someone types into a field: Latin-1, the rest of
# Windows-1252 (€ – — ‘ ’ “ ” … •) and the Dutch ij ligature, which Windows-1252 lacks.
_WINANSI_EXTRA = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
FORM_CHARACTERS = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x100)]
    + list(_WINANSI_EXTRA)
    + ["ĳ", "Ĳ"]
)


@dataclass(frozen=True)
class FontProgram:
    """A subset TrueType font and what a PDF font dictionary needs to describe it."""

    data: bytes
    postscript_name: str
    tag: str
    widths: dict[int, float]
    to_unicode: dict[int, str]
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


def _options() -> subset.Options:
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM"]
    options.name_IDs = [1, 2, 3, 4, 6]
    options.notdef_outline = True
    options.glyph_names = False
    return options


def _scale(font: TTFont, value: float) -> int:
    units: int = font["head"].unitsPerEm
    return round(value * 1000 / units)


def _program(font: TTFont, codes: dict[int, str]) -> FontProgram:
    """Describe a subset font; codes maps each character code (or glyph id) to its text."""
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    cmap = font.getBestCmap()
    widths: dict[int, float] = {}
    for code, text in codes.items():
        name = cmap[ord(text)]
        widths[code] = _scale(font, font["hmtx"][name][0])
    # A subset's tag is six capitals derived from its contents (ISO 32000-1, 9.6.4).
    digest = hashlib.sha256(data).digest()
    tag = "".join(chr(65 + b % 26) for b in digest[:6])
    return FontProgram(
        data=data,
        postscript_name=str(font["name"].getDebugName(6) or "Font").replace(" ", ""),
        tag=tag,
        widths=widths,
        to_unicode=dict(codes),
        bbox=(
            _scale(font, head.xMin),
            _scale(font, head.yMin),
            _scale(font, head.xMax),
            _scale(font, head.yMax),
        ),
        ascent=_scale(font, hhea.ascent),
        descent=_scale(font, hhea.descent),
        cap_height=_scale(font, getattr(os2, "sCapHeight", 0) or hhea.ascent),
    )


@lru_cache(maxsize=4)
def form_font(source: bytes) -> FontProgram:
    """Cut a full TrueType font down to FORM_CHARACTERS, keeping glyph ids (code = glyph id)."""
    font = TTFont(io.BytesIO(source))
    options = _options()
    # Keep glyph ids: the font is a CID font with an identity CID-to-glyph map.
    options.retain_gids = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in FORM_CHARACTERS])
    subsetter.subset(font)
    cmap = font.getBestCmap()
    codes = {font.getGlyphID(name): chr(code) for code, name in sorted(cmap.items())}
    return _program(font, codes)
