"""The law on the site: corrected claims stay corrected; deadlines rest on primary sources."""

from __future__ import annotations

import re

import pytest

from miles_site.project import Paths, load_project
from support.projects import ROOT

PROJECT = load_project(Paths.under(ROOT))
PAGES = {page.src_uri: page for page in PROJECT.pages}
DATA = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "data").glob("*.yml")}
# Scenarios and checklists teach rules without a page around them: each cites its own sources.
CITED = {s.loaded.file: s.scenario.sources for s in PROJECT.scenarios} | {
    c.loaded.file: c.checklist.sources for c in PROJECT.checklists
}

# Claims an independent review found wrong (issue #9), each with what is right instead.
WRONG = {
    r"meer dan 35 ?(procent|%)": "the WIA threshold is 35 procent or more",
    r"begin(?:\s+van)?\s+week\s+42|eerste\s+(?:werk)?dag\s+van\s+week\s+42": (
        "report at the latest on the first working day after week 42"
    ),
    r"ontslagverbod": "one word for the dismissal ban: opzegverbod",
    r"sinds\s+(?:een\s+wetswijziging\s+in\s+)?2021": "bill 35 589 never came into force",
    r"week\s+4\s+(?:en|tot)": "early IVA can be requested from week 3",
    r"eigen\s+of\s+(?:in\s+)?aangepast\s+werk": "recovery is measured against the own job",
    r"hoe\s+lang\s+de\s+ziekte": "ask about the expected duration of the absence, not the illness",
    r"\b(?:kan|heeft|zal)\s+u\s+of\b": "kunt u, where u is the subject",
    r"u\s+tekent\s+(?:het\s+(?:plan\s+)?)?allebei": "signing is UWV form practice, not a duty",
    r"u\s+schrijft\s+de\s+eindevaluatie": "employer and employee make the eindevaluatie together",
    r"(?:wet\s+vraagt|wettelijk\w*)[^.]{0,80}(?:elke|iedere)\s+(?:6|zes)\s+weken"
    r"|(?:elke|iedere)\s+(?:6|zes)\s+weken[^.]{0,80}\.\s*Dat\s+is\s+een\s+wettelijke": (
        "the plan is evaluated regularly; every 6 weeks is what UWV expects, not a statutory term"
    ),
}
# Pages that state no legal duty, deadline or privacy rule; every other page cites a primary source.
NO_LEGAL_RULE = {
    "als-het-anders-loopt/afscheid-en-rouw.md": "grief and farewell; rules on a linked page",
    "gesprekken/index.md": "how the practice conversations work",
    "over/index.md": "the research behind MiLES",
}


def texts() -> list[tuple[str, str]]:
    """Every text a reader sees that this check covers: page bodies and data files."""
    found = [(f"content/{uri}", page.body) for uri, page in PAGES.items()]
    return found + [(f"data/{name}", text) for name, text in DATA.items()]


@pytest.mark.parametrize("pattern", WRONG, ids=list(WRONG.values()))
def test_a_corrected_claim_does_not_come_back(pattern: str) -> None:
    hits = [
        name
        for name, text in texts()
        if re.search(pattern, " ".join(text.split()), flags=re.IGNORECASE)
    ]
    assert hits == [], f"{WRONG[pattern]}: {hits}"


def test_every_page_on_the_dismissal_ban_says_a_fixed_term_contract_still_ends() -> None:
    missing = [
        uri
        for uri, page in PAGES.items()
        if "opzegverbod" in page.body
        and not ("bepaalde tijd" in page.body and "laatste werkdag" in page.body)
    ]
    assert missing == []


def test_every_timeline_step_rests_on_a_primary_source() -> None:
    timeline = PROJECT.data.timeline
    assert timeline is not None
    secondary_only = [
        step.id for step in timeline.steps if not any(s.is_primary for s in step.sources)
    ]
    assert secondary_only == []
    assert any(s.is_primary for s in timeline.recurrence.sources)


@pytest.mark.parametrize("uri", sorted(u for u in PAGES if u.startswith("wet-en-regels/")))
def test_every_law_page_rests_on_a_primary_source(uri: str) -> None:
    assert any(s.is_primary for s in PAGES[uri].meta.sources)


@pytest.mark.parametrize("uri", sorted(set(PAGES) - set(NO_LEGAL_RULE)))
def test_every_page_that_states_a_rule_rests_on_a_primary_source(uri: str) -> None:
    assert any(s.is_primary for s in PAGES[uri].meta.sources)


def test_the_pages_said_to_state_no_rule_exist() -> None:
    assert sorted(set(NO_LEGAL_RULE) - set(PAGES)) == []


def test_every_scenario_and_checklist_is_loaded_for_the_source_check() -> None:
    files = [*ROOT.glob("video_scripts/*.yml"), *ROOT.glob("checklists/*.yml")]
    assert sorted(CITED) == sorted(path.relative_to(ROOT).as_posix() for path in files)


@pytest.mark.parametrize("file", sorted(CITED))
def test_every_scenario_and_checklist_rests_on_a_primary_source(file: str) -> None:
    # Primary hosts: miles_site.models.page.PRIMARY_HOSTS; `miles check` warns about the same.
    assert any(source.is_primary for source in CITED[file])


def test_the_42nd_week_report_falls_on_the_first_working_day_after_week_42() -> None:
    timeline = PROJECT.data.timeline
    assert timeline is not None
    step = next(s for s in timeline.steps if s.id == "melding-42e-week")
    assert (step.rule, step.week) == ("werkdag-na-week", 42)
    assert "boete" in step.explanation
    assert "Feestdagen" in timeline.convention
