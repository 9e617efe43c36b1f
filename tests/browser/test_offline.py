"""The offline zip, extracted and opened from file:// with every network request blocked."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from support.browser import RequestLog
from support.site import BuiltSite


@pytest.fixture(scope="session")
def unzipped(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Extract the offline zip once, as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_site.zip_path) as archive:
        archive.extractall(target)
    return target


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, RequestLog]]:
    """A page with the network switched off and every non-file request aborted."""
    context = browser.new_context(locale="nl-NL", offline=True)
    log = RequestLog(allowed_origin=None)
    context.route("**/*", log.route)
    yield context.new_page(), log
    context.close()


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
