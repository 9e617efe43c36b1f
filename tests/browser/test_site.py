"""The built site in a real Chromium: accessibility, privacy, keyboard and print."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from support.browser import RequestLog, axe_violations
from support.site import BuiltSite


def test_every_page_passes_axe_and_requests_nothing_from_another_host(
    page: Page, requests: RequestLog, base_url: str, built_site: BuiltSite, axe: Axe
) -> None:
    problems = {}
    for path in built_site.pages():
        page.goto(base_url + path.as_posix(), wait_until="load")
        found = axe_violations(axe, page)
        if found:
            problems[path.as_posix()] = found
    assert problems == {}
    # The index waits until a reader opens search; then the search worker's own request goes
    # through the fence too (workers are fenced as well).
    assert not any(url.endswith("search/search_index.json") for url in requests.seen)
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("bedrijfsarts")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert any(url.endswith("search/search_index.json") for url in requests.seen)
    assert requests.foreign == []


def test_axe_is_clean_on_a_phone_screen(
    page: Page, base_url: str, built_site: BuiltSite, axe: Axe
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("index.html", "melding/index.html", "fasen.html"):
        page.goto(base_url + path, wait_until="load")
        assert axe_violations(axe, page) == [], path


def test_skip_link_is_first_and_moves_focus_to_the_content(page: Page, base_url: str) -> None:
    page.goto(base_url + "melding/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), "
        "document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Direct naar de inhoud", "#miles-inhoud"]
    assert page.locator("a.miles-skip").is_visible(), "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "miles-inhoud"
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('article') !== null")
    assert inside, "after skipping, the next Tab lands in the page content"


def test_tab_order_follows_the_page_and_every_stop_is_visible(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    regions = []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            const region = el.closest('header') ? 'header' : el.closest('footer') ? 'footer'
                : el.closest('nav') ? 'nav' : el.closest('article') ? 'content' : 'other';
            return {region, visible: box.width > 0 && box.height > 0, text: el.textContent.trim()};
        }""")
        assert info["visible"], f"focus went to an invisible element: {info}"
        if not regions or regions[-1] != info["region"]:
            regions.append(info["region"])
        if info["region"] == "footer":
            break
    # skip link (other), header, navigation, content, footer: in reading order, each once.
    order = [r for r in regions if r != "other"]
    assert order == ["header", "nav", "content", "footer"], regions
    assert page.locator("article a.miles-phase-cards__link").count() == 5


def test_print_hides_navigation_and_prints_link_addresses(page: Page, base_url: str) -> None:
    page.goto(base_url + "melding/index.html")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator("article h1").is_visible()
    after = page.evaluate("""() => {
        const link = document.querySelector('.miles-page-meta__sources a[href^="http"]');
        return [link.href, getComputedStyle(link, '::after').content];
    }""")
    assert after[0] in after[1], after
