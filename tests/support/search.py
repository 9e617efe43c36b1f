"""The relevance set (tests/search/queries.yml) and a driver for the site's real search box.

Shared by the browser test (every query must put an expected page in the top 3) and
bench/search.py (hit rates). One page stays open: each query is typed into the box, read, and
cleared again, as a reader would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "search" / "queries.yml"


@dataclass(frozen=True)
class Query:
    """One employer query and the pages that should come first."""

    query: str
    expect: tuple[str, ...]
    xfail: str | None = None

    @property
    def expected_pages(self) -> set[str]:
        """Return the expected pages as site paths ('melding/index.html')."""
        return {path.removesuffix(".md") + ".html" for path in self.expect}


def load_queries(path: Path = QUERIES) -> list[Query]:
    """Read the relevance set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(item["query"], tuple(item["expect"]), item.get("xfail")) for item in data["queries"]
    ]


# Material writes "Typ om te beginnen met zoeken" (placeholder) for an empty query and
# "Zoeken initialiseren" until its worker is ready; any other text is an answer.
_WAIT_FOR_ANSWER = """([placeholder, waiting]) => {
    const meta = document.querySelector('.md-search-result__meta');
    const text = meta ? meta.textContent.trim() : '';
    return text !== '' && text !== placeholder && text !== waiting;
}"""
_WAIT_FOR_EMPTY = """(placeholder) =>
    document.querySelector('.md-search-result__meta').textContent.trim() === placeholder"""
_FIRST_LINKS = """items => items.map(item => item.querySelector('a').href)"""


class SearchBox:
    """The search box of one open page of the site."""

    def __init__(self, page: Page, site_root: str) -> None:
        self.page = page
        self.site_root = site_root
        self.box = page.locator("input.md-search__input")
        self.box.click()
        translations = page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).translations"
        )
        self.placeholder = translations["search.result.placeholder"]
        self.waiting = page.locator(".md-search-result__meta").inner_text().strip()

    def _type(self, text: str) -> None:
        # Material reads the box on keyup: fill, then release a key that adds nothing.
        self.box.fill(text)
        self.box.press("End")

    def clear(self) -> None:
        """Empty the box and wait until search is ready and shows no results."""
        self._type("")
        self.page.wait_for_function(_WAIT_FOR_EMPTY, arg=self.placeholder)

    def top(self, query: str, count: int = 3) -> list[str]:
        """Type ``query`` and return the first pages found, as site paths."""
        self.clear()
        self._type(query)
        self.page.wait_for_function(_WAIT_FOR_ANSWER, arg=[self.placeholder, self.waiting])
        links = self.page.eval_on_selector_all(".md-search-result__item", _FIRST_LINKS)
        return [self.site_path(link) for link in links[:count]]

    def site_path(self, url: str) -> str:
        """Turn a result link into a path relative to the site root, without its anchor."""
        path = unquote(urlparse(url).path)
        root = unquote(urlparse(self.site_root).path)
        return path.removeprefix(root)


def hit_rates(results: dict[Query, list[str]]) -> tuple[float, float]:
    """Return the share of queries with an expected page first, and in the top 3."""
    if not results:
        return 0.0, 0.0
    first = sum(1 for q, found in results.items() if found[:1] and found[0] in q.expected_pages)
    top3 = sum(1 for q, found in results.items() if q.expected_pages & set(found[:3]))
    return first / len(results), top3 / len(results)
