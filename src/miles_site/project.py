"""Load and check the whole project once: phases, pages and the YAML sources.

Pure: no MkDocs here. The plugin and the ``miles`` command both call :func:`load_project`, so the
same problems are reported, with the same file:line, whichever way an author builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.page import ContentPage, load_pages, overdue
from miles_site.models.phases import Phases, load_phases
from miles_site.models.scenario_checks import ScenarioSource, load_scenarios
from miles_site.navigation import NavPage
from miles_site.render import scenario as scenario_render
from miles_site.render.environment import render
from miles_site.render.shortcodes import check_shortcodes, replace_shortcodes

Link = Callable[[str], str]


@dataclass(frozen=True)
class Paths:
    """Where the project's sources live; every path is absolute."""

    root: Path
    docs_dir: Path
    data_dir: Path
    scripts_dir: Path
    checklists_dir: Path

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


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site: a page (text) or a copied file (path)."""

    src_uri: str
    content: str | None = None
    source: Path | None = None


@dataclass
class Project:
    """Everything loaded from the sources, plus the problems found on the way."""

    paths: Paths
    phases: Phases
    pages: list[ContentPage] = field(default_factory=list)
    scenarios: list[ScenarioSource] = field(default_factory=list)
    errors: list[ContentIssue] = field(default_factory=list)
    warnings: list[ContentIssue] = field(default_factory=list)

    def scenario(self, scenario_id: str) -> ScenarioSource:
        """Return the scenario with ``scenario_id``."""
        return next(s for s in self.scenarios if s.scenario.id == scenario_id)

    def shortcode_ids(self) -> dict[str, set[str] | None]:
        """Return the shortcode kinds with their valid ids (None: the kind takes no id)."""
        return {
            "phases": None,
            "scenarios": None,
            "scenario": {s.scenario.id for s in self.scenarios},
        }

    def expand_shortcodes(self, markdown: str, link: Link) -> str:
        """Replace the shortcodes in a page; ``link`` makes a docs path relative to the page."""
        return replace_shortcodes(markdown, lambda kind, arg: self.render_block(kind, arg, link))

    def render_block(self, kind: str, arg: str, link: Link) -> str:
        """Render the block for one (already checked) shortcode."""
        if kind == "phases":
            return render("phase_cards.md.j2", phases=self.phases.all, link=link)
        if kind == "scenario":
            return render(
                "scenario_card.md.j2",
                items=[self.scenario(arg).scenario],
                link=link,
                uri=scenario_render.page_uri,
            )
        if kind == "scenarios":
            groups = [
                (phase, [s.scenario for s in self.scenarios if s.scenario.phase == phase.id])
                for phase in self.phases
            ]
            return render(
                "scenario_overview.md.j2", groups=groups, link=link, uri=scenario_render.page_uri
            )
        raise ValueError(f"unknown shortcode kind {kind!r}")  # checked in load_project

    def generated_files(self) -> list[GeneratedFile]:
        """Return the pages and media the YAML sources add to the site."""
        files = []
        for source in self.scenarios:
            scenario = source.scenario
            page = scenario_render.render_scenario_page(source, self.phases)
            files.append(GeneratedFile(scenario_render.page_uri(scenario.id), content=page))
            for node in scenario.nodes.values():
                media = node.media
                names = (media.video, media.poster, media.captions) if media else ()
                for name in names:
                    if name and name != "lines":
                        files.append(
                            GeneratedFile(
                                scenario_render.media_uri(name), source=source.media_dir / name
                            )
                        )
        return files

    def nav_pages(self) -> list[NavPage]:
        """Return every page the navigation may list, written and generated."""
        pages = [NavPage(p.src_uri, p.meta.title, p.meta.order) for p in self.pages]
        for source in self.scenarios:
            scenario = source.scenario
            order = self.phases.get(scenario.phase).order * 10 + 100
            pages.append(NavPage(scenario_render.page_uri(scenario.id), scenario.title, order))
        return pages


def load_project(paths: Paths, today: dt.date | None = None) -> Project:
    """Load every source and run every check; problems are collected, never raised."""
    today = today or dt.date.today()
    phases, errors = load_phases(paths.data_dir, paths.root)
    project = Project(paths, phases or Phases(()), errors=list(errors))
    pages, page_errors = load_pages(paths.docs_dir, paths.root, phases)
    project.pages = pages
    project.errors += page_errors
    scenarios, scenario_errors, scenario_warnings = load_scenarios(
        paths.scripts_dir, paths.root, phases
    )
    project.scenarios = scenarios
    project.errors += scenario_errors
    project.warnings += scenario_warnings
    known = project.shortcode_ids()
    for page in pages:
        project.errors += check_shortcodes(page.file, page.body, page.body_line, known)
    project.warnings += overdue(pages, today)
    for source in scenarios:
        if source.scenario.review_due < today:
            project.warnings.append(
                source.loaded.issue(
                    ("review_due",),
                    f"the review date {source.scenario.review_due} has passed; "
                    "check the scenario against its sources, then update last_reviewed and "
                    "review_due",
                )
            )
    return project
