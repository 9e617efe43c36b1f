"""Words for the Poortwachter steps: when a step falls, said the same way on every page."""

from __future__ import annotations

from miles_site.models.data import Step


def when_text(step: Step) -> str:
    """Say when a step falls, e.g. 'Uiterlijk einde week 6' or 'Week 46 tot en met 52'."""
    if step.rule == "dag":
        return f"Dag {step.day or 1}"
    if step.rule == "einde-week":
        return f"Uiterlijk einde week {step.week}"
    if step.rule == "begin-week":
        return f"Uiterlijk begin week {step.week}"
    if step.rule == "periode":
        joiner = " of " if step.until_week == step.week + 1 else " tot en met "
        return f"Week {step.week}{joiner}{step.until_week}"
    return f"Vanaf week {step.week}, elke {step.every_weeks} weken"


def weeks_of(step: Step) -> set[int]:
    """Return the week numbers a step names (for checking the law pages against the data)."""
    weeks = {step.week}
    if step.until_week is not None:
        weeks.add(step.until_week)
    return weeks
