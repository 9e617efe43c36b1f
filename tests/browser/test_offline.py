"""The offline zip, extracted and opened from file:// with every network request blocked."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from support.browser import RequestLog


def test_offline_walk_from_start_page_to_search_result(
    offline_page: tuple[Page, RequestLog], unzipped: Path
) -> None:
    page, log = offline_page
    page.goto((unzipped / "START-HERE.html").as_uri())
    page.get_by_role("link", name="Open de MiLES-toolbox").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("MiLES-toolbox/index.html")

    page.locator("a.miles-phase-cards__link", has_text="Melding").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("melding/index.html")
    assert page.locator("article h1").is_visible()

    search = page.locator("input.md-search__input")
    search.click()
    search.fill("bedrijfsarts")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible", timeout=15_000)
    href = first.get_attribute("href") or ""
    assert href.endswith(".html") or ".html#" in href
    first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://")
    assert "bedrijfsarts" in page.locator("article").inner_text().lower()
    assert log.foreign == []


def test_offline_search_that_finds_nothing_suggests_pages(
    offline_page: tuple[Page, RequestLog], unzipped: Path
) -> None:
    page, log = offline_page
    page.goto((unzipped / "MiLES-toolbox/melding/index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("qwxzv")
    suggestion = page.locator(".miles-search-help a").first
    suggestion.wait_for(state="visible", timeout=15_000)
    suggestion.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith("/begrippen.html")
    assert log.foreign == []
