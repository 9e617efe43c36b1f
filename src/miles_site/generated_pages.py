"""The Markdown of the pages that the YAML sources become: one per checklist and per scenario.

Each page is rendered once per build: the site publishes that Markdown, and the readability check
measures the very same text, so that what a reader sees is what is measured.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from miles_site.models.checklist import checklist_texts
from miles_site.models.checklist_checks import ChecklistSource
from miles_site.models.scenario import scenario_texts
from miles_site.models.scenario_checks import ScenarioSource
from miles_site.project import Project
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.sources import LoadedYaml, Loc


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from a YAML file: its Markdown, the file, and the texts an author edits."""

    uri: str
    markdown: str
    loaded: LoadedYaml
    texts: tuple[tuple[Loc, str], ...]


def generated_pages(project: Project) -> list[GeneratedPage]:
    """Render the page of every checklist and every scenario."""
    pages = [
        GeneratedPage(
            checklist_render.page_uri(source.checklist.id),
            checklist_page(project, source),
            source.loaded,
            tuple(checklist_texts(source.checklist)),
        )
        for source in project.checklists
    ]
    pages += [
        GeneratedPage(
            scenario_render.page_uri(source.scenario.id),
            scenario_page(project, source),
            source.loaded,
            tuple(scenario_texts(source.scenario)),
        )
        for source in project.scenarios
    ]
    return pages


def checklist_page(project: Project, source: ChecklistSource) -> str:
    """Return the Markdown page of one checklist, with its related scenarios and pages."""
    checklist = source.checklist
    related = checklist.related
    pages = {page.src_uri: page for page in project.pages}
    scenarios = {s.scenario.id: s.scenario for s in project.scenarios}
    return checklist_render.render_checklist_page(
        checklist,
        project.phases,
        [scenarios[s] for s in related.scenarios if s in scenarios],
        [pages[p] for p in related.pages if p in pages],
        lambda target: posixpath.relpath(target, checklist_render.CHECKLIST_FOLDER),
    )


def scenario_page(project: Project, source: ScenarioSource) -> str:
    """Return the Markdown page of one scenario."""
    return scenario_render.render_scenario_page(source, project.phases)
