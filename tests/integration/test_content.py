"""The toolbox content: complete phases, plain language, and law pages that match the data."""

from __future__ import annotations

import re

import pytest

from miles_site.models.data import TimelineStep
from miles_site.project import Paths, load_project
from miles_site.render.environment import nl_date
from miles_site.site_readability import measure_site
from support.projects import ROOT
from support.site import BuiltSite

PROJECT = load_project(Paths.under(ROOT))
PAGES = {page.src_uri: page for page in PROJECT.pages}

# Week numbers in the law pages that are not steps of the timeline, each with its reason.
ALLOWED_WEEKS = {
    91: "the WIA deadline in older sources, named on the pages as outdated",
    31: "worked example of adding up sick periods (30 weeks, a gap, then the 31st week)",
}


def weeks_of(step: TimelineStep) -> set[int]:
    """Return the week numbers a step names."""
    return {step.week} | ({step.until_week} if step.until_week is not None else set())


def test_the_project_has_no_problems() -> None:
    assert PROJECT.errors == []
    assert PROJECT.warnings == []
    # Every page, written or generated, that misses the B1 readability thresholds.
    assert measure_site(PROJECT)[1] == []


@pytest.mark.parametrize("phase", [p.id for p in PROJECT.phases])
def test_every_phase_has_an_overview_and_six_topic_pages(phase: str) -> None:
    assert f"{phase}/index.md" in PAGES
    topics = [uri for uri in PAGES if uri.startswith(f"{phase}/") and not uri.endswith("index.md")]
    assert len(topics) >= 6, topics
    assert all(PAGES[uri].meta.phase == phase for uri in topics)


@pytest.mark.parametrize("phase", [p.id for p in PROJECT.phases])
def test_phase_overview_has_the_agreed_parts(phase: str) -> None:
    body = PAGES[f"{phase}/index.md"].body
    for heading in (
        "## Wat u kunt doen",
        "## Drie tips",
        "## Wat zegt de wet nu",
        "## Wie kan helpen",
        "## In deze fase",
    ):
        assert heading in body, f"{phase}: missing {heading!r}"
    scenarios = [s.scenario.id for s in PROJECT.scenarios if s.scenario.phase == phase]
    checklists = [c.checklist.id for c in PROJECT.checklists if phase in c.checklist.phases]
    for scenario_id in scenarios:
        assert f"<!-- miles:scenario {scenario_id} -->" in body
    for checklist_id in checklists:
        assert f"<!-- miles:checklist {checklist_id} -->" in body


def test_law_week_numbers_match_the_timeline_data() -> None:
    timeline = PROJECT.data.timeline
    assert timeline is not None
    legal = set().union(*(weeks_of(step) for step in timeline.steps))
    law_pages = [page for uri, page in PAGES.items() if uri.startswith("wet-en-regels/")]
    assert len(law_pages) >= 6
    found = {}
    for page in law_pages:
        for number in re.findall(r"\b[Ww]eek (\d+)", page.body):
            found.setdefault(int(number), set()).add(page.src_uri)
        for last in re.findall(r"\b[Ww]eek \d+ (?:tot en met|tot|of) (\d+)", page.body):
            found.setdefault(int(last), set()).add(page.src_uri)
    unknown = {
        week: pages
        for week, pages in found.items()
        if week not in legal and week not in ALLOWED_WEEKS
    }
    assert unknown == {}
    assert {6, 8, 42, 93, 104} <= legal


def test_law_timeline_table_is_rendered_from_the_data(built_site: BuiltSite) -> None:
    html = (built_site.site / "wet-en-regels" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # glossary terms are wrapped in <abbr>
    timeline = PROJECT.data.timeline
    assert timeline is not None
    for step in timeline.steps:
        assert step.label in text
    assert "Uiterlijk einde week 93" in text
    assert "<th>Wanneer</th>" in html and "<th>Wie</th>" in html
    assert str(timeline.binding_rules) in html


def test_glossary_terms_explain_themselves_on_other_pages(built_site: BuiltSite) -> None:
    html = (built_site.site / "behandeling" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">probleemanalyse</abbr>', html)


def test_every_organisation_shows_its_own_link_and_checked_date(built_site: BuiltSite) -> None:
    html = (built_site.site / "wie-kan-helpen.html").read_text(encoding="utf-8")
    organisations = PROJECT.data.organisations
    assert organisations is not None and len(organisations.organisations) >= 10
    sections = dict(re.findall(r'<h3 id="org-([a-z0-9-]+)"(.*?)(?=<h[23] |</article>)', html, re.S))
    assert sorted(sections) == sorted(o.id for o in organisations.organisations)
    for organisation in organisations.organisations:
        section = sections[organisation.id]
        assert f"Link gecontroleerd op {nl_date(organisation.checked)}." in section
        assert f'href="{organisation.url}"' in section
