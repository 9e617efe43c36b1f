"""Load every checklist and check what a schema cannot: ids, options, links and privacy."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.base import id_matches_file, load_model
from miles_site.models.checklist import Checklist
from miles_site.models.phases import Phases
from miles_site.models.types import unknown_page
from miles_site.sources import LoadedYaml, iter_files

# Word stems that ask for medical details (facts §2.5: an employer may not ask about or record
# the diagnosis, the nature of the illness, treatment, prognosis or medication, not even with
# consent). A stem matches inside longer words too: 'behandel' also finds 'behandelplan'.
MEDICAL_STEMS = (
    "diagnose",
    "ziek",
    "behandel",
    "chemo",
    "bestral",
    "operatie",
    "geopereerd",
    "prognose",
    "medicijn",
    "medicatie",
    "uitzaai",
    "tumor",
    "kanker",
    "therapie",
    "klacht",
    "symptom",
    "bijwerking",
    "oncolo",
)
_MEDICAL = re.compile("|".join(MEDICAL_STEMS), re.IGNORECASE)


@dataclass(frozen=True)
class ChecklistSource:
    """A valid checklist with the file it came from."""

    checklist: Checklist
    loaded: LoadedYaml
    path: Path


def medical_words(text: str | None) -> list[str]:
    """Return the words in ``text`` that contain a medical stem."""
    if not text:
        return []
    return [word for word in re.findall(r"[\wÀ-ÿ'-]+", text) if _MEDICAL.search(word)]


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
            issues += _check_privacy(loaded, loc, item.label, item.help, item.privacy_ok)
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


def _check_privacy(
    loaded: LoadedYaml,
    loc: tuple[str | int, ...],
    label: str,
    help_text: str | None,
    privacy_ok: str | None,
) -> list[ContentIssue]:
    if privacy_ok:
        return []
    issues = []
    for field, text in (("label", label), ("help", help_text)):
        words = medical_words(text)
        if words:
            issues.append(
                loaded.issue(
                    (*loc, field),
                    f"asks for medical details "
                    f"('{words[0]}'); a checklist may never record a "
                    "diagnosis, treatment, prognosis or medication. Rephrase "
                    "it, or add 'privacy_ok: <reason>' if it asks nothing "
                    "medical",
                )
            )
    return issues
