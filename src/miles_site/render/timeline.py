"""Words for the Poortwachter steps: when a step falls, said the same way on every page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from miles_site.models.data import TimelineFile, TimelineStep
from miles_site.render.links import html_path


def when_text(step: TimelineStep) -> str:
    """Say when a step falls, e.g. 'Uiterlijk einde week 6' or 'Week 46 tot en met 52'."""
    if step.rule == "dag":
        return f"Dag {step.day or 1}"
    if step.rule == "einde-week":
        return f"Uiterlijk einde week {step.week}"
    if step.rule == "begin-week":
        return f"Uiterlijk begin week {step.week}"
    if step.rule == "werkdag-na-week":
        return f"Uiterlijk de eerste werkdag na week {step.week}"
    if step.rule == "periode":
        joiner = " of " if step.until_week == step.week + 1 else " tot en met "
        return f"Week {step.week}{joiner}{step.until_week}"
    return f"Vanaf week {step.week}, elke {step.every_weeks} weken"


def step_rows(
    steps: Iterable[TimelineStep], link: Callable[[str], str], checklist_uri: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Describe steps as rows of the static timeline table (the law pages and the planner)."""
    return [
        {
            "step": step,
            "when": when_text(step),
            "page_link": link(step.page) if step.page else None,
            "checklist_link": link(checklist_uri(step.checklist)) if step.checklist else None,
        }
        for step in steps
    ]


def planner_view(
    timeline: TimelineFile, link: Callable[[str], str], checklist_uri: Callable[[str], str]
) -> dict[str, Any]:
    """Describe the planner steps for its template and for the inlined JavaScript data.

    Links in the JavaScript data are final .html addresses: the offline build writes each page
    as a .html file next to its .md path (use_directory_urls is off).
    """
    rows = step_rows([s for s in timeline.steps if s.planner], link, checklist_uri)
    steps = []
    for row in rows:
        step = row["step"]
        steps.append(
            {
                **step.model_dump(
                    include={
                        "id",
                        "label",
                        "who",
                        "rule",
                        "week",
                        "until_week",
                        "every_weeks",
                        "day",
                        "explanation",
                        "page",
                        "checklist",
                    }
                ),
                "when": row["when"],
                "page_href": row["page_link"] and html_path(row["page_link"]),
                "checklist_href": row["checklist_link"] and html_path(row["checklist_link"]),
            }
        )
    data = {
        "steps": steps,
        "add_up_below_days": timeline.recurrence.add_up_below_days,
        "new_period_weeks": timeline.recurrence.new_period_weeks,
    }
    return {"rows": rows, "data": data}
