"""The six conversation scenarios in Chromium: every path, keyboard, axe, no-JS and offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from miles_site.project import Paths, load_project
from support.browser import RequestLog, axe_violations
from support.projects import ROOT
from support.scenarios import (
    covering_paths,
    heading,
    paths,
    walk_every_choice,
    walk_with_player,
    walk_without_script,
)

PROJECT = load_project(Paths.under(ROOT))
SCENARIOS = {source.scenario.id: source.scenario for source in PROJECT.scenarios}
IDS = sorted(SCENARIOS)


def test_the_six_scenarios_exist() -> None:
    assert (
        sorted(
            [
                "het-nieuws",
                "contact-tijdens-de-behandeling",
                "ik-wil-weer-beginnen",
                "terug-maar-moe",
                "wat-is-er-met-haar",
                "het-komt-terug",
            ]
        )
        == IDS
    )


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_choice_works_and_every_ending_is_reached(
    page: Page, base_url: str, scenario_id: str
) -> None:
    scenario = SCENARIOS[scenario_id]
    page.goto(f"{base_url}gesprekken/{scenario_id}.html")
    clicks, endings = walk_every_choice(page, scenario)
    assert clicks == sum(len(node.choices or ()) for node in scenario.nodes.values())
    assert endings == {node_id for node_id, node in scenario.nodes.items() if node.is_ending}
    assert len(endings) >= 2


def test_one_path_from_start_to_end_and_restart(page: Page, base_url: str) -> None:
    scenario = SCENARIOS["wat-is-er-met-haar"]
    page.goto(f"{base_url}gesprekken/wat-is-er-met-haar.html")
    walk_with_player(page, scenario, next(paths(scenario)))
    page.locator(".miles-player__restart").click()
    expect(page.locator(".miles-player__title")).to_be_focused()
    expect(page.locator(".miles-player__title")).to_have_text(heading(scenario, scenario.start))
    expect(page.locator(".miles-player__back")).to_be_disabled()


@pytest.mark.parametrize("scenario_id", IDS)
def test_axe_at_the_start_and_after_two_choices(
    page: Page, base_url: str, axe: Axe, scenario_id: str
) -> None:
    page.goto(f"{base_url}gesprekken/{scenario_id}.html")
    assert axe_violations(axe, page) == []
    for _ in range(2):
        page.locator(".miles-player__choices button").first.click()
    expect(page.locator(".miles-player__feedback p").first).to_be_visible()
    assert axe_violations(axe, page) == []


def test_keyboard_only_walk(page: Page, base_url: str) -> None:
    scenario = SCENARIOS["het-nieuws"]
    page.goto(f"{base_url}gesprekken/het-nieuws.html")
    path = next(paths(scenario))
    for node_id, index in path:
        expect(page.locator(".miles-player__title")).to_have_text(heading(scenario, node_id))
        first_choice = page.locator(".miles-player__choices button").first
        for _ in range(80):  # Tab until the first choice has focus
            page.keyboard.press("Tab")
            if first_choice.evaluate("el => el === document.activeElement"):
                break
        for _ in range(index):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        # Focus moves to the heading of the new scene; the feedback is announced.
        expect(page.locator(".miles-player__title")).to_be_focused()
        live = page.locator(".miles-player__feedback")
        assert live.get_attribute("aria-live") == "polite"
        expect(live).not_to_be_empty()
    expect(page.locator(".miles-ending__title").first).to_be_visible()
    back = page.locator(".miles-player__back")
    back.focus()
    page.keyboard.press("Enter")
    last_node, _ = path[-1]
    expect(page.locator(".miles-player__title")).to_have_text(heading(scenario, last_node))
    page.locator(".miles-player__restart").focus()
    page.keyboard.press("Space")
    expect(page.locator(".miles-player__title")).to_have_text(heading(scenario, scenario.start))
    expect(page.locator(".miles-player__title")).to_be_focused()


@pytest.mark.parametrize("scenario_id", IDS)
def test_walk_without_javascript(browser: Browser, base_url: str, scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}gesprekken/{scenario_id}.html")
        expect(page.locator(".miles-player__nojs")).to_be_visible()
        # Enough paths from the start to take every choice that lies on a path once or more.
        for path in covering_paths(scenario):
            page.goto(f"{base_url}gesprekken/{scenario_id}.html#scene-{scenario.start}")
            walk_without_script(page, scenario, path)
    finally:
        context.close()


def test_offline_walk_from_the_zip(offline_page: tuple[Page, RequestLog], unzipped: Path) -> None:
    page, log = offline_page
    scenario = SCENARIOS["het-komt-terug"]
    page.goto((unzipped / "MiLES-toolbox/gesprekken/het-komt-terug.html").as_uri())
    walk_with_player(page, scenario, next(paths(scenario)))
    assert log.foreign == []


def test_overview_groups_scenarios_by_phase(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}gesprekken/index.html")
    for scenario in SCENARIOS.values():
        phase = PROJECT.phases.get(scenario.phase)
        section = page.locator("h2", has_text=phase.label)
        expect(section).to_have_count(1)
        link = page.get_by_role("link", name=scenario.title, exact=True).first
        expect(link).to_be_visible()


def test_print_is_a_numbered_booklet(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}gesprekken/het-nieuws.html")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".miles-player__ui")).to_be_hidden()
    expect(page.locator("#scene-" + SCENARIOS["het-nieuws"].start)).to_be_visible()
    goto = page.locator(".miles-choice__goto").first
    expect(goto).to_be_visible()
    expect(goto).to_contain_text("ga naar ")
    expect(page.locator(".miles-feedback p").first).to_be_visible()
