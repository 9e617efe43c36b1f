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


def walk_every_path(page: Page, scenario: Scenario) -> int:
    """Walk every path depth-first with the player, going back after each branch.

    Each choice is clicked once per path prefix, each ending is checked with its route summary,
    and the Back button is exercised at every step. Returns the number of endings reached.
    """
    title = page.locator(".miles-player__title")
    buttons = page.locator(".miles-player__choices button")
    back = page.locator(".miles-player__back")
    reached = 0

    def visit(node_id: str, depth: int, visited: frozenset[str]) -> None:
        nonlocal reached
        node = scenario.nodes[node_id]
        expect(title).to_have_text(heading(scenario, node_id))
        if node.ending is not None:
            expect(page.locator(".miles-ending__title").first).to_have_text(
                f"Einde: {node.ending.title}"
            )
            expect(page.locator(".miles-route__step")).to_have_count(depth)
            reached += 1
            return
        for index, choice in enumerate(node.choices or ()):
            if choice.next in visited:  # paths visit no node twice, as graph.paths does
                continue
            buttons.nth(index).click()
            expect(page.locator(".miles-player__feedback")).to_contain_text(choice.feedback)
            visit(choice.next, depth + 1, visited | {choice.next})
            back.click()
            expect(title).to_have_text(heading(scenario, node_id))

    visit(scenario.start, 0, frozenset({scenario.start}))
    return reached
