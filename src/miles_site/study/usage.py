"""Read every statement once, keep the raw backup, and write the dose report's files.

Statements stream through: each is written to statements.jsonl as it arrives and only a small
Event is kept, so that 100 000 statements fit in little memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from miles_site.render.environment import render
from miles_site.study import plots
from miles_site.study.dose import (
    Window,
    by_participant,
    dose_table,
    session_numbers,
    weekly_sessions,
)
from miles_site.study.statements import Event, Malformed, Unreadable, parse_statement

EVENT_COLUMNS = (
    "statement_id", "participant", "timestamp_utc", "stored_utc", "session", "event", "verb",
    "item", "title", "phase", "duration_s", "scene", "choice", "quality", "ending",
    "content_version",
)  # fmt: skip


@dataclass
class Reading:
    """What reading the statements found."""

    statements: int = 0
    events: list[Event] = field(default_factory=list)
    malformed: list[tuple[int, str, str]] = field(default_factory=list)
    duplicates: int = 0
    outside: int = 0


def read_statements(
    pages: Iterable[list[Any]],
    backup: Path,
    since: dt.datetime | None,
    until: dt.datetime | None,
    on_page: Callable[[int], None] = lambda count: None,
) -> Reading:
    """Write every statement to ``backup`` (JSON lines) and parse it; list, never drop, bad ones."""
    reading = Reading()
    seen: set[str] = set()
    with backup.open("w", encoding="utf-8") as out:
        for page in pages:
            for raw in page:
                reading.statements += 1
                # An unreadable backup line is kept as the reason it could not be read.
                kept = raw.reason if isinstance(raw, Unreadable) else raw
                out.write(json.dumps(kept, ensure_ascii=False, separators=(",", ":")) + "\n")
                try:
                    event = parse_statement(raw)
                except Malformed as exc:
                    statement_id = raw.get("id") if isinstance(raw, dict) else None
                    reading.malformed.append(
                        (reading.statements, str(statement_id or "?"), str(exc))
                    )
                    continue
                if event.statement_id in seen:
                    reading.duplicates += 1
                    continue
                seen.add(event.statement_id)
                if (since and event.timestamp < since) or (until and event.timestamp > until):
                    reading.outside += 1
                    continue
                reading.events.append(event)
            on_page(reading.statements)
    return reading


def window_for(
    events: Sequence[Event], since: dt.datetime | None, until: dt.datetime | None, tz: ZoneInfo
) -> Window:
    """Return the report's period: the options, or else the first and last event."""
    now = dt.datetime.now(dt.UTC)
    start = since or min((e.timestamp for e in events), default=now)
    end = until or max((e.end for e in events), default=start)
    return Window(start, end, tz)


def event_rows(events: Iterable[Event]) -> Iterable[tuple[object, ...]]:
    """Yield events.csv rows (EVENT_COLUMNS), per participant in time order, with the session."""
    for group in by_participant(events).values():
        for session, e in zip(session_numbers(group), group, strict=True):
            yield (
                e.statement_id,
                e.participant,
                _utc(e.timestamp),
                _utc(e.stored) if e.stored else "",
                session,
                e.event,
                e.verb,
                e.item,
                e.title,
                e.phase,
                "" if e.duration_s is None else round(e.duration_s, 2),
                e.scene,
                "" if e.choice is None else e.choice,
                e.quality,
                e.ending,
                e.content_version,
            )


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write rows as CSV (UTF-8, comma-separated) under a header line of ``columns``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def write_report(
    out_dir: Path,
    reading: Reading,
    window: Window,
    phases: Sequence[str],
    participants: Sequence[str],
    source: str,
) -> list[dict[str, object]]:
    """Write events.csv, dose.csv and report.html; return the dose rows."""
    write_rows(out_dir / "events.csv", EVENT_COLUMNS, event_rows(reading.events))
    rows = dose_table(reading.events, window, phases, participants)
    columns = list(rows[0]) if rows else ["participant"]
    write_rows(out_dir / "dose.csv", columns, ([row[c] for c in columns] for row in rows))
    weekly = weekly_sessions(reading.events, window)
    for row in rows:
        weekly.setdefault(str(row["participant"]), Counter())
    all_phases = [c.removeprefix("pages_") for c in columns if c.startswith("pages_")]
    all_phases = [p for p in all_phases if p not in ("distinct", "zonder_fase")]
    html = render(
        "study/report.html.j2",
        source=source,
        reading=reading,
        window=window,
        start=_utc(window.start),
        end=_utc(window.end),
        generated=_utc(dt.datetime.now(dt.UTC)),
        columns=columns,
        rows=rows,
        heatmap=plots.sessions_heatmap(weekly, window.weeks),
        coverage=plots.phase_coverage(rows, [p.replace("_", "-") for p in all_phases]),
        overview=plots.weekly_overview(weekly, window.weeks),
    )
    (out_dir / "report.html").write_text(html, encoding="utf-8")
    return rows


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
