"""Render a checklist's web page, its cards and the overview. Pure: models in, Markdown out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from miles_site.models.checklist import Checklist
from miles_site.models.page import ContentPage
from miles_site.models.phases import Phases
from miles_site.models.scenario import Scenario
from miles_site.render.environment import render
from miles_site.render.front_matter import front_matter, generated_meta
from miles_site.render.scenario import page_uri as scenario_uri

CHECKLIST_FOLDER = "checklists"
Link = Callable[[str], str]


def page_uri(checklist_id: str) -> str:
    """Return the docs path of a checklist's page."""
    return f"{CHECKLIST_FOLDER}/{checklist_id}.md"


def pdf_uri(checklist_id: str) -> str:
    """Return the docs path of a checklist's PDF."""
    return f"{CHECKLIST_FOLDER}/{checklist_id}.pdf"


def render_checklist_page(
    checklist: Checklist,
    phases: Phases,
    scenarios: Sequence[Scenario],
    pages: Sequence[ContentPage],
    link: Link,
) -> str:
    """Render the Markdown page of one checklist: the form, the privacy notice and the PDF link."""
    meta = generated_meta(
        checklist.title,
        checklist.purpose.split(". ")[0].rstrip(".") + ".",
        checklist.phases[0],
        ["leidinggevende", "hr", "casemanager"],
        checklist.last_reviewed,
        checklist.review_due,
        checklist.sources,
    )
    body = render(
        "checklist_page.md.j2",
        checklist=checklist,
        phase_labels=[phases.get(p).label for p in checklist.phases if p in phases],
        scenarios=scenarios,
        pages=pages,
        link=link,
        scenario_uri=scenario_uri,
    )
    return front_matter(meta) + body
