"""A branching conversation scenario, as written in ``video_scripts/<id>.yml``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from miles_site.models.base import Strict
from miles_site.models.page import Source
from miles_site.models.types import IMAGE_PATTERN, VIDEO_PATTERN, PhaseId, ReviewDue, Slug
from miles_site.sources import Loc

CharacterRole = Literal[
    "leidinggevende", "medewerker", "collega", "hr", "casemanager", "bedrijfsarts"
]
Quality = Literal["aanbevolen", "minder handig", "af te raden"]
Verdict = Literal["goed", "gemengd", "slecht"]

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2})(?:\.(\d{1,3}))?$")


def parse_time(text: str) -> float:
    """Parse a cue time such as '4', '0:04' or '1:02.5' into seconds."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a time; write it as m:ss or m:ss.f, e.g. 0:04.5")
    minutes, seconds, fraction = match.groups()
    return int(minutes or 0) * 60 + int(seconds) + float(f"0.{fraction}" if fraction else 0)


def _valid_time(text: str) -> str:
    """Reject text that is not a moment in a clip."""
    parse_time(text)
    return text


Time = Annotated[str, AfterValidator(_valid_time)]
"""A moment in a video clip, written m:ss or m:ss.f."""


class Character(Strict):
    """Someone who speaks in the scenario."""

    id: Slug
    name: str = Field(min_length=1, description="First name as shown in the dialogue.")
    role: CharacterRole = Field(description="Their role at work.")


class Line(Strict):
    """One spoken line of a clip."""

    speaker: str = Field(description="Id of one of the scenario's characters.")
    text: str = Field(min_length=1)
    at: Time | None = Field(
        default=None, description="When the line starts in the video (m:ss), for captions."
    )


# The captions value that makes a clip's captions from its lines' 'at' times (no WebVTT file).
CAPTIONS_FROM_LINES = "lines"


class Media(Strict):
    """A filmed clip for a node; paths are relative to the scripts' media folder."""

    video: str = Field(pattern=VIDEO_PATTERN, description="mp4 or webm file.")
    poster: str | None = Field(default=None, pattern=IMAGE_PATTERN)
    captions: str | None = Field(
        default=None,
        description=f"A WebVTT file, or '{CAPTIONS_FROM_LINES}' to make the captions from the "
        "lines' 'at' times.",
    )
    duration: Time | None = Field(default=None, description="Length of the clip (m:ss).")


class Choice(Strict):
    """One way the manager can respond."""

    label: str = Field(min_length=1, description="What the manager says or does.")
    next: str = Field(description="Id of the node this choice leads to.")
    quality: Quality
    feedback: str = Field(min_length=1, description="Why this response helps or hurts.")


class Ending(Strict):
    """How the conversation ends on this path."""

    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    takeaways: tuple[str, ...] = Field(min_length=1)
    verdict: Verdict | None = Field(
        default=None,
        description=(
            "Required: how the conversation turned out, goed, gemengd or slecht. The build "
            "checks it against every path that reaches the ending: a good ending never follows "
            "an 'af te raden' choice, and the recommended choices always lead to a good ending."
        ),
    )


class Node(Strict):
    """One clip of the conversation, followed by choices or by an ending."""

    title: str | None = Field(default=None, description="Short heading for the scene.")
    scene: str | None = Field(default=None, description="Stage direction shown before the lines.")
    lines: tuple[Line, ...] = Field(min_length=1)
    media: Media | None = None
    choices: tuple[Choice, ...] | None = Field(default=None, min_length=2, max_length=4)
    ending: Ending | None = None

    @model_validator(mode="after")
    def _choices_or_ending(self) -> Node:
        if self.choices is not None and self.ending is not None:
            raise ValueError("a node has either 'choices' or an 'ending', not both")
        if self.choices is None and self.ending is None:
            raise ValueError("a node needs 'choices' (2 to 4) or an 'ending'")
        return self

    @property
    def is_ending(self) -> bool:
        """Tell whether the conversation ends at this node."""
        return self.ending is not None


class Scenario(Strict):
    """A whole branching conversation."""

    id: Slug
    title: str = Field(min_length=1)
    phase: PhaseId = Field(description="Id of a declared RTW phase.")
    summary: str = Field(min_length=1)
    learning_goals: tuple[str, ...] = Field(min_length=1)
    characters: tuple[Character, ...] = Field(min_length=2)
    last_reviewed: dt.date
    review_due: ReviewDue
    sources: tuple[Source, ...] = Field(min_length=1)
    start: str = Field(description="Id of the first node.")
    nodes: dict[Slug, Node] = Field(min_length=1)

    def character(self, character_id: str) -> Character:
        """Return the character with ``character_id``."""
        return next(c for c in self.characters if c.id == character_id)


def scenario_texts(scenario: Scenario) -> Iterator[tuple[Loc, str]]:
    """Yield every text of a scenario that its page shows, with its place in the YAML."""
    yield ("summary",), scenario.summary
    for index, goal in enumerate(scenario.learning_goals):
        yield ("learning_goals", index), goal
    for node_id, node in scenario.nodes.items():
        loc: Loc = ("nodes", node_id)
        for field in ("title", "scene"):
            text = getattr(node, field)
            if text:
                yield (*loc, field), text
        for index, line in enumerate(node.lines):
            yield (*loc, "lines", index, "text"), line.text
        for index, choice in enumerate(node.choices or ()):
            yield (*loc, "choices", index, "label"), choice.label
            yield (*loc, "choices", index, "feedback"), choice.feedback
        if node.ending:
            yield (*loc, "ending", "title"), node.ending.title
            yield (*loc, "ending", "text"), node.ending.text
            for index, takeaway in enumerate(node.ending.takeaways):
                yield (*loc, "ending", "takeaways", index), takeaway
