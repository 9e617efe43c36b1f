"""Render the blocks that shortcodes in Markdown pages stand for."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from miles_site.models.checklist import Checklist
from miles_site.models.scenario import Scenario
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.render.environment import render
from miles_site.render.shortcodes import replace_shortcodes
from miles_site.render.timeline import planner_view, when_text

if TYPE_CHECKING:  # the project module imports this one to measure the expanded pages
    from miles_site.project import Project

Link = Callable[[str], str]


def expand_shortcodes(project: Project, markdown: str, link: Link) -> str:
    """Replace the shortcodes in a page; ``link`` makes a docs path relative to the page."""
    return replace_shortcodes(markdown, lambda kind, arg: render_block(project, kind, arg, link))


def render_block(project: Project, kind: str, arg: str, link: Link) -> str:
    """Render the block for one shortcode (load_project has checked its kind and id)."""
    if kind == "phases":
        return render("phase_cards.md.j2", phases=project.phases.all, link=link)
    if kind in ("scenario", "scenarios"):
        scenarios: list[Scenario] = [
            s.scenario for s in project.scenarios if kind == "scenarios" or s.scenario.id == arg
        ]
        groups = [
            (phase, [s for s in scenarios if s.phase == phase.id]) for phase in project.phases
        ]
        template = "scenario_overview.md.j2" if kind == "scenarios" else "scenario_card.md.j2"
        return render(
            template, groups=groups, items=scenarios, link=link, uri=scenario_render.page_uri
        )
    if kind in ("checklist", "checklists"):
        checklists: list[Checklist] = [
            c.checklist for c in project.checklists if kind == "checklists" or c.checklist.id == arg
        ]
        listed = [
            (phase, [c for c in checklists if phase.id in c.phases]) for phase in project.phases
        ]
        template = "checklist_overview.md.j2" if kind == "checklists" else "checklist_card.md.j2"
        return render(
            template,
            groups=listed,
            items=checklists,
            link=link,
            uri=checklist_render.page_uri,
            pdf=checklist_render.pdf_uri,
        )
    return render_data_block(project, kind, arg, link)


def render_data_block(project: Project, kind: str, arg: str, link: Link) -> str:
    """Render a block made from a data file; without the file the block says nothing."""
    data = project.data
    if kind == "timeline" and data.timeline:
        timeline = data.timeline
        return render(
            "timeline_table.md.j2",
            steps=timeline.steps,
            when=when_text,
            link=link,
            convention=timeline.convention,
            binding_rules=str(timeline.binding_rules),
            checklist_uri=checklist_render.page_uri,
        )
    if kind == "planner" and data.timeline:
        timeline = data.timeline
        view = planner_view(timeline, link, checklist_render.page_uri)
        return render(
            "planner.md.j2",
            steps=view["steps"],
            data=view["data"],
            recurrence=timeline.recurrence,
            convention=timeline.convention,
            binding_rules=str(timeline.binding_rules),
        )
    if kind == "roles" and data.roles and arg:
        roles = [role for role in data.roles.roles if arg in role.phases]
        return render("roles_in_phase.md.j2", roles=roles, link=link)
    if kind == "roles" and data.roles:
        return render("roles.md.j2", roles=data.roles.roles, phase_names=project.phase_names)
    if kind == "organisations" and data.organisations:
        return render("organisations.md.j2", organisations=data.organisations.organisations)
    if kind == "glossary" and data.glossary:
        terms = sorted(data.glossary.terms, key=lambda term: term.term.casefold())
        return render("glossary.md.j2", terms=terms, link=link, slug=slugify)
    if kind in ("timeline", "planner", "roles", "organisations", "glossary"):
        return ""
    raise ValueError(f"unknown shortcode kind {kind!r}")


def slugify(text: str) -> str:
    """Make an anchor id from a term: 'plan van aanpak' -> 'plan-van-aanpak'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


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
