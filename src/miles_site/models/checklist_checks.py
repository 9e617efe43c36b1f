"""Load every checklist and check what a schema cannot: ids, options, links and privacy."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.base import id_matches_file, load_model
from miles_site.models.checklist import Checklist, checklist_texts
from miles_site.models.checklist_privacy import check_item_privacy
from miles_site.models.phases import Phases
from miles_site.models.types import unknown_page
from miles_site.sources import LoadedYaml, iter_files

# Checklists speak to the reader as 'u' about 'uw medewerker' (AUTHORING.md), never in the
# manager's own voice ('mijn medewerker') or informally ('je/jouw medewerker').
_OTHER_ADDRESS = re.compile(r"\b(?:mijn|je|jouw)\s+medewerker", re.IGNORECASE)


@dataclass(frozen=True)
class ChecklistSource:
    """A valid checklist with the file it came from."""

    checklist: Checklist
    loaded: LoadedYaml
    path: Path


def load_checklists(
    folder: Path, root: Path, phases: Phases | None, scenario_ids: Set[str], page_uris: Set[str]
) -> tuple[list[ChecklistSource], list[ContentIssue]]:
    """Load and check every checklist; return the valid ones and every problem found."""
    found: list[ChecklistSource] = []
    errors: list[ContentIssue] = []
    for path in iter_files(folder, (".yml", ".yaml")):
        checklist, loaded, issues = load_model(path, root, Checklist, context={"phases": phases})
        errors += issues
        if checklist is None or loaded is None:
            continue
        source = ChecklistSource(checklist, loaded, path)
        problems = check_checklist(source, scenario_ids, page_uris)
        errors += problems
        if not problems and not issues:
            found.append(source)
    return found, errors


def check_checklist(
    source: ChecklistSource, scenario_ids: Set[str], page_uris: Set[str]
) -> list[ContentIssue]:
    """Run every cross-field check on one checklist."""
    checklist, loaded = source.checklist, source.loaded
    issues = id_matches_file(loaded, checklist.id, source.path)
    issues += _check_address(loaded, checklist)
    first_seen: dict[str, int] = {}
    for s_index, section in enumerate(checklist.sections):
        for i_index, item in enumerate(section.items):
            loc = ("sections", s_index, "items", i_index)
            line = loaded.line_of((*loc, "id"))
            if item.id in first_seen:
                issues.append(
                    loaded.issue(
                        (*loc, "id"),
                        f"duplicate item id '{item.id}' (first "
                        f"used at line {first_seen[item.id]}); item ids "
                        "become PDF field names and must be unique",
                    )
                )
            first_seen.setdefault(item.id, line)
            issues += _check_options(loaded, loc, item.type, item.options)
            issues += check_item_privacy(loaded, loc, item)
    for index, scenario_id in enumerate(checklist.related.scenarios):
        if scenario_id not in scenario_ids:
            known = ", ".join(sorted(scenario_ids)) or "none (there are no valid scenarios)"
            issues.append(
                loaded.issue(
                    ("related", "scenarios", index),
                    f"unknown scenario '{scenario_id}'; use one of {known}",
                )
            )
    for index, page in enumerate(checklist.related.pages):
        if page not in page_uris:
            issues.append(
                loaded.issue(
                    ("related", "pages", index),
                    unknown_page(page),
                )
            )
    return issues


def _check_address(loaded: LoadedYaml, checklist: Checklist) -> list[ContentIssue]:
    """Report every text of a checklist that names the employee other than 'uw medewerker'."""
    issues = []
    for place, text in checklist_texts(checklist):
        found = _OTHER_ADDRESS.search(text)
        if found:
            issues.append(
                loaded.issue(
                    place,
                    f"'{found.group(0)}': a checklist speaks to the reader as 'u', so write "
                    "'uw medewerker'",
                )
            )
    return issues


def _check_options(
    loaded: LoadedYaml, loc: tuple[str | int, ...], kind: str, options: tuple[str, ...] | None
) -> list[ContentIssue]:
    if kind == "choice" and (not options or len(options) < 2):
        return [
            loaded.issue(
                (*loc, "options") if options else loc,
                "a choice needs 'options' with at least two answers",
            )
        ]
    if kind != "choice" and options:
        return [
            loaded.issue(
                (*loc, "options"),
                f"only a choice has options; this item is of type {kind}, so remove them",
            )
        ]
    return []
