"""What a built HTML page holds that auditors check: ids, links, headings, tables and dialogs.

One pass of the standard library's HTML parser per page; the tests in
tests/integration/test_site_html.py judge the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# Attributes that point at another file, per element (srcset is split on its own).
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
    "form": ("action",),
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
DIALOG_ROLES = {"dialog", "alertdialog"}


@dataclass(frozen=True)
class Link:
    """One reference to another file or place: where it is and what it says."""

    line: int
    tag: str
    url: str


@dataclass
class Table:
    """A table, and whether it has a name (a caption with text, aria-label or -labelledby)."""

    line: int
    named: bool
    caption: str = ""
    header: str = ""


@dataclass
class PageFacts:
    """The facts of one page."""

    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)
    tables: list[Table] = field(default_factory=list)
    dialogs: list[tuple[int, str, bool]] = field(default_factory=list)  # (line, element, named)


class _FactParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._heading: tuple[int, int, list[str]] | None = None
        self._tables: list[Table] = []
        self._in_caption = False
        self._in_first_header_row = False
        self._in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.facts.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.facts.ids.add(values["name"])
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if name in values:
                self.facts.links.append(Link(line, tag, values[name]))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.facts.links.append(Link(line, tag, candidate.split()[0]))
        if tag in HEADINGS:
            self._heading = (line, HEADINGS[tag], [])
        # The toc extension's '#' permalink inside a heading is not part of its text.
        if tag == "a" and "headerlink" in values.get("class", "").split():
            self._in_permalink = True
        named = bool(values.get("aria-label", "").strip() or values.get("aria-labelledby"))
        if tag == "dialog" or values.get("role") in DIALOG_ROLES:
            element = f"<{tag} class={values.get('class', '')!r}>"
            self.facts.dialogs.append((line, element, named))
        if tag == "table":
            self._tables.append(Table(line, named))
        elif tag == "caption" and self._tables:
            self._in_caption = True
        elif tag == "tr" and self._tables and not self._tables[-1].header:
            self._in_first_header_row = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_permalink = False
        if tag in HEADINGS and self._heading is not None:
            line, level, text = self._heading
            self.facts.headings.append((line, level, " ".join("".join(text).split())))
            self._heading = None
        elif tag == "caption" and self._tables:
            self._in_caption = False
            table = self._tables[-1]
            table.named = table.named or bool(table.caption.strip())
        elif tag == "tr":
            self._in_first_header_row = False
        elif tag == "table" and self._tables:
            self.facts.tables.append(self._tables.pop())

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._in_permalink:
            self._heading[2].append(data)
        if self._in_caption:
            self._tables[-1].caption += data
        if self._in_first_header_row and data.strip():
            table = self._tables[-1]
            table.header = f"{table.header} | {data.strip()}" if table.header else data.strip()


def page_facts(path: Path) -> PageFacts:
    """Parse one HTML file."""
    parser = _FactParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.facts


def local_target(page: PurePosixPath, url: str) -> tuple[PurePosixPath, str] | None:
    """Resolve a link on ``page`` (relative to the site root) to (file, fragment).

    Returns None for links that leave the site (a scheme such as https: or mailto:, or //host).
    A folder link ('gesprekken/') means its index.html; '' and '#x' mean the page itself. A link
    that climbs above the site root resolves to a path that starts with '..'.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page, fragment
    start = [] if path.startswith("/") else list(page.parent.parts)
    resolved: list[str] = []
    for part in [*start, *path.split("/")]:
        if part == "..":
            resolved = resolved[:-1] if resolved and resolved[-1] != ".." else [*resolved, ".."]
        elif part not in ("", "."):
            resolved.append(part)
    if path.endswith("/") or not resolved:
        resolved.append("index.html")
    return PurePosixPath(*resolved), fragment
