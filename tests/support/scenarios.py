"""Walk scenario paths in a browser, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Page, expect

from miles_site.models.graph import numbering
from miles_site.models.scenario import Scenario
from miles_site.render.scenario import node_heading

PathStep = tuple[str, int]  # (node id, index of the choice taken there)


def paths(scenario: Scenario) -> Iterator[list[PathStep]]:
    """Yield every path from the start to an ending that visits no node twice."""

    def walk(
        node_id: str, path: list[PathStep], visited: frozenset[str]
    ) -> Iterator[list[PathStep]]:
        node = scenario.nodes[node_id]
        if node.is_ending:
            yield path
            return
        for index, choice in enumerate(node.choices or ()):
            if choice.next not in visited:
                yield from walk(choice.next, [*path, (node_id, index)], visited | {choice.next})

    yield from walk(scenario.start, [], frozenset({scenario.start}))


def covering_paths(scenario: Scenario) -> list[list[PathStep]]:
    """Return a few paths that together take every choice a path can take (greedy set cover).

    Choices that lead back to an earlier scene lie on no path; the player walk covers those.
    """
    every = list(paths(scenario))
    uncovered = {step for path in every for step in path}
    chosen = []
    while uncovered:
        best = max(every, key=lambda path: len(uncovered.intersection(path)))
        chosen.append(best)
        uncovered -= set(best)
    return chosen


def ending_of(scenario: Scenario, path: list[PathStep]) -> str:
    """Return the ending node that a path arrives at."""
    if not path:
        return scenario.start
    node_id, index = path[-1]
    return (scenario.nodes[node_id].choices or ())[index].next


def heading(scenario: Scenario, node_id: str) -> str:
    """Return the heading the reader sees for a node."""
    return node_heading(scenario.nodes[node_id], numbering(scenario)[node_id])


def walk_with_player(page: Page, scenario: Scenario, path: list[PathStep]) -> None:
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


def walk_without_script(page: Page, scenario: Scenario, path: list[PathStep]) -> None:
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


def walk_every_choice(page: Page, scenario: Scenario) -> tuple[int, set[str]]:
    """Click every choice once with the player, depth-first, going Back after each.

    A node's choices are tried the first time the walk reaches it; reaching it again along another
    choice only checks its heading. So the walk never repeats a node on its way down, and every
    ending is reached once along a full path from the start, where its title and the route
    summary (one step per choice on the path) are checked. Returns the number of choices clicked
    and the endings reached.
    """
    title = page.locator(".miles-player__title")
    buttons = page.locator(".miles-player__choices button")
    feedback = page.locator(".miles-player__feedback")
    back = page.locator(".miles-player__back")
    tried: set[str] = set()
    endings: set[str] = set()
    clicks = 0

    def visit(node_id: str, depth: int) -> None:
        nonlocal clicks
        node = scenario.nodes[node_id]
        expect(title).to_have_text(heading(scenario, node_id))
        if node.ending is not None and node_id not in endings:
            expect(page.locator(".miles-ending__title").first).to_have_text(
                f"Einde: {node.ending.title}"
            )
            expect(page.locator(".miles-route__step")).to_have_count(depth)
            endings.add(node_id)
        if node.ending is not None or node_id in tried:
            return
        tried.add(node_id)
        for index, choice in enumerate(node.choices or ()):
            buttons.nth(index).click()
            clicks += 1
            expect(feedback).to_contain_text(choice.feedback)
            visit(choice.next, depth + 1)
            back.click()
            expect(title).to_have_text(heading(scenario, node_id))

    visit(scenario.start, 0)
    return clicks, endings
