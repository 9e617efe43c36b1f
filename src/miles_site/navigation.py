"""Expand the site navigation from the phase declaration and the pages' own front matter.

In ``mkdocs.yml`` the nav may hold, besides ordinary MkDocs entries:

- ``miles:phases``: one section per declared phase, in phase order, titled "Fase N: Naam";
- ``<folder>/``: one section with that folder's pages, titled after its ``index.md``; generated
  pages (scenarios under ``gesprekken/``, checklists under ``checklists/``) count as pages of
  their folder.

Within a section the folder's ``index.md`` comes first, then pages by ``order`` and title. Keeping
the order in front matter means that adding a page never needs an edit to ``mkdocs.yml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from miles_site.errors import ContentIssue
from miles_site.models.phases import Phases

PHASES_ENTRY = "miles:phases"


@dataclass(frozen=True)
class NavPage:
    """What the navigation needs to know about one page."""

    src_uri: str
    title: str
    order: int = 100

    @property
    def folder(self) -> str:
        """Return the folder that holds the page ('' at the root)."""
        return self.src_uri.rsplit("/", 1)[0] if "/" in self.src_uri else ""

    @property
    def is_index(self) -> bool:
        """Tell whether this is the folder's index page."""
        return self.src_uri.rsplit("/", 1)[-1] == "index.md"


def folder_section(folder: str, pages: Sequence[NavPage], title: str | None = None) -> Any:
    """Return a MkDocs nav section for the pages directly inside ``folder``."""
    inside = [page for page in pages if page.folder == folder]
    inside.sort(key=lambda page: (not page.is_index, page.order, page.title.casefold()))
    index = next((page for page in inside if page.is_index), None)
    heading = title or (index.title if index else folder.replace("-", " ").capitalize())
    return {heading: [page.src_uri for page in inside]}


def expand_nav(
    nav: Sequence[Any],
    pages: Sequence[NavPage],
    phases: Phases,
    file: str = "mkdocs.yml",
) -> tuple[list[Any], list[ContentIssue]]:
    """Replace the miles placeholders in ``nav``; report placeholders that expand to nothing."""
    issues: list[ContentIssue] = []
    result: list[Any] = []
    for entry in nav:
        if entry == PHASES_ENTRY:
            for phase in phases:
                if not any(page.folder == phase.id for page in pages):
                    issues.append(
                        ContentIssue(
                            file,
                            0,
                            "nav",
                            f"phase '{phase.id}' has no pages; create content/{phase.id}/index.md",
                        )
                    )
                    continue
                result.append(folder_section(phase.id, pages, phase.label))
        elif isinstance(entry, str) and entry.startswith("miles:"):
            issues.append(
                ContentIssue(
                    file,
                    0,
                    "nav",
                    f"unknown nav placeholder '{entry}'; use {PHASES_ENTRY}, or a folder "
                    "ending in '/'",
                )
            )
        elif isinstance(entry, str) and entry.endswith("/"):
            folder = entry.rstrip("/")
            if not any(page.folder == folder for page in pages):
                issues.append(
                    ContentIssue(
                        file,
                        0,
                        "nav",
                        f"folder '{entry}' holds no pages; add a page to content/{entry} or "
                        "remove the entry",
                    )
                )
                continue
            result.append(folder_section(folder, pages))
        elif isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, list):
                children, more = expand_nav(value, pages, phases, file)
                issues += more
                result.append({title: children})
            elif isinstance(value, str) and value.endswith("/"):
                expanded, more = expand_nav([value], pages, phases, file)
                issues += more
                result += [{title: next(iter(section.values()))} for section in expanded]
            else:
                result.append(entry)
        else:
            result.append(entry)
    return result, issues
