"""Load and check the whole project once: phases, pages and the YAML sources.

Pure: no MkDocs here, and no rendering: the plugin and the ``miles`` command both call
:func:`load_project`, so the same problems are reported, with the same file:line, whichever way an
author builds. How the rendered pages read is measured where they are rendered
(:mod:`miles_site.site_readability`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.base import review_overdue
from miles_site.models.checklist import Checklist
from miles_site.models.checklist_checks import ChecklistSource, load_checklists
from miles_site.models.data import Data, check_data_links, load_all_data
from miles_site.models.page import ContentPage, load_pages, overdue, primary_source_missing
from miles_site.models.phases import Phases, load_phases
from miles_site.models.scenario import Scenario
from miles_site.models.scenario_checks import ScenarioSource, load_scenarios
from miles_site.render.shortcodes import KINDS, check_shortcodes
from miles_site.sources import LoadedYaml


@dataclass(frozen=True)
class Paths:
    """Where the project's sources live; every path is absolute."""

    root: Path
    docs_dir: Path
    data_dir: Path
    scripts_dir: Path
    checklists_dir: Path

    @property
    def cache_dir(self) -> Path:
        """Return the folder for build caches (checklist PDFs); it is not committed."""
        return self.root / ".cache" / "miles"

    @classmethod
    def under(
        cls,
        root: Path,
        docs: str = "content",
        data: str = "data",
        scripts: str = "video_scripts",
        checklists: str = "checklists",
    ) -> Paths:
        """Build the paths for a project rooted at ``root`` with the usual folder names."""
        root = root.resolve()
        return cls(root, root / docs, root / data, root / scripts, root / checklists)


@dataclass
class Project:
    """Everything loaded from the sources, plus the problems found on the way."""

    paths: Paths
    phases: Phases
    pages: list[ContentPage] = field(default_factory=list)
    scenarios: list[ScenarioSource] = field(default_factory=list)
    checklists: list[ChecklistSource] = field(default_factory=list)
    data: Data = field(default_factory=Data)
    errors: list[ContentIssue] = field(default_factory=list)
    warnings: list[ContentIssue] = field(default_factory=list)

    @property
    def has_phases(self) -> bool:
        """Tell whether data/phases.yml loaded (without it, pages cannot be placed)."""
        return bool(self.phases.all)

    def phase_names(self, phase_ids: tuple[str, ...]) -> str:
        """Join the Dutch names of phases: 'Melding, Behandeling'."""
        return ", ".join(self.phases.get(p).name for p in phase_ids if p in self.phases)

    def shortcode_ids(self) -> dict[str, set[str] | None]:
        """Return the shortcode kinds with their valid ids (None: the kind takes no id)."""
        ids: dict[str | None, set[str] | None] = {
            None: None,
            "scenario": {s.scenario.id for s in self.scenarios},
            "checklist": {c.checklist.id for c in self.checklists},
            "phase?": {"", *self.phases.ids},
        }
        return {kind: ids[argument] for kind, argument in KINDS.items()}


def load_project(paths: Paths, today: dt.date | None = None) -> Project:
    """Load every source and run every check on the models; problems are collected, never raised."""
    today = today or dt.date.today()
    phases, errors = load_phases(paths.data_dir, paths.root)
    project = Project(paths, phases or Phases(()), errors=list(errors))
    project.pages, page_errors = load_pages(paths.docs_dir, paths.root, phases)
    project.errors += page_errors
    project.scenarios, scenario_errors, scenario_warnings = load_scenarios(
        paths.scripts_dir, paths.root, phases
    )
    project.errors += scenario_errors
    project.warnings += scenario_warnings
    project.checklists, checklist_errors = load_checklists(
        paths.checklists_dir,
        paths.root,
        phases,
        {s.scenario.id for s in project.scenarios},
        {p.src_uri for p in project.pages},
    )
    project.errors += checklist_errors
    project.data, data_errors = load_all_data(paths.data_dir, paths.root, phases)
    project.errors += data_errors
    project.errors += check_data_links(
        project.data,
        {p.src_uri for p in project.pages},
        {c.checklist.id for c in project.checklists},
    )
    known = project.shortcode_ids()
    for page in project.pages:
        project.errors += check_shortcodes(page.file, page.body, page.body_line, known)
    project.warnings += _overdue(project, today)
    project.warnings += _without_primary_source(project)
    return project


def _yaml_sources(project: Project) -> list[tuple[LoadedYaml, Scenario | Checklist, str]]:
    """Return every scenario and checklist with its parsed YAML and its kind, for messages."""
    sources: list[tuple[LoadedYaml, Scenario | Checklist, str]] = [
        (s.loaded, s.scenario, "scenario") for s in project.scenarios
    ]
    sources += [(c.loaded, c.checklist, "checklist") for c in project.checklists]
    return sources


def _overdue(project: Project, today: dt.date) -> list[ContentIssue]:
    """Warn about every page, scenario and checklist whose review date has passed."""
    warnings = overdue(project.pages, today)
    for loaded, model, kind in _yaml_sources(project):
        line = loaded.line_of(("review_due",))
        warnings += review_overdue(loaded.file, line, model.review_due, today, kind)
    return warnings


def _without_primary_source(project: Project) -> list[ContentIssue]:
    """Warn about every scenario and checklist that cites no primary source.

    Scenarios and checklists state the rules they teach (what an employer may ask, the week of the
    plan van aanpak) without a page around them, so each must carry its own primary source.
    """
    warnings = []
    for loaded, model, kind in _yaml_sources(project):
        line = loaded.line_of(("sources",))
        warnings += primary_source_missing(loaded.file, line, model.sources, kind)
    return warnings
