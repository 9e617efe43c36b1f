"""Hand-made xAPI statements, shaped as the study script makes them and Ralph stores them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from miles_site.study.vocabulary import ACTIVITY_TYPES, VERBS, extension_iri

SITE = "https://studie.example.org/"
T0 = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


def at(minutes: float, days: int = 0) -> dt.datetime:
    """Return a moment ``days`` and ``minutes`` after 1 March 2027, 09:00 UTC."""
    return T0 + dt.timedelta(days=days, minutes=minutes)


def statement(
    verb: str,
    path: str,
    when: dt.datetime,
    who: str = "MILES-001",
    *,
    phase: str | None = None,
    duration: str | None = None,
    context: dict[str, Any] | None = None,
    result: dict[str, Any] | None = None,
    kind: str = "page",
) -> dict[str, Any]:
    """Return one stored statement: id, actor, verb, object, context, timestamp, authority."""
    account = {"name": who, "homePage": SITE}
    extensions = {extension_iri(SITE, k): v for k, v in (context or {}).items()}
    if phase:
        extensions[extension_iri(SITE, "phase")] = phase
    made: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": dict(account)},
        "verb": {"id": VERBS[verb][0], "display": {"en-US": VERBS[verb][1]}},
        "object": {
            "objectType": "Activity",
            "id": SITE + path,
            "definition": {"type": ACTIVITY_TYPES[kind], "name": {"nl-NL": path}},
        },
        "context": {"revision": "v1 · abc", "extensions": extensions},
        "timestamp": when.isoformat(),
        "stored": (when + dt.timedelta(seconds=5)).isoformat(),
        "authority": {"objectType": "Agent", "account": dict(account)},
    }
    if duration:
        made["result"] = {"duration": duration}
    if result:
        made.setdefault("result", {}).update(
            {k: v for k, v in result.items() if k not in ("quality", "ending")}
        )
        ours = {extension_iri(SITE, k): result[k] for k in ("quality", "ending") if k in result}
        if ours:
            made["result"]["extensions"] = ours
    return made


def view(
    path: str, when: dt.datetime, seconds: float, who: str = "MILES-001", phase: str = ""
) -> dict[str, Any]:
    """Return a page-viewed statement with its time on the page."""
    return statement("viewed", path, when, who, phase=phase or None, duration=f"PT{seconds}S")


def choice(
    scene: str, index: int, quality: str, when: dt.datetime, who: str = "MILES-001"
) -> dict[str, Any]:
    """Return a choice statement in the scenario 'het-nieuws'."""
    return statement(
        "answered",
        f"gesprekken/het-nieuws.html#scene-{scene}",
        when,
        who,
        phase="melding",
        context={"scene": scene, "choice": index},
        result={"response": str(index), "quality": quality},
        kind="scene",
    )
