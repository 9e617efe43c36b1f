"""Site search in a real Chromium: the relevance set, on line and from the offline folder, and
what a reader sees when a search finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from support.browser import RequestLog, axe_violations
from support.search import Query, SearchBox, load_queries

QUERIES = load_queries()


def _cases() -> list[object]:
    """One test per query; a query marked xfail in the set is expected to fail, and says why."""
    return [
        pytest.param(q, id=q.query, marks=[pytest.mark.xfail(reason=q.xfail, strict=False)])
        if q.xfail
        else pytest.param(q, id=q.query)
        for q in QUERIES
    ]


@pytest.fixture(scope="module")
def online(browser: Browser, base_url: str) -> Iterator[tuple[SearchBox, RequestLog]]:
    """One page of the served site with its search box, kept open for every query."""
    parsed = urlparse(base_url)
    log = RequestLog(f"{parsed.scheme}://{parsed.netloc}")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.route("**/*", log.route)
    page = context.new_page()
    page.goto(base_url + "melding/index.html", wait_until="load")
    yield SearchBox(page, base_url), log
    context.close()


@pytest.fixture(scope="module")
def offline(browser: Browser, unzipped: Path) -> Iterator[tuple[SearchBox, RequestLog]]:
    """One page of the extracted offline zip, opened from file:// with the network off."""
    log = RequestLog(allowed_origin=None)
    context = browser.new_context(locale="nl-NL", offline=True)
    context.route("**/*", log.route)
    page = context.new_page()
    root = (unzipped / "MiLES-toolbox").as_uri() + "/"
    page.goto(root + "melding/index.html", wait_until="load")
    yield SearchBox(page, root), log
    context.close()


@pytest.mark.parametrize("query", _cases())
def test_expected_page_in_top_3_on_line(online: tuple[SearchBox, RequestLog], query: Query) -> None:
    box, _ = online
    found = box.top(query.query)
    assert query.expected_pages & set(found), f"{query.query!r} found {found}"


@pytest.mark.parametrize("query", _cases())
def test_expected_page_in_top_3_offline(
    offline: tuple[SearchBox, RequestLog], query: Query
) -> None:
    box, _ = offline
    found = box.top(query.query)
    assert query.expected_pages & set(found), f"{query.query!r} found {found}"


def test_search_made_no_request_to_another_host(
    online: tuple[SearchBox, RequestLog], offline: tuple[SearchBox, RequestLog]
) -> None:
    for box, log in (online, offline):
        box.top("ziekmelden")
        assert log.foreign == []
        assert any("miles-search-worker.js" in url for url in log.seen), "not our search worker"


def test_word_forms_typos_and_stop_words_find_the_same_page(
    online: tuple[SearchBox, RequestLog],
) -> None:
    box, _ = online
    first = box.top("ziekmelding", 1)
    assert first == ["melding/eerste-formele-stappen.html"]
    assert box.top("ziekmelden", 1) == first, "another form of the word"
    assert box.top("Ziekmelding?", 1) == first, "capitals and punctuation"
    assert box.top("wat moet ik doen bij een ziekmelding", 1) == first, "stop words"
    assert box.top("ziekmeldnig", 1) == first, "one typo"


def test_nothing_found_suggests_glossary_phases_and_planner(
    page: Page, requests: RequestLog, base_url: str, axe: Axe
) -> None:
    page.goto(base_url + "melding/index.html", wait_until="load")
    box = SearchBox(page, base_url)
    assert box.top("qwxzv") == []
    suggestions = page.locator(".miles-search-help")
    expected = ["Begrippenlijst", *(f"Fase {n}:" for n in range(1, 6)), "Planner"]
    texts = suggestions.locator("a").all_inner_texts()
    assert len(texts) == len(expected)
    assert all(text.startswith(start) for text, start in zip(texts, expected, strict=True))
    assert suggestions.get_attribute("aria-live") == "polite"
    assert "Niets gevonden" in suggestions.inner_text()
    assert axe_violations(axe, page) == []

    # Enter finds no best result to open; the arrow keys reach the suggestions.
    box.box.press("Enter")
    assert page.url.endswith("melding/index.html")
    box.box.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Begrippenlijst"

    assert box.top("bedrijfsarts")
    assert suggestions.locator("a").count() == 0, "suggestions only when nothing is found"
    page.keyboard.press("Escape")
    box.box.click()
    box.box.fill("qwxzv")
    box.box.press("End")
    suggestions.locator("a").first.wait_for()
    suggestions.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/begrippen.html")
    assert requests.foreign == []
