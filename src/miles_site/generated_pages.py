"""The Markdown of the pages that the YAML sources become: one per checklist and per scenario.

The site build publishes these pages, and the readability check measures the very same text, so
that what a reader sees is what is measured.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from miles_site.models.checklist_checks import ChecklistSource
from miles_site.models.scenario_checks import ScenarioSource
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render

if TYPE_CHECKING:  # the project module imports this one to measure the pages
    from miles_site.project import Project


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
