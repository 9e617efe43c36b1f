"""Checks on every statement the study edition sends: its shape, and that nothing typed is in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from miles_site.study.vocabulary import ACTIONS, QUALITIES, VERBS, extension_name

TOP = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
       "version"}  # fmt: skip
RESULT = {"duration", "response", "completion", "extensions"}
CONTEXT = {"platform", "language", "revision", "contextActivities", "extensions"}
# The statement's own fields that hold machine values (its UUID, times), never anything typed.
# Every other string counts, activity ids included: an address can hold what a reader typed.
MACHINE = {"id", "timestamp", "stored"}
SEARCH = "zoeken"  # the site search's activity: '<site_url>#zoeken'


def strings_in(value: Any) -> Iterator[str]:
    """Yield every key and string value in a statement's part."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield str(name)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, str):
        yield value


def private_leaks(statement: dict[str, Any], secrets: list[str]) -> list[str]:
    """Return the secrets (typed text, dates, words, the PIN) found anywhere in a statement."""
    parts = {key: value for key, value in statement.items() if key not in MACHINE}
    text = "\n".join(strings_in(parts)).lower()
    return [secret for secret in secrets if secret.lower() in text]


def activity_problems(
    statement: dict[str, Any], site_url: str, pages: set[str], scenes: dict[str, set[str]]
) -> list[str]:
    """Return the activity ids (object, parents) that name no page, PDF or scene of the site.

    The address bar may hold anything a reader typed or pasted; only the site's own paths, the
    not-found page and the site search may appear in a statement.
    """
    context_activities = statement["context"].get("contextActivities", {})
    ids = [statement["object"]["id"], *(a["id"] for a in context_activities.get("parent", []))]
    known_scenes = {f"scene-{scene}" for ids_ in scenes.values() for scene in ids_}
    problems = []
    for activity_id in ids:
        path, _, fragment = activity_id.removeprefix(site_url).partition("#")
        if path == "" and fragment == SEARCH:
            continue
        if not activity_id.startswith(site_url) or path not in pages:
            problems.append(f"object {activity_id} is no page of the site")
        elif fragment and fragment not in known_scenes:
            problems.append(f"object {activity_id} is no scene of the site")
    return problems


def shape_problems(
    statement: dict[str, Any],
    site_url: str,
    phases: set[str],
    scenes: dict[str, set[str]],
    pages: set[str],
) -> list[str]:
    """Return what in a statement falls outside the fields and values MiLES may send."""
    problems = [f"unexpected field {k}" for k in statement if k not in TOP]
    verbs = {iri for iri, _, _ in VERBS.values()}
    if statement["verb"]["id"] not in verbs:
        problems.append(f"verb {statement['verb']['id']}")
    actor = statement["actor"]
    if set(actor) != {"objectType", "account"} or set(actor["account"]) != {"homePage", "name"}:
        problems.append(f"actor {actor}")
    problems += activity_problems(statement, site_url, pages, scenes)
    result = statement.get("result", {})
    context = statement["context"]
    problems += [f"result.{k}" for k in result if k not in RESULT]
    problems += [f"context.{k}" for k in context if k not in CONTEXT]
    if "response" in result and not result["response"].isdigit():
        problems.append(f"response {result['response']!r} is not a choice number")
    for part in (result, context):
        for iri, value in part.get("extensions", {}).items():
            name = extension_name(iri)
            allowed = {
                "phase": lambda v: v in phases,
                "quality": lambda v: v in QUALITIES,
                "action": lambda v: v in ACTIONS,
                "choice": lambda v: isinstance(v, int) and 0 <= v < 10,
                "scene": lambda v: any(v in ids for ids in scenes.values()),
                "ending": lambda v: any(v in ids for ids in scenes.values()),
            }
            if name is None or not iri.startswith(site_url) or not allowed[name](value):
                problems.append(f"extension {iri} = {value!r}")
    return problems
