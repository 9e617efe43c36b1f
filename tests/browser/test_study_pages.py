"""The study edition's own pages: accessible, usable by keyboard, pausable, and inert without JS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from support.browser import axe_violations
from support.lrs import PARTICIPANTS, StudyLrs

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CODE = PARTICIPANTS[1]


@pytest.fixture
def study_page(browser: Browser, study_site: Path) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def queue_and_sent(page: Page) -> tuple[int, int]:
    return page.evaluate(
        """code => ['queue:', 'sent:'].map(k =>
             (JSON.parse(localStorage.getItem('miles-study:' + k + code)) || []).length)""",
        CODE,
    )


def sign_in_by_keyboard(page: Page, code: str, pin: str) -> None:
    page.focus("#miles-study-code")
    page.keyboard.type(code.lower())
    page.keyboard.press("Tab")
    page.keyboard.type(pin)
    page.keyboard.press("Enter")


def test_study_pages_have_no_axe_violations(
    study_page: Page, study_site_url: str, study_lrs: StudyLrs, axe: Axe
) -> None:
    page = study_page
    page.goto(study_site_url + "studie/index.html")
    page.click("[data-miles-study-form] button[type=submit]")  # empty: shows the error
    expect(page.locator("[data-miles-study-error]")).to_be_visible()
    assert axe_violations(axe, page) == []
    sign_in_by_keyboard(page, CODE, study_lrs.pins[CODE])
    expect(page.locator("[data-miles-study-status]")).to_contain_text("Gelukt")
    assert axe_violations(axe, page) == []
    page.goto(study_site_url + "melding/index.html")
    expect(page.locator(".miles-study-bar")).to_contain_text(CODE)
    assert axe_violations(axe, page) == []
    page.goto(study_site_url + "studie/bijgehouden.html")
    expect(page.locator("[data-miles-study-rows] tr").first).to_contain_text("Pagina bekeken")
    page.locator(".miles-study-raw summary").click()
    assert axe_violations(axe, page) == []


def test_a_wrong_pin_by_keyboard_moves_focus_to_the_fields_and_keeps_nothing(
    study_page: Page, study_site_url: str
) -> None:
    page = study_page
    page.goto(study_site_url + "studie/index.html")
    sign_in_by_keyboard(page, CODE, "00000000")
    expect(page.locator("[data-miles-study-error]")).to_contain_text("klopt niet")
    expect(page.locator("#miles-study-code")).to_be_focused()
    expect(page.locator("#miles-study-pin")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("localStorage.getItem('miles-study:credential')") is None
    sign_in_by_keyboard(page, "NAAM MET SPATIE", "12")
    expect(page.locator("[data-miles-study-error]")).to_contain_text("code en de pincode")


def test_pause_records_and_sends_nothing_until_resumed(
    study_page: Page, study_site_url: str, study_lrs: StudyLrs
) -> None:
    page = study_page
    page.goto(study_site_url + "studie/index.html")
    sign_in_by_keyboard(page, CODE, study_lrs.pins[CODE])
    expect(page.locator("[data-miles-study-status]")).to_contain_text("Gelukt")
    page.goto(study_site_url + "studie/bijgehouden.html")
    state = page.locator("[data-miles-study-state]")
    expect(state).to_contain_text("Alle gegevens zijn verstuurd", timeout=20_000)
    page.click('[data-miles-study-action="pause"]')
    expect(page.locator("[data-miles-study-state]")).to_contain_text("gepauzeerd")
    before = queue_and_sent(page)
    page.goto(study_site_url + "melding/index.html")
    expect(page.locator(".miles-study-bar")).to_contain_text("gepauzeerd")
    page.goto(study_site_url + "studie/bijgehouden.html")
    assert queue_and_sent(page) == before
    page.click('[data-miles-study-action="pause"]')  # now labelled "Verder met bijhouden"
    page.goto(study_site_url + "index.html")
    page.goto(study_site_url + "studie/bijgehouden.html")
    waiting, sent = queue_and_sent(page)
    assert waiting + sent > sum(before)


def test_without_javascript_the_study_edition_is_a_normal_site_that_records_nothing(
    browser: Browser, study_site: Path, study_site_url: str, study_lrs: StudyLrs
) -> None:
    context: BrowserContext = browser.new_context(java_script_enabled=False)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(study_site_url + "studie/index.html")
    expect(page.locator("[data-miles-study-nojs]")).to_be_visible()
    expect(page.locator("[data-miles-study-form]")).to_be_hidden()
    page.goto(study_site_url + "melding/index.html")
    expect(page.locator("h1")).to_be_visible()
    page.goto(study_site_url + "studie/bijgehouden.html")
    expect(page.locator("[data-miles-study-nojs]")).to_contain_text("niets bijgehouden")
    assert not [url for url in requests if url.startswith(study_lrs.endpoint)]
    context.close()
