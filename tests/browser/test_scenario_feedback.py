"""The scenario player's feedback: shown just after a choice, never after the choice is undone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from miles_site.project import Paths, load_project
from support.projects import ROOT
from support.scenarios import heading

SCENARIO = next(
    s.scenario for s in load_project(Paths.under(ROOT)).scenarios if s.scenario.id == "het-nieuws"
)
URL = "gesprekken/het-nieuws.html"
FIRST = (SCENARIO.nodes[SCENARIO.start].choices or ())[0]


def open_with_stopped_clock(page: Page, base_url: str) -> None:
    """Open the scenario, then stop the page's timers until the test moves its clock on.

    The player shows feedback after a short delay, so that focus moves to the new scene first.
    With the clock stopped, the test acts inside that delay however fast or slow the machine is.
    """
    page.clock.install()
    page.goto(base_url + URL)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


@pytest.mark.parametrize("undo", ["Vorige scène", "Opnieuw beginnen"])
def test_a_quick_back_shows_no_feedback_of_the_undone_choice(
    page: Page, base_url: str, undo: str
) -> None:
    open_with_stopped_clock(page, base_url)
    page.locator(".miles-player__choices button").first.click()
    expect(page.locator(".miles-player__title")).to_have_text(heading(SCENARIO, FIRST.next))
    page.get_by_role("button", name=undo).click()
    expect(page.locator(".miles-player__title")).to_have_text(heading(SCENARIO, SCENARIO.start))
    page.clock.run_for(2000)
    expect(page.locator(".miles-player__feedback")).to_be_empty()


def test_feedback_follows_a_choice(page: Page, base_url: str) -> None:
    open_with_stopped_clock(page, base_url)
    page.locator(".miles-player__choices button").first.click()
    feedback = page.locator(".miles-player__feedback")
    expect(feedback).to_be_empty()  # not yet: focus moves to the new scene's heading first
    page.clock.run_for(2000)
    expect(feedback).to_contain_text(f"Uw keuze: {FIRST.label}")
    expect(feedback).to_contain_text(FIRST.feedback)
