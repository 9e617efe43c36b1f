"""Checks that a scenario teaches: true endings, and choices that do not give the answer away.

Endings (errors). Every ending says how the conversation turned out (``verdict``: goed, gemengd
or slecht), and that verdict must be true on every walk through the scenario that reaches it:

1. a good ending can never be reached after an 'af te raden' choice: a viewer who made a serious
   mistake must not read that all went well (a repaired mistake ends 'gemengd' at best);
2. a viewer who always picks the recommended response reaches only good endings.

The player lets a viewer walk any route, loops included, so "reachable" means reachable by
clicking: the checks follow the graph, which covers every path without listing them one by one.

Give-aways (warnings). A viewer should choose by thinking, not by spotting a pattern. Counted
over the decision points where some choices are recommended and some are not:

- position: the recommended choice is first (or last) at more than ``POSITION_SHARE`` of them
  (and at more than ``MIN_PATTERN`` of them);
- length: the recommended choice is the longest at more than ``LONGEST_SHARE`` of them (and at
  more than ``MIN_PATTERN``), or recommended labels are on average more than ``LENGTH_RATIO``
  times as long as the others at the same point (geometric mean of the ratios).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from miles_site.errors import ContentIssue
from miles_site.models.graph import reachable, routes
from miles_site.models.scenario import Choice, Scenario
from miles_site.sources import LoadedYaml

RECOMMENDED = "aanbevolen"
POSITION_SHARE = 0.6
LONGEST_SHARE = 0.5
LENGTH_RATIO = 1.25
MIN_PATTERN = 2


def check_endings(scenario: Scenario, loaded: LoadedYaml) -> list[ContentIssue]:
    """Return an error for every ending without a verdict, or whose verdict a path contradicts."""
    issues = []
    for node_id, node in scenario.nodes.items():
        if node.ending is not None and node.ending.verdict is None:
            issues.append(
                loaded.issue(
                    ("nodes", node_id, "ending"),
                    "the ending has no verdict; add 'verdict: goed', 'verdict: gemengd' or "
                    "'verdict: slecht' (how the conversation turned out on every path to it)",
                )
            )
    if issues or scenario.start not in scenario.nodes:
        return issues
    return _good_after_mistakes(scenario, loaded) + _bad_after_good_choices(scenario, loaded)


def _verdict(scenario: Scenario, node_id: str) -> str | None:
    ending = scenario.nodes[node_id].ending
    return ending.verdict if ending else None


def _good_after_mistakes(scenario: Scenario, loaded: LoadedYaml) -> list[ContentIssue]:
    """Rule 1: no 'af te raden' choice leads on to a good ending."""
    to_node = routes(scenario, scenario.start)
    offences: dict[str, list[tuple[int, list[str]]]] = {}
    for node_id in sorted(reachable(scenario), key=lambda n: loaded.line_of(("nodes", n))):
        for index, choice in enumerate(scenario.nodes[node_id].choices or ()):
            if choice.quality != "af te raden" or choice.next not in scenario.nodes:
                continue
            onward = routes(scenario, choice.next)
            for end_id, route in onward.items():
                if _verdict(scenario, end_id) == "goed":
                    line = loaded.line_of(("nodes", node_id, "choices", index))
                    offences.setdefault(end_id, []).append((line, to_node[node_id] + route))
    issues = []
    for end_id, found in offences.items():
        lines = ", ".join(str(line) for line, _ in found)
        example = " → ".join(found[0][1])
        issues.append(
            loaded.issue(
                ("nodes", end_id, "ending", "verdict"),
                f"the ending '{end_id}' is 'goed', but a viewer can reach it after the "
                f"'af te raden' choice at line{'s' if len(found) > 1 else ''} {lines}, "
                f"e.g. {example}; give that path its own ending, or make this one "
                "'gemengd' and let its text say what went wrong",
            )
        )
    return issues


def _bad_after_good_choices(scenario: Scenario, loaded: LoadedYaml) -> list[ContentIssue]:
    """Rule 2: the recommended choices lead only to good endings."""
    issues = []
    recommended = routes(scenario, scenario.start, lambda choice: choice.quality == RECOMMENDED)
    for end_id, route in recommended.items():
        verdict = _verdict(scenario, end_id)
        if verdict is not None and verdict != "goed":
            issues.append(
                loaded.issue(
                    ("nodes", end_id, "ending", "verdict"),
                    f"the ending '{end_id}' is '{verdict}', but a viewer who always chose "
                    f"the recommended response reaches it: {' → '.join(route)}; lead the "
                    "recommended choices to a good ending, or rate a choice on the way "
                    "'minder handig' or 'af te raden'",
                )
            )
    return issues


@dataclass(frozen=True)
class _Point:
    """A decision point with recommended and other choices."""

    node_id: str
    line: int
    first: bool
    last: bool
    longest: bool
    ratio: float


def decision_points_to_weigh(scenario: Scenario, loaded: LoadedYaml) -> list[_Point]:
    """Describe every decision point where some choices are recommended and some are not."""
    points = []
    for node_id, node in scenario.nodes.items():
        choices = node.choices or ()
        good = [c for c in choices if c.quality == RECOMMENDED]
        other = [c for c in choices if c.quality != RECOMMENDED]
        if not good or not other:
            continue
        lengths = [len(c.label) for c in choices]
        longest = max(lengths)
        points.append(
            _Point(
                node_id,
                loaded.line_of(("nodes", node_id, "choices")),
                first=choices[0].quality == RECOMMENDED,
                last=choices[-1].quality == RECOMMENDED,
                longest=lengths.count(longest) == 1
                and choices[lengths.index(longest)].quality == RECOMMENDED,
                ratio=_mean(good) / _mean(other),
            )
        )
    return points


def _mean(choices: list[Choice]) -> float:
    return sum(len(c.label) for c in choices) / len(choices)


def giveaway_warnings(scenario: Scenario, loaded: LoadedYaml) -> list[ContentIssue]:
    """Warn when the place or the length of the recommended choice gives the answer away."""
    points = decision_points_to_weigh(scenario, loaded)
    if not points:
        return []
    total = len(points)
    warnings = []
    rules: list[tuple[Callable[[_Point], bool], float, str, str]] = [
        (lambda p: p.first, POSITION_SHARE, "comes first", "put it in another place"),
        (lambda p: p.last, POSITION_SHARE, "comes last", "put it in another place"),
        (
            lambda p: p.longest,
            LONGEST_SHARE,
            "is the longest",
            "shorten it or lengthen the others",
        ),
    ]
    for matches, share, what, fix in rules:
        hits = [p for p in points if matches(p)]
        if len(hits) > max(MIN_PATTERN, share * total):
            lines = ", ".join(str(p.line) for p in hits)
            warnings.append(
                loaded.issue(
                    ("nodes",),
                    f"the recommended choice {what} at {len(hits)} of {total} decision "
                    f"points (lines {lines}), so viewers can pick it without thinking; "
                    f"{fix} at some of them (the limit is {share:.0%} of the decision "
                    f"points, and never less than {MIN_PATTERN})",
                )
            )
    ratio = math.exp(sum(math.log(p.ratio) for p in points) / total)
    if ratio > LENGTH_RATIO:
        warnings.append(
            loaded.issue(
                ("nodes",),
                f"recommended choices are on average {ratio:.2f} times as long as the other "
                f"choices at the same point (the limit is {LENGTH_RATIO:.2f}), so their "
                "length gives them away; even out the lengths",
            )
        )
    return warnings
