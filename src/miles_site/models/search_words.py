"""Search words: the words readers type for a thing when the site's own text uses others.

A page lists them in its front matter (``zoekwoorden``) and a glossary term carries them for the
page that explains it. The build adds them to the search index only; they never show on a page.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

MAX_LENGTH = 60
_WORD = re.compile(r"[^\W_](?:[\w '’./-]*[^\W_])?")


def _check_word(word: str) -> str:
    """Accept one search word: plain text that starts and ends with a letter or digit."""
    if len(word) > MAX_LENGTH:
        raise ValueError(f"search word '{word[:20]}…' is longer than {MAX_LENGTH} characters")
    if not _WORD.fullmatch(word):
        raise ValueError(
            f"search word '{word}' may hold only letters, digits, spaces, hyphens, apostrophes, "
            "dots and slashes, and must start and end with a letter or digit"
        )
    return word


def _no_repeats(words: tuple[str, ...]) -> tuple[str, ...]:
    """Reject a word that is listed twice (case does not count)."""
    seen: set[str] = set()
    for word in words:
        if word.casefold() in seen:
            raise ValueError(f"search word '{word}' is listed twice")
        seen.add(word.casefold())
    return words


SearchWord = Annotated[str, AfterValidator(_check_word)]
SearchWords = Annotated[
    tuple[SearchWord, ...],
    AfterValidator(_no_repeats),
    Field(
        description="Words readers search with for this, e.g. 'terugval' for 'opnieuw ziek'; "
        "they go into the search index only and never show on the page."
    ),
]
