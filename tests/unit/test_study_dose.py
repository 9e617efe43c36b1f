"""The session rule and the dose table, on hand-made statements with known answers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from miles_site.study.dose import Window, dose_table, session_numbers, weekly_sessions
from miles_site.study.statements import parse_statement
from support.xapi import at, choice, statement, view

PHASES = ["melding", "behandeling"]
UTC = ZoneInfo("UTC")


def events(*statements: dict) -> list:
    return sorted((parse_statement(s) for s in statements), key=lambda e: e.timestamp)


@pytest.mark.parametrize(
    ("views", "sessions"),
    [
        # (start minute, seconds on the page) -> session of each view
        ([(0, 60), (10, 60), (39, 60)], [1, 1, 1]),  # gaps of 9 and 28 minutes
        ([(0, 60), (31.5, 60)], [1, 2]),  # 30.5 minutes after the first view ended
        ([(0, 60), (31, 60)], [1, 1]),  # exactly 30 minutes after it ended: same session
        ([(0, 3000), (80, 60)], [1, 1]),  # a 50-minute read keeps the session open
        ([(0, 60), (200, 60), (205, 60), (500, 1)], [1, 2, 2, 3]),
    ],
)
def test_a_new_session_starts_after_30_minutes_without_activity(
    views: list[tuple[float, float]], sessions: list[int]
) -> None:
    made = events(*(view(f"p{n}.html", at(m), s) for n, (m, s) in enumerate(views)))
    assert session_numbers(made) == sessions


def test_sessions_count_any_activity_not_only_page_views() -> None:
    made = events(
        view("a.html", at(0), 60), choice("s1", 0, "aanbevolen", at(25)), view("b.html", at(50), 10)
    )
    assert session_numbers(made) == [1, 1, 1]


def test_dose_row_from_a_known_week_of_use() -> None:
    made = events(
        view("melding/index.html", at(0), 90, phase="melding"),
        view("melding/index.html", at(5), 30, phase="melding"),  # the same page again
        view("melding/eerste-reactie.html", at(6), 60, phase="melding"),
        view("index.html", at(8), 30),
        statement(
            "attempted", "gesprekken/het-nieuws.html", at(10), phase="melding", kind="scenario"
        ),
        choice("start", 0, "aanbevolen", at(11)),
        choice("s2", 2, "af te raden", at(12)),
        statement(
            "completed",
            "gesprekken/het-nieuws.html",
            at(13),
            phase="melding",
            kind="scenario",
            result={"completion": True, "ending": "einde"},
        ),
        statement(
            "opened",
            "checklists/eerste-gesprek.html",
            at(0, days=2),
            phase="melding",
            kind="checklist",
        ),
        statement(
            "interacted",
            "checklists/eerste-gesprek.html",
            at(1, days=2),
            kind="checklist",
            context={"action": "print"},
        ),
        statement(
            "interacted",
            "checklists/eerste-gesprek.html",
            at(2, days=2),
            kind="checklist",
            context={"action": "print"},
        ),
        statement("downloaded", "checklists/eerste-gesprek.pdf", at(3, days=2), kind="file"),
        statement("interacted", "planner.html", at(0, days=6), context={"action": "planner"}),
        statement("interacted", "#zoeken", at(1, days=6), context={"action": "search"}),
        statement("interacted", "#zoeken", at(2, days=6), context={"action": "search"}),
        view("behandeling/index.html", at(3, days=6), 120, phase="behandeling"),
    )
    window = Window(at(0), at(0, days=14), UTC)
    [row] = dose_table(made, window, PHASES, participants=["MILES-001"])
    assert row == {
        "participant": "MILES-001",
        "first_visit_utc": "2027-03-01T09:00:00Z",
        "last_visit_utc": "2027-03-07T09:03:00Z",
        "active_days": 3,
        "sessions": 3,
        "weeks_observed": 2.0,
        "sessions_per_week": 1.5,
        "minutes_total": 5.5,  # 90 + 30 + 60 + 30 + 120 seconds
        "page_views": 5,
        "pages_distinct": 4,
        "pages_melding": 2,
        "pages_behandeling": 1,
        "pages_zonder_fase": 1,
        "scenarios_started": 1,
        "scenarios_completed": 1,
        "endings_reached": 1,
        "choices": 2,
        "choices_undone": 0,
        "choices_aanbevolen": 1,
        "choices_minder_handig": 0,
        "choices_af_te_raden": 1,
        "share_recommended": 0.5,
        "checklists_opened": 1,
        "checklists_printed": 1,
        "checklists_downloaded": 1,
        "planner_uses": 1,
        "searches": 2,
        "content_versions": "v1 · abc",
    }


def test_listed_participants_without_use_get_zeros_and_others_their_own_rows() -> None:
    made = events(view("index.html", at(0), 10, who="MILES-002"))
    rows = dose_table(made, Window(at(0), at(0, days=7), UTC), PHASES, ["MILES-001", "MILES-002"])
    assert [r["participant"] for r in rows] == ["MILES-001", "MILES-002"]
    assert (rows[0]["sessions"], rows[0]["page_views"], rows[0]["first_visit_utc"]) == (0, 0, "")
    assert (rows[1]["sessions"], rows[1]["page_views"]) == (1, 1)


def test_active_days_follow_the_chosen_time_zone() -> None:
    # 23:30 and 00:30 UTC: two days in UTC, one night (00:30, 01:30) in Amsterdam (UTC+1).
    late = dt.datetime(2027, 3, 1, 23, 30, tzinfo=dt.UTC)
    made = events(view("a.html", late, 10), view("b.html", late + dt.timedelta(hours=1), 10))
    utc = dose_table(made, Window(late, late, UTC), PHASES)[0]
    amsterdam = dose_table(made, Window(late, late, ZoneInfo("Europe/Amsterdam")), PHASES)[0]
    assert (utc["active_days"], amsterdam["active_days"]) == (2, 1)


def test_weekly_sessions_count_each_session_in_the_week_it_starts() -> None:
    made = events(
        view("a.html", at(0), 10), view("b.html", at(60), 10), view("c.html", at(0, days=8), 10)
    )
    weekly = weekly_sessions(made, Window(at(0), at(0, days=14), UTC))
    assert weekly == {"MILES-001": {1: 2, 2: 1}}


def back(scene: str, when: dt.datetime, who: str = "MILES-001") -> dict:
    """Return Back in the player of 'het-nieuws': it returns to ``scene``."""
    return statement(
        "interacted",
        f"gesprekken/het-nieuws.html#scene-{scene}",
        when,
        who,
        phase="melding",
        context={"action": "back", "scene": scene},
        kind="scene",
    )


def test_a_choice_undone_with_back_does_not_count_among_the_choices() -> None:
    made = events(
        choice("start", 2, "af te raden", at(0)),
        back("start", at(1)),  # undoes the choice just made in 'start'
        choice("start", 0, "aanbevolen", at(2)),
        choice("s2", 1, "minder handig", at(3)),
        choice("s3", 0, "af te raden", at(4)),
        back("s3", at(5)),  # the last choice made in 's3'
        back("s2", at(6)),  # then the one before it, in 's2'
        back("s9", at(7)),  # no standing choice in that scene: nothing to undo
    )
    [row] = dose_table(made, Window(at(0), at(0, days=7), UTC), PHASES)
    assert (row["choices"], row["choices_undone"]) == (1, 3)
    assert (
        row["choices_aanbevolen"],
        row["choices_minder_handig"],
        row["choices_af_te_raden"],
    ) == (
        1,
        0,
        0,
    )
    assert row["share_recommended"] == 1.0
