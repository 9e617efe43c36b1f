"""Field types shared by the models, so that each rule about ids, phases and dates has one home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints, ValidationInfo

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
VIDEO_PATTERN = r"(?i)\.(mp4|webm)$"
IMAGE_PATTERN = r"(?i)\.(jpe?g|png|webp)$"

# What an author should write instead, for each pattern a field can fail.
PATTERN_HINTS = {
    SLUG_PATTERN: "use lowercase letters, digits and single hyphens, e.g. eerste-gesprek",
    VIDEO_PATTERN: "use an .mp4 or .webm video file",
    IMAGE_PATTERN: "use a .jpg, .png or .webp image",
}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""An id that is also a file name, a folder name, a URL part or a PDF field name."""


def unknown_phase(phase: object, declared: Iterable[str]) -> str:
    """Say that a phase id is not declared, and which ones are."""
    return f"unknown phase '{phase}'; use one of {', '.join(declared)}"


def unknown_page(uri: str) -> str:
    """Say that a page a source links to does not exist, and how pages are named."""
    return f"unknown page '{uri}'; give a path under content/, e.g. melding/index.md"


def _known_phases(value: Any, info: ValidationInfo) -> Any:
    """Reject phase ids that data/phases.yml does not declare (when the phases are known)."""
    declared = (info.context or {}).get("phases")
    wanted = (value,) if isinstance(value, str) else value
    if not wanted:
        raise ValueError("give at least one phase")
    for phase in wanted:
        if declared is not None and phase not in declared:
            raise ValueError(unknown_phase(phase, declared.ids))
    return value


PhaseId = Annotated[str, AfterValidator(_known_phases)]
"""The id of a phase declared in data/phases.yml."""

PhaseIds = Annotated[str | tuple[str, ...], AfterValidator(_known_phases)]
"""One phase id, or a list of them."""


def _after_last_reviewed(due: dt.date, info: ValidationInfo) -> dt.date:
    """Reject a review date that does not come after the last review."""
    reviewed = info.data.get("last_reviewed")
    if reviewed is not None and due <= reviewed:
        raise ValueError(
            f"review_due ({due}) must come after last_reviewed ({reviewed}); "
            "set review_due later, usually a year after last_reviewed"
        )
    return due


ReviewDue = Annotated[dt.date, AfterValidator(_after_last_reviewed)]
"""When a source must be checked again; declare ``last_reviewed`` before it."""
