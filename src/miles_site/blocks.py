"""Render the blocks that shortcodes in Markdown pages stand for."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from miles_site.models.checklist import Checklist
from miles_site.models.scenario import Scenario
from miles_site.project import Project
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.render.environment import render
from miles_site.render.shortcodes import replace_shortcodes
from miles_site.render.timeline import planner_view, step_rows

Link = Callable[[str], str]
Renderer = Callable[[Project, str, Link], str]
# Glossary entries get ids of their own, so that no term can take the id of a page heading.
GLOSSARY_ANCHOR = "begrip-"


@dataclass(frozen=True)
class ExpandedPage:
    """A page's Markdown with its shortcodes replaced, and the block each (kind, id) became."""

    markdown: str
    blocks: Mapping[tuple[str, str], str]


def expand_shortcodes(project: Project, markdown: str, link: Link) -> ExpandedPage:
    """Replace the shortcodes in a page; ``link`` makes a docs path relative to the page.

    Each block is rendered once per page, also when its shortcode appears twice.
    """
    blocks: dict[tuple[str, str], str] = {}

    def block(kind: str, arg: str) -> str:
        if (kind, arg) not in blocks:
            blocks[kind, arg] = render_block(project, kind, arg, link)
        return blocks[kind, arg]

    return ExpandedPage(replace_shortcodes(markdown, block), blocks)


def render_block(project: Project, kind: str, arg: str, link: Link) -> str:
    """Render the block for one shortcode; an unknown kind (load_project reports it) gives ''."""
    renderer = RENDERERS.get(kind)
    return renderer(project, arg, link) if renderer else ""


def _phases(project: Project, arg: str, link: Link) -> str:
    return render("phase_cards.md.j2", phases=project.phases.all, link=link)


def _scenarios(project: Project, arg: str, link: Link) -> str:
    scenarios: list[Scenario] = [
        s.scenario for s in project.scenarios if not arg or s.scenario.id == arg
    ]
    groups = [(phase, [s for s in scenarios if s.phase == phase.id]) for phase in project.phases]
    template = "scenario_card.md.j2" if arg else "scenario_overview.md.j2"
    return render(template, groups=groups, items=scenarios, link=link, uri=scenario_render.page_uri)


def _checklists(project: Project, arg: str, link: Link) -> str:
    checklists: list[Checklist] = [
        c.checklist for c in project.checklists if not arg or c.checklist.id == arg
    ]
    groups = [(phase, [c for c in checklists if phase.id in c.phases]) for phase in project.phases]
    return render(
        "checklist_card.md.j2" if arg else "checklist_overview.md.j2",
        groups=groups,
        items=checklists,
        link=link,
        uri=checklist_render.page_uri,
        pdf=checklist_render.pdf_uri,
    )


# Blocks made from a data file say nothing when the project has no such file.


def _timeline(project: Project, arg: str, link: Link) -> str:
    timeline = project.data.timeline
    if timeline is None:
        return ""
    return render(
        "timeline_table.md.j2",
        rows=step_rows(timeline.steps, link, checklist_render.page_uri),
        binding_rules=str(timeline.binding_rules),
    )


def _planner(project: Project, arg: str, link: Link) -> str:
    timeline = project.data.timeline
    if timeline is None:
        return ""
    view = planner_view(timeline, link, checklist_render.page_uri)
    return render(
        "planner.md.j2",
        rows=view["rows"],
        data=view["data"],
        recurrence=timeline.recurrence,
        convention=timeline.convention,
        binding_rules=str(timeline.binding_rules),
    )


def _roles(project: Project, arg: str, link: Link) -> str:
    roles = project.data.roles
    if roles is None:
        return ""
    if arg:
        in_phase = [role for role in roles.roles if arg in role.phases]
        return render("roles_in_phase.md.j2", roles=in_phase, link=link)
    return render("roles.md.j2", roles=roles.roles, phase_names=project.phase_names)


def _organisations(project: Project, arg: str, link: Link) -> str:
    organisations = project.data.organisations
    if organisations is None:
        return ""
    return render("organisations.md.j2", organisations=organisations.organisations)


def _glossary(project: Project, arg: str, link: Link) -> str:
    glossary = project.data.glossary
    if glossary is None:
        return ""
    terms = sorted(glossary.terms, key=lambda term: term.term.casefold())
    return render("glossary.md.j2", terms=terms, link=link, anchor=glossary_anchor)


# One renderer per kind in render.shortcodes.KINDS (a unit test keeps the two in step).
RENDERERS: dict[str, Renderer] = {
    "phases": _phases,
    "scenarios": _scenarios,
    "scenario": _scenarios,
    "checklists": _checklists,
    "checklist": _checklists,
    "timeline": _timeline,
    "planner": _planner,
    "roles": _roles,
    "organisations": _organisations,
    "glossary": _glossary,
}


def glossary_anchor(term: str) -> str:
    """Return the id of a term's glossary entry: 'plan van aanpak' -> 'begrip-plan-van-aanpak'."""
    return GLOSSARY_ANCHOR + re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


def glossary_abbreviations(project: Project) -> dict[str, str]:
    """Map every glossary term (and its other forms) to its explanation, for tooltips."""
    if not project.data.glossary:
        return {}
    found: dict[str, str] = {}
    for term in project.data.glossary.terms:
        definition = " ".join(term.definition.split())
        forms = {term.term, *term.also}
        forms |= {form[0].upper() + form[1:] for form in forms}
        found.update(dict.fromkeys(sorted(forms), definition))
    return found
