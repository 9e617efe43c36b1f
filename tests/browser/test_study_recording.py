"""What the study script records at the edges: addresses the site lacks, and Back in a scenario.

Each test has a participant of its own, so that it can count that participant's statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from miles_site.project import Paths, load_project
from miles_site.render.scenario import SCENARIO_FOLDER
from miles_site.study.dose import Window, dose_table
from miles_site.study.statements import parse_statement
from support.lrs import PARTICIPANTS, ROOT, StudyLrs, sign_in, wait_until_sent
from support.projects import scenario_source

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# What a reader might type or paste into the address bar: it must never leave the device.
TYPED = "jan-heeft-leukemie"
# A '%' that starts no escape: decodeURI throws on it.
MALFORMED = "melding/100%-ziek-%E0%A4%A"


@pytest.fixture
def study_page(browser: Browser, study_site: Path) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    yield context.new_page()
    context.close()


def statements_of(lrs: StudyLrs, code: str) -> list[dict[str, Any]]:
    """Return the statements the LRS holds from one participant, oldest first."""
    found = [s for s in lrs.all_statements() if s["authority"]["account"]["name"] == code]
    return sorted(found, key=lambda s: s["timestamp"])


def test_an_address_the_site_lacks_is_recorded_as_the_404_page_never_as_typed(
    study_page: Page, study_site_url: str, study_lrs: StudyLrs
) -> None:
    page, site, code = study_page, study_site_url, PARTICIPANTS[2]
    study_lrs.typed += [TYPED, "leukemie", "100%-ziek"]
    page.goto(site + "studie/index.html")
    sign_in(page, code, study_lrs.pins[code])
    expect(page.locator("[data-miles-study-status]")).to_contain_text("Gelukt")
    for address in (TYPED, MALFORMED):
        response = page.goto(site + address)
        assert response is not None and response.status == 404
        # The host's not-found page runs the study script, like every page of the site.
        expect(page.locator(".miles-study-bar")).to_contain_text(code)
    page.goto(site + "melding/index.html")
    wait_until_sent(page, code)
    statements = statements_of(study_lrs, code)
    text = json.dumps(statements).lower()
    assert "leukemie" not in text and "ziek" not in text
    views = [s["object"]["id"] for s in statements if s["verb"]["id"].endswith("/viewed")]
    # Both not-found pages are recorded (a bad '%' must not stop the view being sent).
    assert views == [site + "studie/index.html", site + "404.html", site + "404.html"]


def test_back_in_the_player_is_recorded_and_the_undone_choice_leaves_the_dose(
    study_page: Page, study_site_url: str, study_lrs: StudyLrs
) -> None:
    page, site, code = study_page, study_site_url, PARTICIPANTS[3]
    scenario = scenario_source(load_project(Paths.under(ROOT)), "het-nieuws").scenario
    start = scenario.nodes[scenario.start]
    choices = start.choices or ()
    undone, kept = 0, next(i for i, c in enumerate(choices) if c.quality != choices[0].quality)
    page.goto(site + "studie/index.html")
    sign_in(page, code, study_lrs.pins[code])
    expect(page.locator("[data-miles-study-status]")).to_contain_text("Gelukt")
    page.goto(f"{site}{SCENARIO_FOLDER}/{scenario.id}.html")
    title = page.locator(".miles-player__title")
    first_heading = title.inner_text()
    page.locator(".miles-player__choices button").nth(undone).click()
    expect(title).not_to_have_text(first_heading)
    page.locator(".miles-player__back").click()
    expect(title).to_have_text(first_heading)
    page.locator(".miles-player__choices button").nth(kept).click()
    expect(title).not_to_have_text(first_heading)
    page.goto(site + "studie/bijgehouden.html")
    expect(page.locator("[data-miles-study-rows]")).to_contain_text("Keuze teruggedraaid")
    wait_until_sent(page, code)

    statements = statements_of(study_lrs, code)
    [back] = [s for s in statements if s["verb"]["id"].endswith("/interacted")]
    context = {k.rsplit("/", 1)[1]: v for k, v in back["context"]["extensions"].items()}
    assert (context["action"], context["scene"]) == ("back", scenario.start)
    assert (
        back["object"]["id"] == f"{site}{SCENARIO_FOLDER}/{scenario.id}.html#scene-{scenario.start}"
    )
    events = sorted((parse_statement(s) for s in statements), key=lambda e: e.timestamp)
    window = Window(events[0].timestamp, events[-1].timestamp, ZoneInfo("UTC"))
    [row] = dose_table(events, window, [])
    quality = choices[kept].quality.replace(" ", "_")
    assert (row["choices"], row["choices_undone"], row[f"choices_{quality}"]) == (1, 1, 1)
