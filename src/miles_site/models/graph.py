"""The branch graph of a scenario: reachability, dead ends and numbering."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from miles_site.models.scenario import Choice, Scenario


def successors(scenario: Scenario) -> dict[str, list[str]]:
    """Map each node to the nodes its choices lead to (unknown targets are left out)."""
    return {
        node_id: [c.next for c in node.choices or () if c.next in scenario.nodes]
        for node_id, node in scenario.nodes.items()
    }


def reachable(scenario: Scenario) -> set[str]:
    """Return the nodes that can be reached from the start node."""
    if scenario.start not in scenario.nodes:
        return set()
    graph = successors(scenario)
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for target in graph[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_end(scenario: Scenario) -> set[str]:
    """Return the nodes from which some ending can be reached."""
    graph = successors(scenario)
    ending = {node_id for node_id, node in scenario.nodes.items() if node.is_ending}
    changed = True
    while changed:
        changed = False
        for node_id, targets in graph.items():
            if node_id not in ending and any(t in ending for t in targets):
                ending.add(node_id)
                changed = True
    return ending


def numbering(scenario: Scenario) -> dict[str, int]:
    """Give the nodes the numbers 1, 2, 3 … breadth-first from the start, like a booklet."""
    graph = successors(scenario)
    order: list[str] = []
    queue = deque([scenario.start] if scenario.start in scenario.nodes else [])
    seen = set(queue)
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        for target in graph[node_id]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    order += [node_id for node_id in scenario.nodes if node_id not in seen]
    return {node_id: number for number, node_id in enumerate(order, start=1)}


def decision_points(scenario: Scenario) -> int:
    """Count the nodes where the viewer chooses."""
    return sum(1 for node in scenario.nodes.values() if node.choices)


def routes(
    scenario: Scenario, start: str, follow: Callable[[Choice], bool] = lambda choice: True
) -> dict[str, list[str]]:
    """Map every node reachable from ``start`` to a shortest route there (a list of node ids).

    Only choices for which ``follow`` is true are taken; a node may be visited again on a longer
    walk, so what is reachable here is what a viewer can reach by clicking.
    """
    if start not in scenario.nodes:
        return {}
    found = {start: [start]}
    queue = deque([start])
    while queue:
        node_id = queue.popleft()
        for choice in scenario.nodes[node_id].choices or ():
            if follow(choice) and choice.next in scenario.nodes and choice.next not in found:
                found[choice.next] = [*found[node_id], choice.next]
                queue.append(choice.next)
    return found
