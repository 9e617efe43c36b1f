"""Read stored xAPI statements into flat events: one per statement, for events.csv and the dose.

Pure. Whose statement it is comes from ``authority`` (set by the LRS from the credential), never
from ``actor``, which the browser claims. A statement that cannot be read raises Malformed, with
the reason, so that the report can list it instead of dropping it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from posixpath import splitext
from sys import intern
from typing import Any

from miles_site.study.vocabulary import QUALITIES, VERB_BY_IRI, extension_name

_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
EVENTS = {
    ("viewed", None): "page_viewed",
    ("attempted", None): "scenario_started",
    ("answered", None): "choice_made",
    ("completed", None): "scenario_completed",
    ("opened", None): "checklist_opened",
    ("downloaded", None): "checklist_downloaded",
    ("interacted", "print"): "checklist_printed",
    ("interacted", "planner"): "planner_used",
    ("interacted", "search"): "search_made",
    ("interacted", "back"): "choice_undone",
}


class Malformed(Exception):
    """A statement that cannot be read; the message says why."""


@dataclass(frozen=True)
class Unreadable:
    """A line of a backup file that holds no statement at all (not UTF-8, not JSON), and why."""

    reason: str


@dataclass(frozen=True, slots=True)
class Event:
    """One statement as a row: who, when, what, and the few facts MiLES records."""

    statement_id: str
    participant: str
    timestamp: dt.datetime
    stored: dt.datetime | None
    event: str
    verb: str
    item: str
    title: str
    phase: str
    duration_s: float | None
    scene: str
    choice: int | None
    quality: str
    ending: str
    content_version: str

    @property
    def end(self) -> dt.datetime:
        """Return when the activity ended: a page view lasts its duration."""
        if self.duration_s:
            return self.timestamp + dt.timedelta(seconds=self.duration_s)
        return self.timestamp


def parse_time(value: Any, field: str) -> dt.datetime:
    """Parse an ISO 8601 time with a time zone into UTC."""
    if not isinstance(value, str):
        raise Malformed(f"'{field}' is missing")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Malformed(f"'{field}' is not an ISO 8601 time: {value!r}") from None
    if moment.tzinfo is None:
        raise Malformed(f"'{field}' has no time zone: {value!r}")
    return moment.astimezone(dt.UTC)


def parse_duration(value: Any) -> float:
    """Parse an ISO 8601 duration (PT1M3.5S) into seconds."""
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match or value in ("P", "PT"):
        raise Malformed(f"'result.duration' is not an ISO 8601 duration: {value!r}")
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    return (
        parts.get("d", 0) * 86400
        + parts.get("h", 0) * 3600
        + parts.get("m", 0) * 60
        + parts.get("s", 0)
    )


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _ours(part: Any) -> dict[str, Any]:
    """Return our extensions of a result or context, by short name."""
    found: dict[str, Any] = {}
    extensions = _get(part, "extensions")
    if isinstance(extensions, dict):
        for iri, value in extensions.items():
            name = extension_name(str(iri))
            if name:
                found[name] = value
    return found


def participant_of(statement: dict[str, Any]) -> str:
    """Return the participant code from the authority the LRS set."""
    name = _get(statement, "authority", "account", "name")
    if not isinstance(name, str) or not name:
        raise Malformed("no 'authority.account.name': the LRS did not say whose statement it is")
    return name


def item_of(object_id: str, home: str | None) -> str:
    """Return the part of an activity id after the site's address: 'melding/index.html'."""
    path = object_id[len(home) :] if home and object_id.startswith(home) else object_id
    return path


def parse_statement(statement: Any) -> Event:
    """Turn one stored statement into an Event, or raise Malformed saying why."""
    if isinstance(statement, Unreadable):
        raise Malformed(statement.reason)
    if not isinstance(statement, dict):
        raise Malformed("not a JSON object")
    statement_id = statement.get("id")
    if not isinstance(statement_id, str) or not statement_id:
        raise Malformed("no 'id'")
    participant = participant_of(statement)
    timestamp = parse_time(statement.get("timestamp"), "timestamp")
    stored = parse_time(statement["stored"], "stored") if statement.get("stored") else None
    verb_iri = _get(statement, "verb", "id")
    object_id = _get(statement, "object", "id")
    if not isinstance(verb_iri, str) or not isinstance(object_id, str):
        raise Malformed("no 'verb.id' or 'object.id'")
    verb = VERB_BY_IRI.get(verb_iri, verb_iri)
    context, result = _ours(statement.get("context")), _ours(statement.get("result"))
    action = context.get("action") if verb == "interacted" else None
    event = EVENTS.get((verb, action), "other")
    home = _get(statement, "authority", "account", "homePage")
    item = item_of(object_id.split("#")[0], home if isinstance(home, str) else None)
    if event.startswith(("scenario", "choice", "checklist")):
        item = splitext(item.rsplit("/", 1)[-1])[0]
    duration = None
    if event == "page_viewed":
        duration = parse_duration(_get(statement, "result", "duration"))
    quality = result.get("quality", "")
    choice = context.get("choice")
    if event == "choice_made":
        if quality not in QUALITIES:
            raise Malformed(f"choice quality {quality!r} is not one of {', '.join(QUALITIES)}")
        if not isinstance(choice, int) or isinstance(choice, bool) or choice < 0:
            raise Malformed(f"choice index {choice!r} is not a whole number")
    name = _get(statement, "object", "definition", "name")
    title = ""
    if isinstance(name, dict) and name:
        title = str(name.get("nl-NL") or next(iter(name.values())))
    # A trial has few distinct participants, pages and versions but 100 000s of statements:
    # interning keeps one copy of each repeated text in memory.
    return Event(
        statement_id=statement_id,
        participant=intern(participant),
        timestamp=timestamp,
        stored=stored,
        event=event,
        verb=intern(verb),
        item=intern(item),
        title=intern(title),
        phase=intern(str(context.get("phase") or "")),
        duration_s=duration,
        scene=intern(str(context.get("scene") or "")),
        choice=choice if event == "choice_made" else None,
        quality=intern(str(quality)),
        ending=intern(str(result.get("ending") or "")),
        content_version=intern(str(_get(statement, "context", "revision") or "")),
    )
