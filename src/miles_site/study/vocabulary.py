"""The xAPI vocabulary of MiLES statements: verbs, activity types and our extensions.

One source for both sides: the study script gets these through its generated settings file, and
the dose report reads statements with them. Verbs come from ADL's vocabulary, the Tin Can
registry and Activity Streams 1.0 (which the Tin Can registry includes).
"""

from __future__ import annotations

from typing import Final, get_args

from miles_site.models.scenario import Quality

XAPI_VERSION: Final = "1.0.3"

# short name -> (IRI, English display, Dutch display)
VERBS: Final = {
    "viewed": ("http://id.tincanapi.com/verb/viewed", "viewed", "bekeek"),
    "attempted": ("http://adlnet.gov/expapi/verbs/attempted", "attempted", "begon"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "answered", "koos"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "completed", "rondde af"),
    "opened": ("http://activitystrea.ms/schema/1.0/open", "opened", "opende"),
    "downloaded": ("http://id.tincanapi.com/verb/downloaded", "downloaded", "downloadde"),
    "interacted": ("http://adlnet.gov/expapi/verbs/interacted", "interacted", "gebruikte"),
}
VERB_BY_IRI: Final = {iri: name for name, (iri, _, _) in VERBS.items()}

ACTIVITY_TYPES: Final = {
    "page": "http://activitystrea.ms/schema/1.0/page",
    "scenario": "http://adlnet.gov/expapi/activities/simulation",
    "scene": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "checklist": "http://id.tincanapi.com/activitytype/checklist",
    "file": "http://activitystrea.ms/schema/1.0/file",
    "search": "http://adlnet.gov/expapi/activities/interaction",
    "trial": "http://adlnet.gov/expapi/activities/course",
}

# Our own extensions live under the study site's address: '<site_url>xapi/<name>'. The report
# recognises them by that ending, so the data stays readable if the site moves.
EXTENSION_PATH: Final = "xapi/"
EXTENSIONS: Final = ("phase", "scene", "choice", "quality", "ending", "action")
# What an 'interacted' statement was about, in context.extensions[action]. 'back' is the
# scenario player's Back button: it undoes the last choice and returns to that choice's scene.
ACTIONS: Final = ("print", "planner", "search", "back")
# A choice's quality rating, as the scenarios give it; the first is the recommended one.
QUALITIES: Final[tuple[str, ...]] = get_args(Quality)


def extension_iri(site_url: str, name: str) -> str:
    """Return the IRI of one of our extensions on this site."""
    return f"{site_url}{EXTENSION_PATH}{name}"


def extension_name(iri: str) -> str | None:
    """Return the short name of one of our extension IRIs, or None for anyone else's."""
    head, _, name = iri.rpartition("/")
    return name if name in EXTENSIONS and head.endswith("/" + EXTENSION_PATH.rstrip("/")) else None
