"""Reading stored statements: whose (authority, never actor), what, and clear reasons to skip."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from miles_site.study.statements import Malformed, parse_duration, parse_statement
from support.xapi import SITE, at, choice, statement, view


def test_the_participant_comes_from_the_authority_not_from_the_actor() -> None:
    made = view("melding/index.html", at(0), 12.5, phase="melding")
    made["actor"]["account"]["name"] = "SOMEONE-ELSE"
    event = parse_statement(made)
    assert event.participant == "MILES-001"
    assert (event.event, event.item, event.phase, event.duration_s) == (
        "page_viewed", "melding/index.html", "melding", 12.5,
    )  # fmt: skip


def test_a_choice_gives_scenario_scene_index_and_quality() -> None:
    event = parse_statement(choice("s2", 1, "minder handig", at(3)))
    assert (event.event, event.item, event.scene, event.choice, event.quality) == (
        "choice_made", "het-nieuws", "s2", 1, "minder handig",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("PT12.5S", 12.5), ("PT1M3S", 63), ("PT1H", 3600), ("P1DT1S", 86401), ("PT0S", 0)],
)
def test_iso_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def _without(path: tuple[str, ...]) -> Any:
    def change(s: dict[str, Any]) -> None:
        target = s
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _set(path: tuple[str, ...], value: Any) -> Any:
    def change(s: dict[str, Any]) -> None:
        target = s
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_without(("authority",)), "authority"),
        (_without(("id",)), "no 'id'"),
        (_set(("timestamp",), "yesterday"), "not an ISO 8601 time"),
        (_set(("timestamp",), "2027-03-01T09:00:00"), "no time zone"),
        (_without(("verb",)), "verb.id"),
        (_set(("result", "duration"), "12 seconds"), "not an ISO 8601 duration"),
        (_without(("result",)), "not an ISO 8601 duration"),
    ],
)
def test_malformed_statements_say_why(change: Any, reason: str) -> None:
    made = view("index.html", at(0), 10)
    change(made)
    with pytest.raises(Malformed, match=reason):
        parse_statement(made)


@pytest.mark.parametrize(
    ("quality", "index", "reason"),
    [("super", 0, "quality 'super'"), ("aanbevolen", -1, "not a whole number"),
     ("aanbevolen", "2", "not a whole number")],
)  # fmt: skip
def test_a_choice_with_an_unknown_quality_or_index_is_malformed(
    quality: str, index: Any, reason: str
) -> None:
    made = choice("s1", 0, quality, at(0))
    for iri in list(made["context"]["extensions"]):
        if iri.endswith("/choice"):
            made["context"]["extensions"][iri] = index
    with pytest.raises(Malformed, match=reason):
        parse_statement(made)


def test_statements_of_other_tools_are_kept_as_other() -> None:
    made = statement("viewed", "index.html", at(0), duration="PT1S")
    made["verb"]["id"] = "http://adlnet.gov/expapi/verbs/experienced"
    event = parse_statement(made)
    assert (event.event, event.verb) == ("other", "http://adlnet.gov/expapi/verbs/experienced")


def test_times_become_utc() -> None:
    made = view(
        "index.html", dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), 1
    )
    assert parse_statement(made).timestamp == dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert SITE.endswith("/")
