"""Front matter of a content page, and loading every page of the content folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import AnyHttpUrl, Field

from miles_site.errors import ContentIssue
from miles_site.models.base import Strict, review_overdue, validate
from miles_site.models.phases import Phases
from miles_site.models.search_words import SearchWords
from miles_site.models.types import PhaseId, ReviewDue
from miles_site.reading import read_source, relative_name
from miles_site.sources import iter_files, load_front_matter, split_front_matter

Audience = Literal["leidinggevende", "hr", "casemanager", "directie", "bedrijfsarts", "medewerker"]


PRIMARY_HOSTS = (
    "uwv.nl",
    "rijksoverheid.nl",
    "wetten.overheid.nl",
    "officielebekendmakingen.nl",
    "tweedekamer.nl",
    "autoriteitpersoonsgegevens.nl",
    "arboportaal.nl",
)
"""Hosts of primary sources: a legal duty, a deadline or a privacy rule must rest on one of these.

The law itself, the government, UWV, Parliament and the privacy regulator; a subdomain counts too
(inspiratie.uwv.nl). A consultancy blog or an HR community may explain a rule, but is not enough to
state it.
"""


class Source(Strict):
    """A source that backs the facts on a page."""

    title: str = Field(min_length=1, description="Name of the source as a reader would know it.")
    url: AnyHttpUrl = Field(description="Web address of the source (http or https).")

    @property
    def is_primary(self) -> bool:
        """Tell whether the source is on one of the :data:`PRIMARY_HOSTS` (or a subdomain)."""
        host = (self.url.host or "").lower().rstrip(".")
        return any(host == domain or host.endswith("." + domain) for domain in PRIMARY_HOSTS)


def primary_source_missing(
    file: str, line: int, sources: Sequence[Source], kind: str
) -> list[ContentIssue]:
    """Warn when none of ``sources`` is primary (a soft problem: it fails strict builds)."""
    if any(source.is_primary for source in sources):
        return []
    return [
        ContentIssue(
            file,
            line,
            "sources",
            f"the {kind} cites no primary source; add the one that backs each legal duty, "
            f"deadline or privacy rule it states, from {', '.join(PRIMARY_HOSTS)} (a consultancy "
            "or HR site is not enough), and put it first",
        )
    ]


class MaterialOptions(Strict):
    """The search option of Material's front matter that pages may use."""

    exclude: bool = False


class FrontMatter(Strict):
    """The fields every content page starts with."""

    title: str = Field(min_length=1, description="Page title, shown as the heading and in the nav.")
    description: str = Field(min_length=1, description="One sentence: what the reader gets here.")
    phase: PhaseId | None = Field(default=None, description="Id of a declared RTW phase, if any.")
    audience: tuple[Audience, ...] = Field(min_length=1, description="Who the page is for.")
    last_reviewed: dt.date = Field(description="When the content was last checked (YYYY-MM-DD).")
    review_due: ReviewDue = Field(description="When the content must be checked again.")
    sources: tuple[Source, ...] = Field(min_length=1, description="Sources of the facts used.")
    order: int = Field(default=100, description="Position within its section; lower comes first.")
    hide: tuple[Literal["navigation", "toc", "footer", "path", "tags"], ...] = ()
    template: str | None = Field(default=None, description="Material page template to use.")
    search: MaterialOptions | None = None
    zoekwoorden: SearchWords = ()


@dataclass(frozen=True)
class ContentPage:
    """A validated content page: its path under content/, its front matter and where it lives."""

    src_uri: str
    file: str
    meta: FrontMatter
    body: str
    body_line: int
    meta_lines: dict[str, int]


def load_page(
    path: Path, docs_dir: Path, root: Path, phases: Phases | None
) -> tuple[ContentPage | None, list[ContentIssue]]:
    """Load one Markdown page and validate its front matter."""
    file = relative_name(path, root)
    text, unreadable = read_source(path, root)
    if text is None:
        return None, unreadable
    loaded, issues = load_front_matter(text, file)
    if loaded is None:
        return None, issues
    model, more = validate(FrontMatter, loaded, context={"phases": phases})
    if model is None or issues:
        return None, issues + more
    _, body, body_line = split_front_matter(text)
    keys = {str(loc[0]): line for loc, line in loaded.lines.items() if len(loc) == 1}
    src_uri = path.relative_to(docs_dir).as_posix()
    return ContentPage(src_uri, file, model, body, body_line, keys), []


def load_pages(
    docs_dir: Path, root: Path, phases: Phases | None
) -> tuple[list[ContentPage], list[ContentIssue]]:
    """Load every Markdown page under ``docs_dir``; collect all problems instead of stopping."""
    pages: list[ContentPage] = []
    issues: list[ContentIssue] = []
    for path in iter_files(docs_dir, (".md",)):
        page, found = load_page(path, docs_dir, root, phases)
        issues += found
        if page is not None:
            pages.append(page)
    return pages, issues


def overdue(pages: list[ContentPage], today: dt.date) -> list[ContentIssue]:
    """Return a warning for every page whose review date has passed."""
    return [
        warning
        for page in pages
        for warning in review_overdue(
            page.file, page.meta_lines.get("review_due", 1), page.meta.review_due, today, "page"
        )
    ]


def check_templates(pages: list[ContentPage], template_dirs: Sequence[Path]) -> list[ContentIssue]:
    """Report pages whose ``template`` is in none of the theme's template folders."""
    issues = []
    for page in pages:
        name = page.meta.template
        if name is not None and not any((folder / name).is_file() for folder in template_dirs):
            issues.append(
                ContentIssue(
                    page.file,
                    page.meta_lines.get("template", 1),
                    "template",
                    f"template '{name}' does not exist; use one from overrides/ or leave the "
                    "field out",
                )
            )
    return issues
