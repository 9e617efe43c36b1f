"""The return-to-work phases, declared once in ``data/phases.yml``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import Field, field_validator

from miles_site.errors import ContentIssue
from miles_site.models.base import Strict, load_model
from miles_site.models.types import Slug
from miles_site.reading import relative_name

PHASES_FILE = "phases.yml"


class Phase(Strict):
    """One RTW phase: its id (also its folder under content/), Dutch name and place in order."""

    id: Slug = Field(description="Slug, also the folder name.")
    order: int = Field(ge=1, description="Position in the sequence, starting at 1.")
    name: str = Field(min_length=1, description="Short Dutch name, e.g. 'Melding'.")
    title: str = Field(min_length=1, description="Title of the phase section, e.g. 'De melding'.")
    question: str = Field(min_length=1, description="Where-are-you-now line for the home page.")
    description: str = Field(min_length=1, description="One or two plain sentences.")

    @property
    def label(self) -> str:
        """Return the label used in navigation, e.g. 'Fase 1: Melding'."""
        return f"Fase {self.order}: {self.name}"


class PhaseFile(Strict):
    """The whole phases declaration file."""

    phases: tuple[Phase, ...] = Field(min_length=1)

    @field_validator("phases")
    @classmethod
    def _unique_and_ordered(cls, phases: tuple[Phase, ...]) -> tuple[Phase, ...]:
        ids = [phase.id for phase in phases]
        if len(set(ids)) != len(ids):
            raise ValueError(f"phase ids must be unique, found {ids}; rename the duplicate")
        orders = [phase.order for phase in phases]
        if orders != list(range(1, len(phases) + 1)):
            raise ValueError(
                f"phase order must run 1, 2, 3 … in file order, found {orders}; renumber them"
            )
        return phases


class Phases:
    """The declared phases, looked up by id and iterated in order."""

    def __init__(self, phases: tuple[Phase, ...]) -> None:
        self._by_id = {phase.id: phase for phase in phases}
        self.all = tuple(sorted(phases, key=lambda phase: phase.order))

    def __contains__(self, phase_id: object) -> bool:
        return phase_id in self._by_id

    def __iter__(self) -> Iterator[Phase]:
        return iter(self.all)

    def get(self, phase_id: str) -> Phase:
        """Return the phase with ``phase_id``; raises KeyError when unknown."""
        return self._by_id[phase_id]

    @property
    def ids(self) -> tuple[str, ...]:
        """Return the phase ids in order."""
        return tuple(phase.id for phase in self.all)


def load_phases(data_dir: Path, root: Path) -> tuple[Phases | None, list[ContentIssue]]:
    """Load and validate the phase declaration."""
    path = data_dir / PHASES_FILE
    if not path.exists() and not path.is_symlink():
        return None, [
            ContentIssue(
                relative_name(path, root),
                0,
                "",
                f"the phase declaration is missing; create {PHASES_FILE} in the data folder "
                "(the miles option data_dir in mkdocs.yml names that folder)",
            )
        ]
    model, _, issues = load_model(path, root, PhaseFile)
    return (Phases(model.phases) if model and not issues else None), issues
