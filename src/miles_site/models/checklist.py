"""A conversation checklist, as written in ``checklists/<id>.yml``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from miles_site.models.base import Strict
from miles_site.models.page import Source
from miles_site.models.phases import Phases
from miles_site.sources import Loc

ItemType = Literal["check", "text", "textarea", "date", "choice"]
FREE_TEXT: tuple[ItemType, ...] = ("text", "textarea")


class Item(Strict):
    """One question or point of the checklist; its id becomes the PDF field name."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Field name, unique.")
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

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    phase: str | tuple[str, ...] = Field(description="A phase id, or a list of phase ids.")
    version: int = Field(ge=1, description="Raise it when items change.")
    conversation: str = Field(min_length=1, description="Who talks, and when.")
    purpose: str = Field(min_length=1, description="A short introduction.")
    last_reviewed: dt.date
    review_due: dt.date
    sources: tuple[Source, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)
    signatures: tuple[str, ...] = Field(default=(), description="Who signs, e.g. Werkgever.")
    related: Related = Related()

    @field_validator("phase")
    @classmethod
    def _known_phases(
        cls, phase: str | tuple[str, ...], info: ValidationInfo
    ) -> str | tuple[str, ...]:
        phases: Phases | None = (info.context or {}).get("phases")
        wanted = (phase,) if isinstance(phase, str) else phase
        if not wanted:
            raise ValueError("give at least one phase")
        unknown = [p for p in wanted if phases is not None and p not in phases]
        if unknown and phases is not None:
            raise ValueError(f"unknown phase '{unknown[0]}'; use one of {', '.join(phases.ids)}")
        return phase

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
