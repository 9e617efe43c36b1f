"""Walk scenario paths in a browser, with and without JavaScript."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from miles_site.models.graph import Step, ending_of, numbering
from miles_site.models.scenario import Scenario
from miles_site.render.scenario import node_heading


def heading(scenario: Scenario, node_id: str) -> str:
    """Return the heading the reader sees for a node."""
    return node_heading(scenario.nodes[node_id], numbering(scenario)[node_id])


def walk_with_player(page: Page, scenario: Scenario, path: list[Step]) -> None:
    """Click a path through the JavaScript player and check every scene and the ending."""
    title = page.locator(".miles-player__title")
    expect(title).to_have_text(heading(scenario, scenario.start))
    for node_id, index in path:
        expect(title).to_have_text(heading(scenario, node_id))
        choice = (scenario.nodes[node_id].choices or ())[index]
        page.locator(".miles-player__choices button").nth(index).click()
        expect(title).to_have_text(heading(scenario, choice.next))
        expect(page.locator(".miles-player__feedback")).to_contain_text(choice.feedback)
    end = scenario.nodes[ending_of(scenario, path)].ending
    assert end is not None
    expect(page.locator(".miles-ending__title").first).to_have_text(f"Einde: {end.title}")
    expect(page.locator(".miles-route__step")).to_have_count(len(path))


def walk_without_script(page: Page, scenario: Scenario, path: list[Step]) -> None:
    """Follow a path through the scene links of the static page (JavaScript off)."""
    for node_id, index in path:
        section = page.locator(f"#scene-{node_id}")
        expect(section.locator("h3")).to_have_text(heading(scenario, node_id))
        section.locator(".miles-choice > a").nth(index).click()
        choice = (scenario.nodes[node_id].choices or ())[index]
        assert page.url.endswith(f"#scene-{choice.next}")
        expect(page.locator(f"#scene-{choice.next}")).to_be_in_viewport()
    end = scenario.nodes[ending_of(scenario, path)].ending
    assert end is not None
    final = page.locator(f"#scene-{ending_of(scenario, path)}")
    expect(final.locator(".miles-ending__title")).to_have_text(f"Einde: {end.title}")
