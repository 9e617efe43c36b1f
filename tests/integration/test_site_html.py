"""The built HTML, read as an auditor's link checker and outline tools read it, on every page."""

from __future__ import annotations

from itertools import pairwise
from pathlib import PurePosixPath

import pytest

from support.html_facts import Link, PageFacts, local_target, page_facts
from support.site import BuiltSite


@pytest.fixture(scope="module")
def facts(built_site: BuiltSite) -> dict[PurePosixPath, PageFacts]:
    """Parse every page of the built site once."""
    return {
        PurePosixPath(path.as_posix()): page_facts(built_site.site / path)
        for path in built_site.pages()
    }


def broken_links(site: BuiltSite, facts: dict[PurePosixPath, PageFacts]) -> list[str]:
    """Describe every link to a missing site file or to a #fragment missing from its page."""
    broken = []
    for page, found in facts.items():
        for link in found.links:
            target = local_target(page, link.url)
            if target is None:
                continue
            path, fragment = target
            where = f"{page}:{link.line}: <{link.tag}> {link.url!r}"
            if path.parts[0] == ".." or not (site.site / path).is_file():
                broken.append(f"{where}: no file {path}")
            elif fragment and path.suffix == ".html":
                ids = facts[path].ids if path in facts else page_facts(site.site / path).ids
                if fragment not in ids:
                    broken.append(f"{where}: {path} has no id {fragment!r}")
    return broken


def test_every_internal_link_and_fragment_exists(
    built_site: BuiltSite, facts: dict[PurePosixPath, PageFacts], figures: list[str]
) -> None:
    links = sum(len(found.links) for found in facts.values())
    broken = broken_links(built_site, facts)
    figures.append(f"link check: {len(facts)} pages, {links} links, {len(broken)} broken")
    assert broken == []


def test_the_link_check_finds_a_missing_file_and_a_missing_fragment(
    built_site: BuiltSite, facts: dict[PurePosixPath, PageFacts]
) -> None:
    # The checker itself can fail: plant a broken link and a broken fragment on one page.
    page = PurePosixPath("melding/index.html")
    found = facts[page]
    planted = PageFacts(ids=found.ids, links=[*found.links])
    planted.links += [
        Link(1, "a", "../bestaat-niet.html"),
        Link(2, "a", "../begrippen.html#begrip-bestaat-niet"),
        Link(3, "a", "#miles-inhoud"),
    ]
    broken = broken_links(built_site, {**facts, page: planted})
    assert broken == [
        "melding/index.html:1: <a> '../bestaat-niet.html': no file bestaat-niet.html",
        "melding/index.html:2: <a> '../begrippen.html#begrip-bestaat-niet': "
        "begrippen.html has no id 'begrip-bestaat-niet'",
    ]


def test_no_page_skips_a_heading_level(facts: dict[PurePosixPath, PageFacts]) -> None:
    skips = []
    for page, found in facts.items():
        levels = found.headings
        if levels and levels[0][1] != 1:
            skips.append(f"{page}:{levels[0][0]}: the first heading is h{levels[0][1]}, not h1")
        for (_, before, above), (line, level, text) in pairwise(levels):
            if level > before + 1:
                skips.append(f"{page}:{line}: h{level} {text!r} follows h{before} {above!r}")
    assert skips == []


def test_every_table_has_a_caption_or_a_name(
    facts: dict[PurePosixPath, PageFacts], figures: list[str]
) -> None:
    tables = [(page, table) for page, found in facts.items() for table in found.tables]
    unnamed = [f"{page}:{t.line}: table {t.header!r}" for page, t in tables if not t.named]
    figures.append(
        f"tables: {len(tables)} on {len({page for page, _ in tables})} pages, "
        f"{len(unnamed)} without a caption or name"
    )
    assert len(tables) >= 3  # the timeline, the planner and the opbouwschema at least
    assert unnamed == [], "add a line 'Tabel: …' right above each table (see AUTHORING.md)"


def test_every_dialog_has_an_accessible_name(facts: dict[PurePosixPath, PageFacts]) -> None:
    dialogs = [(page, dialog) for page, found in facts.items() for dialog in found.dialogs]
    unnamed = [f"{page}:{line}: {element}" for page, (line, element, named) in dialogs if not named]
    # Material's search dialog is on every page; main.html names it.
    assert len(dialogs) >= len(facts)
    assert unnamed == []
