"""Which scripts a page loads, and when: per component, minified, none in the head, and the
search index only once the reader opens search."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from playwright.sync_api import Page, expect

from support.browser import RequestLog
from support.projects import ROOT
from support.site import BuiltSite

SOURCES = ROOT / "overrides/assets/javascripts"
# The attribute on a component's root element, and the script that brings it to life.
COMPONENTS = {
    "data-miles-player": "miles-scenario",
    "data-miles-checklist": "miles-checklist",
    "data-miles-planner": "miles-planner",
}
# Records every request the page really sends; installed before any script of the page runs.
SENT = """
window.__sent = [];
const send = XMLHttpRequest.prototype.send;
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  this.__url = String(url);
  return open.apply(this, arguments);
};
XMLHttpRequest.prototype.send = function () {
  window.__sent.push(this.__url);
  return send.apply(this, arguments);
};
"""


class _Page(HTMLParser):
    """The script addresses of a page, whether each sits in the head, and its components."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.head_scripts: list[str] = []
        self.scripts: list[str] = []
        self.components: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "script" and names.get("src"):
            (self.head_scripts if self.in_head else self.scripts).append(names["src"] or "")
        self.components |= {COMPONENTS[name] for name in names if name in COMPONENTS}

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def miles_scripts(page: _Page) -> set[str]:
    """Name the component scripts a page loads: miles-planner.1a2b3c4d.min.js -> miles-planner."""
    names = {src.rsplit("/", 1)[-1].split(".")[0] for src in page.scripts}
    return {name for name in names if name.startswith("miles-") and name != "miles-search"}


def test_each_page_loads_only_the_scripts_of_its_components(built_site: BuiltSite) -> None:
    seen = {}
    for path in built_site.pages():
        page = parsed(built_site.site / path)
        assert miles_scripts(page) == page.components, path
        seen[path.as_posix()] = page.components
    assert seen["index.html"] == set()
    assert seen["melding/index.html"] == set()
    assert seen["planner.html"] == {"miles-planner"}
    assert seen["gesprekken/het-nieuws.html"] == {"miles-scenario"}
    assert seen["checklists/plan-van-aanpak.html"] == {"miles-checklist"}
    assert sum(1 for found in seen.values() if not found) > len(seen) / 2


def test_no_script_is_loaded_in_the_head(built_site: BuiltSite) -> None:
    """A script in the head holds up the first paint until it has been downloaded."""
    for path in built_site.pages():
        assert parsed(built_site.site / path).head_scripts == [], path


def test_scripts_are_minified_and_named_after_their_content(built_site: BuiltSite) -> None:
    page = parsed(built_site.site / "planner.html")
    planner = next(s for s in page.scripts if "/miles-planner." in f"/{s}")
    served = built_site.site / planner
    text = served.read_bytes()
    assert served.name == f"miles-planner.{hashlib.sha256(text).hexdigest()[:8]}.min.js"
    readable = sum(
        len((SOURCES / name).read_bytes())
        for name in ("miles-planner-dates.js", "miles-ics.js", "miles-planner.js")
    )
    assert len(text) < readable * 0.75
    assert b"/*" not in text  # the comments stay in the sources
    assert not (built_site.site / "assets/javascripts/miles-planner.js").exists()
    stylesheet = next(built_site.site.glob("assets/stylesheets/miles.*.min.css"))
    assert (
        stylesheet.stat().st_size < (ROOT / "overrides/assets/stylesheets/miles.css").stat().st_size
    )


def test_the_search_index_waits_until_search_opens(
    page: Page, base_url: str, requests: RequestLog
) -> None:
    page.add_init_script(SENT)
    page.goto(base_url + "index.html")
    # Material's bundle has run (it swaps the no-js class) and would have asked for the index.
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    sent = page.evaluate("window.__sent")
    assert not any("search_index" in url for url in sent), sent
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("bedrijfsarts")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert any(url.endswith("search/search_index.json") for url in page.evaluate("window.__sent"))
    assert requests.foreign == []
