"""A conversation checklist, as written in ``checklists/<id>.yml``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from miles_site.models.base import Strict
from miles_site.models.page import Source
from miles_site.models.types import PhaseIds, ReviewDue, Slug
from miles_site.sources import Loc

ItemType = Literal["check", "text", "textarea", "date", "choice"]
FREE_TEXT: tuple[ItemType, ...] = ("text", "textarea")


class Item(Strict):
    """One question or point of the checklist; its id becomes the PDF field name."""

    id: Slug = Field(description="Field name, unique.")
    type: ItemType = Field(description="check, text, textarea, date or choice.")
    label: str = Field(min_length=1, description="The question or point, as the reader sees it.")
    help: str | None = Field(default=None, description="One sentence of guidance.")
    options: tuple[str, ...] | None = Field(
        default=None, description="The answers to choose from (only for type choice)."
    )
    privacy_hint: str | None = Field(
        default=None,
        min_length=3,
        description=(
            "Required on every text and textarea field: what not to write here, shown under "
            "the field, e.g. 'Schrijf geen ziekte, behandeling of klachten op.' It must say "
            "geen, niet, niets or nooit. It is the one text where medical words are allowed, "
            "because it names what to leave out."
        ),
    )
    privacy_ok: str | None = Field(
        default=None,
        min_length=3,
        description=(
            "Why a medical word in the label, help or options is fine here (it asks no "
            "medical data)."
        ),
    )


class Section(Strict):
    """A titled group of items, e.g. 'Voor het gesprek'."""

    title: str = Field(min_length=1)
    items: tuple[Item, ...] = Field(min_length=1)


class Related(Strict):
    """Scenarios and content pages that go with the checklist."""

    scenarios: tuple[str, ...] = ()
    pages: tuple[str, ...] = Field(default=(), description="Paths relative to content/.")


class Checklist(Strict):
    """A whole conversation checklist."""

    id: Slug
    title: str = Field(min_length=1)
    phase: PhaseIds = Field(description="A phase id, or a list of phase ids.")
    version: int = Field(ge=1, description="Raise it when items change.")
    conversation: str = Field(min_length=1, description="Who talks, and when.")
    purpose: str = Field(min_length=1, description="A short introduction.")
    last_reviewed: dt.date
    review_due: ReviewDue
    sources: tuple[Source, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)
    signatures: tuple[str, ...] = Field(default=(), description="Who signs, e.g. Werkgever.")
    related: Related = Related()

    @property
    def phases(self) -> tuple[str, ...]:
        """Return the phase ids as a tuple, whether one or several were given."""
        return (self.phase,) if isinstance(self.phase, str) else self.phase

    @property
    def items(self) -> list[Item]:
        """Return every item of every section, in order."""
        return [item for section in self.sections for item in section.items]


def checklist_texts(checklist: Checklist) -> Iterator[tuple[Loc, str]]:
    """Yield every text of a checklist that its page shows, with its place in the YAML."""
    yield ("purpose",), checklist.purpose
    yield ("conversation",), checklist.conversation
    for s_index, section in enumerate(checklist.sections):
        yield ("sections", s_index, "title"), section.title
        for i_index, item in enumerate(section.items):
            loc: Loc = ("sections", s_index, "items", i_index)
            yield (*loc, "label"), item.label
            for field in ("help", "privacy_hint"):
                text = getattr(item, field, None)
                if text:
                    yield (*loc, field), text
            for o_index, option in enumerate(item.options or ()):
                yield (*loc, "options", o_index), option
