"""Load every scenario and check what a schema cannot: ids, speakers, the graph and media."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.base import load_model
from miles_site.models.graph import can_end, decision_points, reachable
from miles_site.models.phases import Phases
from miles_site.models.scenario import Scenario
from miles_site.models.scenario_teaching import check_endings, giveaway_warnings
from miles_site.sources import LoadedYaml, iter_files

MEDIA_FOLDER = "media"
MIN_DECISION_POINTS = 2


@dataclass(frozen=True)
class ScenarioSource:
    """A valid scenario with the file it came from (for line numbers and media paths)."""

    scenario: Scenario
    loaded: LoadedYaml
    path: Path

    @property
    def media_dir(self) -> Path:
        """Return the folder that media paths are relative to."""
        return self.path.parent / MEDIA_FOLDER


def load_scenarios(
    scripts_dir: Path, root: Path, phases: Phases | None
) -> tuple[list[ScenarioSource], list[ContentIssue], list[ContentIssue]]:
    """Load and check every script; return the valid ones, the errors and the warnings."""
    found: list[ScenarioSource] = []
    errors: list[ContentIssue] = []
    warnings: list[ContentIssue] = []
    for path in iter_files(scripts_dir, (".yml", ".yaml")):
        if MEDIA_FOLDER in path.relative_to(scripts_dir).parts[:-1]:
            continue
        scenario, loaded, issues = load_model(path, root, Scenario, context={"phases": phases})
        issues = [_name_duplicate_nodes(issue) for issue in issues]
        errors += issues
        if scenario is None or loaded is None:
            continue
        source = ScenarioSource(scenario, loaded, path)
        problems = check_scenario(source)
        errors += problems
        if not problems and not issues:
            found.append(source)
            warnings += scenario_warnings(source)
    return found, errors, warnings


def _name_duplicate_nodes(issue: ContentIssue) -> ContentIssue:
    """Say 'duplicate node id' for a repeated key directly under ``nodes``."""
    parts = issue.loc.split(".")
    if len(parts) == 2 and parts[0] == "nodes" and issue.message.startswith("duplicate key"):
        message = issue.message.replace("duplicate key", "duplicate node id", 1)
        return dataclasses.replace(issue, message=message.replace("every key", "every node id"))
    return issue


def check_scenario(source: ScenarioSource) -> list[ContentIssue]:
    """Run every cross-field check on one scenario."""
    return [
        *_check_id(source),
        *_check_characters(source),
        *_check_links(source),
        *_check_graph(source),
        *_check_media(source),
        *check_endings(source.scenario, source.loaded),
    ]


def _check_id(source: ScenarioSource) -> list[ContentIssue]:
    scenario, loaded = source.scenario, source.loaded
    if scenario.id == source.path.stem:
        return []
    return [
        loaded.issue(
            ("id",),
            f"id '{scenario.id}' differs from the file name "
            f"'{source.path.name}'; make them the same",
        )
    ]


def _check_characters(source: ScenarioSource) -> list[ContentIssue]:
    scenario, loaded = source.scenario, source.loaded
    issues = []
    ids = [c.id for c in scenario.characters]
    for index, character_id in enumerate(ids):
        if character_id in ids[:index]:
            issues.append(
                loaded.issue(
                    ("characters", index, "id"), f"duplicate character id '{character_id}'"
                )
            )
    for node_id, node in scenario.nodes.items():
        for index, line in enumerate(node.lines):
            if line.speaker not in ids:
                issues.append(
                    loaded.issue(
                        ("nodes", node_id, "lines", index, "speaker"),
                        f"unknown speaker '{line.speaker}'; use one of {', '.join(ids)}",
                    )
                )
    return issues


def _check_links(source: ScenarioSource) -> list[ContentIssue]:
    scenario, loaded = source.scenario, source.loaded
    issues = []
    if scenario.start not in scenario.nodes:
        issues.append(loaded.issue(("start",), f"unknown node '{scenario.start}'"))
    for node_id, node in scenario.nodes.items():
        for index, choice in enumerate(node.choices or ()):
            if choice.next not in scenario.nodes:
                issues.append(
                    loaded.issue(
                        ("nodes", node_id, "choices", index, "next"),
                        f"unknown node '{choice.next}'",
                    )
                )
    return issues


def _check_graph(source: ScenarioSource) -> list[ContentIssue]:
    scenario, loaded = source.scenario, source.loaded
    if scenario.start not in scenario.nodes:
        return []
    issues = []
    seen, ending = reachable(scenario), can_end(scenario)
    for node_id in scenario.nodes:
        if node_id not in seen:
            issues.append(
                loaded.issue(
                    ("nodes", node_id),
                    f"node '{node_id}' cannot be reached "
                    f"from start '{scenario.start}'; lead a choice to it or "
                    "remove it",
                )
            )
        elif node_id not in ending:
            issues.append(
                loaded.issue(
                    ("nodes", node_id),
                    f"no ending can be reached from node "
                    f"'{node_id}' (a loop with no way out); give it a choice "
                    "that leads towards an ending",
                )
            )
    return issues


def _check_media(source: ScenarioSource) -> list[ContentIssue]:
    loaded = source.loaded
    issues = []
    for node_id, node in source.scenario.nodes.items():
        media = node.media
        if media is None:
            continue
        loc = ("nodes", node_id, "media")
        for field in ("video", "poster", "captions"):
            name = getattr(media, field)
            if name and name != "lines" and not (source.media_dir / name).is_file():
                issues.append(
                    loaded.issue(
                        (*loc, field),
                        f"file '{name}' does not exist in "
                        f"{source.path.parent.name}/{MEDIA_FOLDER}/",
                    )
                )
        if media.captions is None:
            issues.append(
                loaded.issue(
                    loc,
                    "the video has no captions; add 'captions: "
                    "<file>.vtt', or 'captions: lines' with an 'at' time on "
                    "every line",
                )
            )
        elif media.captions == "lines":
            for index, line in enumerate(node.lines):
                if line.at is None:
                    issues.append(
                        loaded.issue(
                            (*loc[:2], "lines", index),
                            "captions are made from the lines, so every line needs an 'at' time",
                        )
                    )
        elif not media.captions.lower().endswith(".vtt"):
            issues.append(
                loaded.issue((*loc, "captions"), "captions must be a WebVTT (.vtt) file or 'lines'")
            )
    return issues


def scenario_warnings(source: ScenarioSource) -> list[ContentIssue]:
    """Return soft problems: they fail a strict build but not a preview."""
    warnings = giveaway_warnings(source.scenario, source.loaded)
    count = decision_points(source.scenario)
    if count >= MIN_DECISION_POINTS:
        return warnings
    return [
        source.loaded.issue(
            (),
            f"the scenario has {count} decision point"
            f"{'s' if count != 1 else ''}; give it at least "
            f"{MIN_DECISION_POINTS} so that viewers practise choosing",
        ),
        *warnings,
    ]
