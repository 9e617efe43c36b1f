"""Scenarios that teach (#9 §3): endings true on every path, and no answer given away by the place
or the length of the recommended choice. Small hand-made scenarios, exact messages and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.phases import load_phases
from miles_site.models.scenario_checks import ScenarioSource, load_scenarios
from miles_site.models.scenario_teaching import LENGTH_RATIO, LONGEST_SHARE, POSITION_SHARE
from support.projects import ROOT, line_of
from support.scenarios import ending_of, paths

PHASES, _ = load_phases(ROOT / "data", ROOT)
FILE = "video_scripts/proef.yml"

HEAD = """\
id: proef
title: Een proef
phase: melding
summary: Eva vertelt iets aan Tom.
learning_goals: [U luistert.]
characters:
  - {id: eva, name: Eva, role: medewerker}
  - {id: tom, name: Tom, role: leidinggevende}
last_reviewed: 2026-11-01
review_due: 2099-11-01
sources:
  - {title: Bron, url: "https://www.rijksoverheid.nl/onderwerpen/ziekteverzuim-van-het-werk"}
start: begin
nodes:
"""

Choice = tuple[str, str, str]  # label, next, quality


def node(name: str, choices: list[Choice]) -> str:
    lines = [f"  {name}:", '    lines: [{speaker: eva, text: "Hm."}]', "    choices:"]
    for label, target, quality in choices:
        lines += [
            f'      - label: "{label}"',
            f"        next: {target}",
            f"        quality: {quality}",
            "        feedback: Daarom.",
        ]
    return "\n".join(lines) + "\n"


def ending(name: str, verdict: str | None) -> str:
    text = f'  {name}:\n    lines: [{{speaker: eva, text: "Oké."}}]\n    ending:\n'
    text += f"      title: Einde {name}\n      text: Zo liep het.\n      takeaways: [Luister.]\n"
    return text + (f"      verdict: {verdict}\n" if verdict else "")


def run(tmp_path: Path, text: str) -> tuple[list[str], list[str], list[ScenarioSource]]:
    folder = tmp_path / "video_scripts"
    folder.mkdir(exist_ok=True)
    (folder / "proef.yml").write_text(text, encoding="utf-8")
    found, errors, warnings = load_scenarios(folder, tmp_path, PHASES)
    return [str(e) for e in errors], [str(w) for w in warnings], found


def repaired(verdict: str) -> str:
    """A mistake ('af te raden'), a repair, and then the good path again."""
    return (
        HEAD
        + node(
            "begin",
            [
                ("Vraag wat er is.", "verder", "aanbevolen"),
                ("Vraag naar de diagnose.", "herstel", "af te raden"),
            ],
        )
        + node(
            "herstel",
            [
                ("Zeg sorry en luister.", "verder", "aanbevolen"),
                ("Blijf doorvragen.", "einde-slecht", "af te raden"),
            ],
        )
        + node(
            "verder",
            [
                ("Laat het open.", "einde-slecht", "minder handig"),
                ("Spreek iets af.", "einde-goed", "aanbevolen"),
            ],
        )
        + ending("einde-goed", verdict)
        + ending("einde-slecht", "slecht")
    )


def test_an_ending_without_a_verdict_is_an_error(tmp_path: Path) -> None:
    text = repaired("goed").replace("      verdict: slecht\n", "")
    errors, _, found = run(tmp_path, text)
    assert found == []
    assert errors == [
        f"{FILE}:{line_of(text, 'title: Einde einde-slecht') - 1}: nodes.einde-slecht.ending: "
        "the ending has no verdict; add 'verdict: goed', 'verdict: gemengd' or 'verdict: slecht' "
        "(how the conversation turned out on every path to it)"
    ]


def test_a_good_ending_after_a_serious_mistake_is_an_error(tmp_path: Path) -> None:
    text = repaired("goed")
    errors, _, _ = run(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'verdict: goed')}: nodes.einde-goed.ending.verdict: the ending "
        "'einde-goed' is 'goed', but a viewer can reach it after the 'af te raden' choice at "
        f"line {line_of(text, 'Vraag naar de diagnose.')}, e.g. begin → herstel → verder → "
        "einde-goed; give that path its own ending, or make this one 'gemengd' and let its text "
        "say what went wrong"
    ]


def test_a_mixed_ending_after_a_repaired_mistake_is_fine(tmp_path: Path) -> None:
    # Calling the shared ending 'gemengd' only moves the problem: the recommended route ends there.
    errors, _, _ = run(tmp_path, repaired("gemengd"))
    assert len(errors) == 1 and "who always chose the recommended response" in errors[0]
    # A repaired mistake needs its own ending.
    separate = (
        HEAD
        + node(
            "begin",
            [
                ("Vraag wat er is.", "einde-goed", "aanbevolen"),
                ("Vraag naar de diagnose.", "herstel", "af te raden"),
            ],
        )
        + node(
            "herstel",
            [
                ("Zeg sorry en luister.", "einde-hersteld", "aanbevolen"),
                ("Blijf doorvragen.", "einde-slecht", "af te raden"),
            ],
        )
        + ending("einde-goed", "goed")
        + ending("einde-hersteld", "gemengd")
        + ending("einde-slecht", "slecht")
    )
    errors, _, found = run(tmp_path, separate)
    assert errors == [] and len(found) == 1


def test_a_bad_ending_on_the_recommended_route_is_an_error(tmp_path: Path) -> None:
    text = (
        HEAD
        + node(
            "begin",
            [
                ("Luister eerst.", "einde-stil", "aanbevolen"),
                ("Geef meteen advies.", "einde-goed", "minder handig"),
            ],
        )
        + ending("einde-stil", "slecht")
        + ending("einde-goed", "goed")
    )
    errors, _, _ = run(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'verdict: slecht')}: nodes.einde-stil.ending.verdict: the "
        "ending 'einde-stil' is 'slecht', but a viewer who always chose the recommended response "
        "reaches it: begin → einde-stil; lead the recommended choices to a good ending, or rate "
        "a choice on the way 'minder handig' or 'af te raden'"
    ]


def test_a_loop_back_after_a_mistake_still_counts(tmp_path: Path) -> None:
    """A viewer can go round a loop; a good ending after it still follows the mistake."""
    text = (
        HEAD
        + node(
            "begin",
            [
                ("Vertel het team alles.", "terug", "af te raden"),
                ("Vraag wat het team mag weten.", "einde-goed", "aanbevolen"),
            ],
        )
        + node(
            "terug",
            [
                ("Begin opnieuw.", "begin", "aanbevolen"),
                ("Ga door.", "einde-slecht", "af te raden"),
            ],
        )
        + ending("einde-goed", "goed")
        + ending("einde-slecht", "slecht")
    )
    errors, _, _ = run(tmp_path, text)
    assert len(errors) == 1
    assert "e.g. begin → terug → begin → einde-goed" in errors[0]


def chain(labels: list[list[tuple[str, bool]]]) -> str:
    """A row of decision points; the recommended choice goes on, the others end badly."""
    text = HEAD
    for index, point in enumerate(labels):
        name = "begin" if index == 0 else f"punt-{index}"
        onward = "einde-goed" if index == len(labels) - 1 else f"punt-{index + 1}"
        choices = [
            (label, onward if good else "einde-slecht", "aanbevolen" if good else "minder handig")
            for label, good in point
        ]
        text += node(name, choices)
    return text + ending("einde-goed", "goed") + ending("einde-slecht", "slecht")


def same(good_first: int, total: int) -> list[list[tuple[str, bool]]]:
    """``total`` points of two same-length labels; ``good_first`` of them lead with the good one."""
    return [
        [("Goed antwoord.", True), ("Ander antwoord", False)]
        if index < good_first
        else [("Ander antwoord", False), ("Goed antwoord.", True)]
        for index in range(total)
    ]


def test_the_recommended_choice_always_first_is_a_warning(tmp_path: Path) -> None:
    text = chain(same(5, 5))
    errors, warnings, _ = run(tmp_path, text)
    lines = ", ".join(str(n) for n in (line_of(text, "    choices:", i) for i in range(1, 6)))
    assert errors == []
    assert warnings == [
        f"{FILE}:{line_of(text, 'nodes:')}: nodes: the recommended choice comes first at 5 of 5 "
        f"decision points (lines {lines}), so viewers can pick it without thinking; put it in "
        "another place at some of them (the limit is 60% of the decision points, and never less "
        "than 2)"
    ]


@pytest.mark.parametrize(
    ("good_first", "total", "warned"),
    [(3, 5, False), (4, 5, True), (6, 10, False), (7, 10, True), (2, 2, False), (2, 3, False)],
)
def test_the_position_threshold(good_first: int, total: int, warned: bool, tmp_path: Path) -> None:
    assert POSITION_SHARE == 0.6
    _, warnings, _ = run(tmp_path, chain(same(good_first, total)))
    assert any("comes first" in w for w in warnings) is warned
    last = total - good_first
    assert any("comes last" in w for w in warnings) is (last > max(2, POSITION_SHARE * total))


def test_the_recommended_choice_always_longest_is_a_warning(tmp_path: Path) -> None:
    assert LONGEST_SHARE == 0.5
    points = [
        [("Kort.", False), ("Een iets langer antwoord.", True)],
        [("Een iets langer antwoord.", True), ("Kort.", False)],
        [("Kort antwoord hier.", False), ("Een wat langer antwoord.", True)],
        [("Even lang antwoord.", True), ("Ander lang antwoord", False)],
    ]
    _, warnings, _ = run(tmp_path, chain(points))
    longest = [w for w in warnings if "is the longest" in w]
    assert len(longest) == 1 and "at 3 of 4 decision points" in longest[0]
    # Three of six is exactly half: allowed.
    shorter = [("Goed.", True), ("Veel langer, fout.", False)]
    _, warnings, _ = run(tmp_path, chain(points + [shorter] * 2))
    assert not any("is the longest" in w for w in warnings)


def test_recommended_labels_that_are_clearly_longer_are_a_warning(tmp_path: Path) -> None:
    assert LENGTH_RATIO == 1.25
    long = "Een lang en zorgvuldig antwoord van vijftig tekens."
    short = "Kort antwoord van 25 tekens"
    points = [[(long, True), (short, False)], [(short, False), (long, True)]]
    even = [("Twee even lange zinnen.", True), ("Nog een even lange zin.", False)]
    points += [even] * 2
    _, warnings, _ = run(tmp_path, chain(points))
    ratio = [w for w in warnings if "times as long" in w]
    # The geometric mean of the four ratios: two long ones and two of about 1.
    mean = ((len(long) / len(short)) ** 2 * (len(even[0][0]) / len(even[1][0])) ** 2) ** 0.25
    assert len(ratio) == 1 and mean > LENGTH_RATIO
    assert f"recommended choices are on average {mean:.2f} times as long" in ratio[0]
    # With one long point among four it stays under the limit.
    _, warnings, _ = run(tmp_path, chain(points[:1] + [even] * 3))
    assert not any("times as long" in w for w in warnings)


def test_balanced_choices_give_no_warning(tmp_path: Path) -> None:
    points = [
        [("Goed antwoord.", True), ("Fout antwoord.", False)],
        [("Fout antwoord.", False), ("Goed antwoord.", True)],
        [("Fout.", False), ("Goed antwoord.", True), ("Ook fout, langer.", False)],
        [("Goed antwoord.", True), ("Fout antwoord.", False)],
    ]
    errors, warnings, found = run(tmp_path, chain(points))
    assert (errors, warnings, len(found)) == ([], [], 1)


# The real scenarios, checked by listing every simple path: an independent check of the rules,
# which the model check proves with reachability.
REAL, REAL_ERRORS, REAL_WARNINGS = load_scenarios(ROOT / "video_scripts", ROOT, PHASES)


def test_the_six_real_scenarios_pass_without_warnings() -> None:
    assert REAL_ERRORS == [] and REAL_WARNINGS == []
    assert len(REAL) == 6


@pytest.mark.parametrize("source", REAL, ids=lambda s: s.scenario.id)
def test_every_path_ends_truthfully(source: ScenarioSource) -> None:
    scenario = source.scenario
    walked = 0
    for path in paths(scenario):
        walked += 1
        end = scenario.nodes[ending_of(scenario, path)].ending
        assert end is not None and end.verdict is not None
        qualities = [(scenario.nodes[n].choices or ())[i].quality for n, i in path]
        if end.verdict == "goed":
            assert "af te raden" not in qualities, path
        if set(qualities) == {"aanbevolen"}:
            assert end.verdict == "goed", path
    assert walked >= 10


@pytest.mark.parametrize("source", REAL, ids=lambda s: s.scenario.id)
def test_every_scenario_has_more_than_one_good_ending(source: ScenarioSource) -> None:
    endings = [n.ending for n in source.scenario.nodes.values() if n.ending]
    assert sum(e.verdict == "goed" for e in endings) >= 2
    assert any(e.verdict == "gemengd" for e in endings)


def test_the_leak_in_v5_never_ends_well() -> None:
    """#9: after telling a colleague the diagnosis, the 'good' ending claimed the opposite."""
    scenario = next(s.scenario for s in REAL if s.scenario.id == "wat-is-er-met-haar")
    for path in paths(scenario):
        if any(node_id == "verteld" for node_id, _ in path):
            end = scenario.nodes[ending_of(scenario, path)].ending
            assert end is not None and end.verdict != "goed"
            assert "alleen wat Ingrid goed vond" not in end.text
