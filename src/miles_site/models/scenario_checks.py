"""Load every scenario and check what a schema cannot: ids, speakers, the graph and media."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.base import id_matches_file, load_model
from miles_site.models.graph import can_end, decision_points, reachable
from miles_site.models.phases import Phases
from miles_site.models.scenario import CAPTIONS_FROM_LINES, Scenario, parse_time
from miles_site.models.scenario_teaching import check_endings, giveaway_warnings
from miles_site.reading import read_source, relative_name
from miles_site.sources import LoadedYaml, iter_files

MEDIA_FOLDER = "media"
MIN_DECISION_POINTS = 2


@dataclass(frozen=True)
class ScenarioSource:
    """A valid scenario with the file it came from (for line numbers and media paths)."""

    scenario: Scenario
    loaded: LoadedYaml
    path: Path
    captions: Mapping[str, str] = field(default_factory=dict)
    """The text of each WebVTT file the scenario names, read (and checked) once."""

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
        captions, problems = read_captions(scenario, path.parent / MEDIA_FOLDER, root)
        source = ScenarioSource(scenario, loaded, path, captions)
        problems += check_scenario(source)
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
    return id_matches_file(source.loaded, source.scenario.id, source.path)


def _check_characters(source: ScenarioSource) -> list[ContentIssue]:
    scenario, loaded = source.scenario, source.loaded
    issues = []
    ids = [c.id for c in scenario.characters]
    for index, character_id in enumerate(ids):
        if character_id in ids[:index]:
            issues.append(
                loaded.issue(
                    ("characters", index, "id"),
                    f"duplicate character id '{character_id}'; give each character its own id",
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
        issues.append(loaded.issue(("start",), _unknown_node(scenario, scenario.start)))
    for node_id, node in scenario.nodes.items():
        for index, choice in enumerate(node.choices or ()):
            if choice.next not in scenario.nodes:
                issues.append(
                    loaded.issue(
                        ("nodes", node_id, "choices", index, "next"),
                        _unknown_node(scenario, choice.next),
                    )
                )
    return issues


def _unknown_node(scenario: Scenario, node_id: str) -> str:
    """Say that a node id does not exist, and which do."""
    return f"unknown node '{node_id}'; use one of {', '.join(scenario.nodes)}"


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
        for key in ("video", "poster", "captions"):
            name = getattr(media, key)
            if name and name != CAPTIONS_FROM_LINES and not (source.media_dir / name).is_file():
                issues.append(
                    loaded.issue(
                        (*loc, key),
                        f"file '{name}' does not exist in "
                        f"{source.path.parent.name}/{MEDIA_FOLDER}/; put it there or correct "
                        "the name",
                    )
                )
        if media.captions is None:
            issues.append(
                loaded.issue(
                    loc,
                    "the video has no captions; add 'captions: <file>.vtt', or "
                    f"'captions: {CAPTIONS_FROM_LINES}' with an 'at' time on every line",
                )
            )
        elif media.captions == CAPTIONS_FROM_LINES:
            issues += _check_cue_times(source, node_id)
        elif not media.captions.lower().endswith(".vtt"):
            issues.append(
                loaded.issue(
                    (*loc, "captions"),
                    f"captions must be a WebVTT (.vtt) file or '{CAPTIONS_FROM_LINES}'",
                )
            )
    return issues


def _check_cue_times(source: ScenarioSource, node_id: str) -> list[ContentIssue]:
    """Captions made from lines need a start time on every line, each later than the last."""
    loaded, node = source.loaded, source.scenario.nodes[node_id]
    issues = []
    previous: tuple[str, float] | None = None
    for index, line in enumerate(node.lines):
        loc = ("nodes", node_id, "lines", index)
        if line.at is None:
            issues.append(
                loaded.issue(
                    loc, "captions are made from the lines, so every line needs an 'at' time"
                )
            )
            continue
        start = parse_time(line.at)
        if previous is not None and start <= previous[1]:
            issues.append(
                loaded.issue(
                    (*loc, "at"),
                    f"'at: {line.at}' is not after the line before ({previous[0]}); "
                    "give the lines increasing times",
                )
            )
        previous = (line.at, start)
    duration = node.media.duration if node.media else None
    if duration is not None and previous is not None and parse_time(duration) <= previous[1]:
        issues.append(
            loaded.issue(
                ("nodes", node_id, "media", "duration"),
                f"the clip lasts {duration}, but its last line starts at {previous[0]}; "
                "make the duration longer than the last 'at' time",
            )
        )
    return issues


def read_captions(
    scenario: Scenario, media_dir: Path, root: Path
) -> tuple[dict[str, str], list[ContentIssue]]:
    """Read every WebVTT file the scenario names; report files that are not readable WebVTT."""
    found: dict[str, str] = {}
    issues: list[ContentIssue] = []
    names = {n.media.captions for n in scenario.nodes.values() if n.media and n.media.captions}
    for name in sorted(names - {CAPTIONS_FROM_LINES}):
        path = media_dir / name
        if not path.is_file() or not name.lower().endswith(".vtt"):
            continue  # _check_media reports these at the line that names them
        text, unreadable = read_source(path, root)
        issues += unreadable
        if text is None:
            continue
        if not text.startswith("WEBVTT"):
            issues.append(
                ContentIssue(
                    relative_name(path, root),
                    1,
                    "",
                    "a WebVTT captions file starts with the line 'WEBVTT'; add it",
                )
            )
            continue
        found[name] = text
    return found, issues


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
