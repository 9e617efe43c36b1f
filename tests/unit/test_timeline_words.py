"""How a Poortwachter step's date is said on the law pages and in the planner's table."""

from __future__ import annotations

from typing import Any

import pytest

from miles_site.models.data import TimelineStep
from miles_site.render.timeline import when_text

SOURCE = {"title": "UWV", "url": "https://www.uwv.nl/"}


def step(**fields: Any) -> TimelineStep:
    """A valid step with the given rule fields."""
    return TimelineStep.model_validate(
        {"id": "stap", "label": "Stap", "who": "Werkgever", "explanation": "Uitleg."}
        | {"sources": [SOURCE]}
        | fields
    )


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"rule": "dag", "week": 1, "day": 1}, "Dag 1"),
        ({"rule": "einde-week", "week": 6}, "Uiterlijk einde week 6"),
        ({"rule": "begin-week", "week": 10}, "Uiterlijk begin week 10"),
        # UWV: "uiterlijk de eerste werkdag na de 42e ziekteweek", not the start of week 42.
        ({"rule": "werkdag-na-week", "week": 42}, "Uiterlijk de eerste werkdag na week 42"),
        ({"rule": "periode", "week": 46, "until_week": 52}, "Week 46 tot en met 52"),
        ({"rule": "periode", "week": 87, "until_week": 88}, "Week 87 of 88"),
        (
            {"rule": "herhaal", "week": 14, "every_weeks": 6, "until_week": 104},
            "Vanaf week 14, elke 6 weken",
        ),
    ],
)
def test_each_rule_is_said_in_plain_dutch(fields: dict[str, Any], words: str) -> None:
    assert when_text(step(**fields)) == words


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="werkdag-na-week"):
        step(rule="werkdag-voor-week", week=42)
