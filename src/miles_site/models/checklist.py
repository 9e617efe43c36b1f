"""A conversation checklist, as written in ``checklists/<id>.yml``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from miles_site.models.base import Strict
from miles_site.models.page import Source
from miles_site.models.types import PhaseIds, ReviewDue, Slug

ItemType = Literal["check", "text", "textarea", "date", "choice"]


class Item(Strict):
    """One question or point of the checklist; its id becomes the PDF field name."""

    id: Slug = Field(description="Field name, unique.")
    type: ItemType = Field(description="check, text, textarea, date or choice.")
    label: str = Field(min_length=1, description="The question or point, as the reader sees it.")
    help: str | None = Field(default=None, description="One sentence of guidance.")
    options: tuple[str, ...] | None = Field(
        default=None, description="The answers to choose from (only for type choice)."
    )
    privacy_ok: str | None = Field(
        default=None,
        min_length=3,
        description="Why a medical word in label or help is fine here (it asks no medical data).",
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
