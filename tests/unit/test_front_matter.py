"""The front-matter model: each kind of bad front matter gives its exact message and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from miles_site.models.page import load_page, load_pages, overdue
from miles_site.models.phases import load_phases
from support.projects import ROOT, page

PHASES, _ = load_phases(ROOT / "data", ROOT)

GOOD = """\
---
title: Het eerste gesprek
description: Hoe u reageert op het nieuws.
phase: melding
audience: [leidinggevende, hr]
last_reviewed: 2026-11-01
review_due: 2027-11-01
sources:
  - title: HR Community
    url: https://hrcommunity.nl/2019/06/07/mijn-werknemer-heeft-kanker-en-nu/
---

Tekst.
"""


def load(tmp_path: Path, text: str | bytes) -> tuple[object, list[str]]:
    docs = tmp_path / "content"
    docs.mkdir(exist_ok=True)
    path = docs / "pagina.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result, issues = load_page(path, docs, tmp_path, PHASES)
    return result, [str(issue) for issue in issues]


def test_good_front_matter_becomes_a_model(tmp_path: Path) -> None:
    result, issues = load(tmp_path, GOOD)
    assert issues == []
    meta = result.meta  # type: ignore[attr-defined]
    assert meta.title == "Het eerste gesprek"
    assert meta.phase == "melding"
    assert meta.last_reviewed == dt.date(2026, 11, 1)
    assert str(meta.sources[0].url).startswith("https://hrcommunity.nl/")
    assert result.body_line == 12  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        pytest.param(
            GOOD.replace("audience: [leidinggevende, hr]", "audience: [leidinggevende, hr"),
            "content/pagina.md:6: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence); check indentation and quote text that contains "
            "': ' or starts with a special character",
            id="yaml-syntax",
        ),
        pytest.param(
            GOOD.replace("title: Het eerste gesprek\n", ""),
            "content/pagina.md:2: title: required field 'title' is missing; add it",
            id="missing-title",
        ),
        pytest.param(
            GOOD.replace("phase: melding", "phase: diagnose"),
            "content/pagina.md:4: phase: unknown phase 'diagnose'; use one of melding, "
            "behandeling, plan-terugkeer, terug-aan-het-werk, als-het-anders-loopt",
            id="unknown-phase",
        ),
        pytest.param(
            GOOD.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-13-01"),
            "content/pagina.md:6: last_reviewed: '2026-13-01' is not a valid date; "
            "write it as YYYY-MM-DD",
            id="bad-date",
        ),
        pytest.param(
            GOOD.replace(
                "    url: https://hrcommunity.nl/2019/06/07/mijn-werknemer-heeft-kanker-en-nu/\n",
                "",
            ),
            "content/pagina.md:9: sources[0].url: required field 'url' is missing; add it",
            id="source-without-url",
        ),
        pytest.param(
            GOOD.replace("audience:", "titel: Dubbel\naudience:"),
            "content/pagina.md:5: titel: unknown field 'titel'; check the spelling against the "
            "schema",
            id="unknown-field",
        ),
        pytest.param(
            GOOD.replace("review_due: 2027-11-01", "review_due: 2026-10-01"),
            "content/pagina.md:7: review_due: review_due (2026-10-01) must come after "
            "last_reviewed (2026-11-01); set review_due later, usually a year after last_reviewed",
            id="due-before-review",
        ),
        pytest.param(
            GOOD.replace(
                "  - title: HR Community\n    url: https://hrcommunity.nl/2019/06/07/"
                "mijn-werknemer-heeft-kanker-en-nu/\n",
                "  []\n",
            ).replace("sources:\n  []", "sources: []"),
            "content/pagina.md:8: sources: needs at least 1 item, found 0; add more",
            id="no-sources",
        ),
        pytest.param(
            "Tekst zonder front matter.\n",
            "content/pagina.md:1: the page has no front matter; start the file with a '---' "
            "line, the fields (title, description, …) and another '---' line",
            id="no-front-matter",
        ),
        pytest.param(
            "",
            "content/pagina.md:1: the page has no front matter; start the file with a '---' "
            "line, the fields (title, description, …) and another '---' line",
            id="empty-file",
        ),
        pytest.param(
            "---\n---\nTekst.\n",
            "content/pagina.md:2: there are no fields here; write them as 'key: value' lines",
            id="empty-front-matter",
        ),
        pytest.param(
            "---\n- title: Een lijst\n---\nTekst.\n",
            "content/pagina.md:2: expected fields ('key: value' lines), found a list; write the "
            "fields at the start of the line, not as a list",
            id="front-matter-is-a-list",
        ),
        pytest.param(
            GOOD.replace("audience:", "order: eerst\naudience:"),
            "content/pagina.md:5: order: expected a whole number, found the text 'eerst'; write "
            "a number such as 3",
            id="order-not-a-number",
        ),
        pytest.param(
            GOOD.replace("title: Het eerste gesprek", "title: Het eerste\x0bgesprek"),
            "content/pagina.md:2: a vertical tab (Word's Shift+Enter line break) (U+000B) at "
            "column 18 is not allowed; delete it, or type a space or a normal line break in its "
            "place",
            id="vertical-tab",
        ),
        pytest.param(
            GOOD.replace("Hoe u reageert op het nieuws.", "Één café\x0bnieuws."),
            "content/pagina.md:3: a vertical tab (Word's Shift+Enter line break) (U+000B) at "
            "column 22 is not allowed; delete it, or type a space or a normal line break in its "
            "place",
            id="vertical-tab-after-accents",
        ),
        pytest.param(
            GOOD.replace("phase: melding", "\tphase: melding"),
            "content/pagina.md:4: YAML syntax error: a tab character is used for indentation; "
            "indent with spaces",
            id="tab-indentation",
        ),
        pytest.param(
            GOOD.replace("Tekst.", "Café.").encode("cp1252"),
            "content/pagina.md:13: the file is not UTF-8: byte 0xE9 at column 4 (probably 'é' "
            "from Windows-1252) cannot be read; save the file as UTF-8 (in most editors: Save "
            "as, then choose the encoding UTF-8)",
            id="windows-1252",
        ),
        pytest.param(
            GOOD.encode("utf-16"),
            "content/pagina.md: the file is saved as UTF-16 ('Unicode'); save the file as UTF-8 "
            "(in most editors: Save as, then choose the encoding UTF-8)",
            id="utf-16",
        ),
    ],
)
def test_bad_front_matter_is_reported_with_file_and_line(
    tmp_path: Path, broken: str | bytes, expected: str
) -> None:
    result, issues = load(tmp_path, broken)
    assert result is None
    assert issues == [expected]


def test_a_byte_order_mark_is_accepted_as_mkdocs_does(tmp_path: Path) -> None:
    result, issues = load(tmp_path, "\ufeff" + GOOD)
    assert issues == []
    assert result.meta.title == "Het eerste gesprek"  # type: ignore[attr-defined]
    assert result.body_line == 12  # type: ignore[attr-defined]


def test_all_problems_of_all_pages_are_collected(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "een.md").write_text(GOOD.replace("phase: melding", "phase: x"), "utf-8")
    (docs / "twee.md").write_text(GOOD.replace("title: Het eerste gesprek\n", ""), "utf-8")
    (docs / "drie.md").write_text(GOOD, "utf-8")
    pages, issues = load_pages(docs, tmp_path, PHASES)
    assert [p.src_uri for p in pages] == ["drie.md"]
    assert [(i.file, i.line, i.loc) for i in issues] == [
        ("content/a/een.md", 4, "phase"),
        ("content/twee.md", 2, "title"),
    ]


def test_overdue_review_is_a_warning_at_its_line(tmp_path: Path) -> None:
    result, _ = load(tmp_path, GOOD)
    assert result is not None
    warnings = overdue([result], dt.date(2027, 11, 2))  # type: ignore[list-item]
    assert [str(w) for w in warnings] == [
        "content/pagina.md:7: review_due: the review date 2027-11-01 has passed; check the page "
        "against its sources, then update last_reviewed and review_due"
    ]
    assert overdue([result], dt.date(2027, 11, 1)) == []  # type: ignore[list-item]


def test_the_test_page_helper_is_valid(tmp_path: Path) -> None:
    result, issues = load(tmp_path, page("Titel", "behandeling"))
    assert issues == []
    assert result is not None
