"""The dose received: sessions and one row of figures per participant. Pure.

Session rule: a participant's events are taken in time order; an activity lasts from its
timestamp to its end (a page view lasts as long as the page was visible). A new session starts
when an event begins more than 30 minutes after everything before it had ended.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from miles_site.study.statements import Event
from miles_site.study.vocabulary import QUALITIES

SESSION_GAP = dt.timedelta(minutes=30)
NO_PHASE = "zonder_fase"


def session_numbers(events: Sequence[Event], gap: dt.timedelta = SESSION_GAP) -> list[int]:
    """Return the session number (from 1) of each of one participant's events, in time order."""
    numbers: list[int] = []
    latest_end: dt.datetime | None = None
    session = 0
    for event in events:
        if latest_end is None or event.timestamp - latest_end > gap:
            session += 1
        numbers.append(session)
        latest_end = event.end if latest_end is None else max(latest_end, event.end)
    return numbers


@dataclass(frozen=True)
class Window:
    """The period the report covers and how days and weeks are counted."""

    start: dt.datetime
    end: dt.datetime
    tz: ZoneInfo

    def week(self, moment: dt.datetime) -> int:
        """Return the trial week (1, 2, …) of a moment, counted from the window's start."""
        return (moment - self.start) // dt.timedelta(days=7) + 1

    @property
    def weeks(self) -> int:
        """Return the number of weeks the window spans (at least 1)."""
        return max(1, self.week(self.end))


def by_participant(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Group events per participant, each list in time order."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        groups[event.participant].append(event)
    for group in groups.values():
        group.sort(key=lambda e: (e.timestamp, e.statement_id))
    return dict(sorted(groups.items()))


def standing_choices(events: Sequence[Event]) -> tuple[list[Event], int]:
    """Return the choices not undone with Back, and how many were undone (events in time order).

    Back in the player takes the last choice off the route and returns to its scene: it undoes
    the latest standing choice made in that scene of that scenario.
    """
    routes: dict[str, list[Event]] = defaultdict(list)
    undone = 0
    for event in events:
        if event.event == "choice_made":
            routes[event.item].append(event)
        elif event.event == "choice_undone":
            route = routes[event.item]
            scenes = [choice.scene for choice in route]
            if event.scene in scenes:
                del route[len(scenes) - 1 - scenes[::-1].index(event.scene)]
                undone += 1
    return [choice for route in routes.values() for choice in route], undone


def phase_column(phase: str) -> str:
    """Return the dose.csv column for the pages of a phase."""
    return "pages_" + (phase.replace("-", "_") if phase else NO_PHASE)


def dose_row(
    participant: str, events: Sequence[Event], window: Window, phases: Sequence[str]
) -> dict[str, object]:
    """Return the dose figures of one participant (events in time order)."""
    sessions = max(session_numbers(events), default=0)
    views = [e for e in events if e.event == "page_viewed"]
    first, last = (events[0].timestamp, events[-1].timestamp) if events else (None, None)
    weeks = max(1.0, (window.end - first).total_seconds() / (7 * 86400)) if first else 0.0
    pages: dict[str, set[str]] = defaultdict(set)
    for view in views:
        pages[view.phase].add(view.item)
    kinds: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for event in events:
        kinds[event.event].add(event.item)
        counts[event.event] += 1
    standing, undone = standing_choices(events)
    qualities = Counter(e.quality for e in standing)
    choices = len(standing)
    row: dict[str, object] = {
        "participant": participant,
        "first_visit_utc": _iso(first),
        "last_visit_utc": _iso(last),
        "active_days": len({e.timestamp.astimezone(window.tz).date() for e in events}),
        "sessions": sessions,
        "weeks_observed": round(weeks, 2),
        "sessions_per_week": round(sessions / weeks, 2) if weeks else 0,
        "minutes_total": round(sum(v.duration_s or 0 for v in views) / 60, 1),
        "page_views": len(views),
        "pages_distinct": len({v.item for v in views}),
    }
    for phase in [*phases, ""]:
        row[phase_column(phase)] = len(pages.get(phase, ()))
    row.update(
        {
            "scenarios_started": len(kinds["scenario_started"]),
            "scenarios_completed": len(kinds["scenario_completed"]),
            "endings_reached": counts["scenario_completed"],
            "choices": choices,
            "choices_undone": undone,
            **{"choices_" + q.replace(" ", "_"): qualities[q] for q in QUALITIES},
            "share_recommended": round(qualities[QUALITIES[0]] / choices, 3) if choices else "",
            "checklists_opened": len(kinds["checklist_opened"]),
            "checklists_printed": len(kinds["checklist_printed"]),
            "checklists_downloaded": len(kinds["checklist_downloaded"]),
            "planner_uses": counts["planner_used"],
            "searches": counts["search_made"],
            "content_versions": "|".join(sorted({e.content_version for e in events} - {""})),
        }
    )
    return row


def dose_table(
    events: Iterable[Event],
    window: Window,
    phases: Sequence[str],
    participants: Sequence[str] = (),
) -> list[dict[str, object]]:
    """Return one dose row per participant; listed participants without events get zeros."""
    groups = by_participant(events)
    for code in participants:
        groups.setdefault(code, [])
    extra = sorted({e.phase for g in groups.values() for e in g if e.phase} - set(phases))
    columns = [*phases, *extra]
    return [dose_row(code, groups[code], window, columns) for code in sorted(groups)]


def weekly_sessions(events: Iterable[Event], window: Window) -> dict[str, Counter[int]]:
    """Count each participant's sessions per trial week (by the week a session starts in)."""
    result: dict[str, Counter[int]] = {}
    for participant, group in by_participant(events).items():
        starts: dict[int, dt.datetime] = {}
        for number, event in zip(session_numbers(group), group, strict=True):
            starts.setdefault(number, event.timestamp)
        result[participant] = Counter(window.week(moment) for moment in starts.values())
    return result


def _iso(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if moment else ""
