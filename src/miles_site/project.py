"""Load and check the whole project once: phases, pages and the YAML sources.

Pure: no MkDocs here. The plugin and the ``miles`` command both call :func:`load_project`, so the
same problems are reported, with the same file:line, whichever way an author builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.models.page import ContentPage, load_pages, overdue
from miles_site.models.phases import Phases, load_phases
from miles_site.render.environment import render
from miles_site.render.shortcodes import check_shortcodes, replace_shortcodes

Link = Callable[[str], str]


@dataclass(frozen=True)
class Paths:
    """Where the project's sources live; every path is absolute."""

    root: Path
    docs_dir: Path
    data_dir: Path
    scripts_dir: Path
    checklists_dir: Path

    @classmethod
    def under(
        cls,
        root: Path,
        docs: str = "content",
        data: str = "data",
        scripts: str = "video_scripts",
        checklists: str = "checklists",
    ) -> Paths:
        """Build the paths for a project rooted at ``root`` with the usual folder names."""
        root = root.resolve()
        return cls(root, root / docs, root / data, root / scripts, root / checklists)


@dataclass
class Project:
    """Everything loaded from the sources, plus the problems found on the way."""

    paths: Paths
    phases: Phases
    pages: list[ContentPage] = field(default_factory=list)
    errors: list[ContentIssue] = field(default_factory=list)
    warnings: list[ContentIssue] = field(default_factory=list)

    def page(self, src_uri: str) -> ContentPage | None:
        """Return the content page at ``src_uri`` (relative to the docs folder), if any."""
        return next((page for page in self.pages if page.src_uri == src_uri), None)

    def shortcode_ids(self) -> dict[str, set[str] | None]:
        """Return the shortcode kinds with their valid ids (None: the kind takes no id)."""
        return {"phases": None}

    def expand_shortcodes(self, markdown: str, link: Link) -> str:
        """Replace the shortcodes in a page; ``link`` makes a docs path relative to the page."""
        return replace_shortcodes(markdown, lambda kind, arg: self.render_block(kind, arg, link))

    def render_block(self, kind: str, arg: str, link: Link) -> str:
        """Render the block for one (already checked) shortcode."""
        if kind == "phases":
            return render("phase_cards.md.j2", phases=self.phases.all, link=link)
        raise ValueError(f"unknown shortcode kind {kind!r}")  # checked in load_project


def load_project(paths: Paths, today: dt.date | None = None) -> Project:
    """Load every source and run every check; problems are collected, never raised."""
    phases, errors = load_phases(paths.data_dir, paths.root)
    project = Project(paths, phases or Phases(()), errors=list(errors))
    pages, page_errors = load_pages(paths.docs_dir, paths.root, phases)
    project.pages = pages
    project.errors += page_errors
    known = project.shortcode_ids()
    for page in pages:
        project.errors += check_shortcodes(page.file, page.body, page.body_line, known)
    project.warnings += overdue(pages, today or dt.date.today())
    return project
