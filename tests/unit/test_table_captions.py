"""A 'Tabel: …' line right above a Markdown table becomes the table's caption."""

from __future__ import annotations

import markdown
import pytest

TABLE = "| Periode | Uren |\n|---|---|\n| Week 1 | 6 |\n"


def convert(text: str) -> str:
    extensions = ["tables", "md_in_html", "miles_site.render.table_captions"]
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (f"Tabel: Een voorbeeld\n\n{TABLE}", "<table><caption>Een voorbeeld</caption>"),
        (f"Tabel: Een *voorbeeld*\n\n{TABLE}", "<caption>Een <em>voorbeeld</em></caption>"),
        (
            f'<div class="x" markdown>\n\nTabel: In een blok\n\n{TABLE}\n</div>\n',
            '<div class="x">\n<table><caption>In een blok</caption>',
        ),
    ],
)
def test_a_tabel_line_above_a_table_becomes_its_caption(source: str, expected: str) -> None:
    html = convert(source)
    assert expected in html
    assert "Tabel:" not in html


@pytest.mark.parametrize(
    "source",
    [
        f"Tabel:\n\n{TABLE}",  # no caption text
        f"Tabel: met iets ertussen\n\nEen zin.\n\n{TABLE}",  # not right above the table
        f"Een tabel: zo ziet hij eruit\n\n{TABLE}",  # not at the start of the line
    ],
)
def test_other_paragraphs_stay_paragraphs(source: str) -> None:
    html = convert(source)
    assert "<caption>" not in html
    assert "<p>" in html
