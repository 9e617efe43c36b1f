"""Checklists in Chromium: answers kept on the device, cleared on request, printed, accessible."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Dialog, Page, expect
from pypdf import PdfReader

from miles_site.project import Paths, load_project
from support.browser import RequestLog, axe_violations
from support.projects import ROOT

PROJECT = load_project(Paths.under(ROOT))
CHECKLISTS = {c.checklist.id: c.checklist for c in PROJECT.checklists}
IDS = sorted(CHECKLISTS)
URL = "checklists/plan-van-aanpak.html"
# Labels by item id, so that rewording a checklist does not break these tests.
PLAN = CHECKLISTS["plan-van-aanpak"]
LABEL = {item.id: item.label for item in PLAN.items}


def fill_some(page: Page) -> None:
    page.get_by_label(LABEL["probleemanalyse"]).check()
    page.get_by_label("Wie is de casemanager?").fill("Fatima, HR")
    page.get_by_label(LABEL["doel"]).fill("Terug in het eigen werk, eerst 3 ochtenden.")
    page.get_by_label("Datum van de eerste evaluatie").fill("2027-03-01")


def test_answers_survive_a_new_visit_and_clear_removes_them(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    note = page.locator("[data-miles-storage]")
    expect(note).to_contain_text("alleen in deze browser op dit apparaat bewaard")
    expect(note).to_contain_text("gedeelde computer")
    fill_some(page)
    # A new visit, not a reload: Chromium refills a reloaded form by itself, without our script.
    page.goto(base_url + "index.html")
    page.goto(base_url + URL)
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("Fatima, HR")
    expect(page.get_by_label(LABEL["probleemanalyse"])).to_be_checked()
    expect(page.get_by_label("Datum van de eerste evaluatie")).to_have_value("2027-03-01")
    stored = page.evaluate("Object.keys(localStorage)")
    assert stored == [f"miles-checklist:plan-van-aanpak:v{PLAN.version}"]

    messages: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Antwoorden wissen").click()
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("Fatima, HR")
    assert "wissen" in messages[0]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Antwoorden wissen").click()
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("")
    expect(page.locator(".miles-checklist__status")).to_have_text("Alle antwoorden zijn gewist.")
    assert page.evaluate("localStorage.length") == 0
    page.goto(base_url + URL)
    expect(page.get_by_label(LABEL["doel"])).to_have_value("")


def test_form_works_and_says_so_when_storage_is_unavailable(page: Page, base_url: str) -> None:
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    page.goto(base_url + URL)
    expect(page.locator("[data-miles-storage]")).to_contain_text("kan uw antwoorden niet bewaren")
    page.get_by_label("Wie is de casemanager?").fill("Jan")
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("Jan")


def test_print_shows_the_answers_and_hides_the_buttons(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    fill_some(page)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.get_by_label("Wie is de casemanager?")).to_be_visible()
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("Fatima, HR")
    expect(page.get_by_label(LABEL["doel"])).to_have_value(
        "Terug in het eigen werk, eerst 3 ochtenden."
    )
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".miles-privacy")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-"


@pytest.mark.parametrize("checklist_id", IDS)
def test_axe_on_every_checklist_page(
    page: Page, base_url: str, axe: Axe, checklist_id: str
) -> None:
    page.goto(f"{base_url}checklists/{checklist_id}.html")
    assert axe_violations(axe, page) == []


def test_page_has_one_labelled_control_per_item_and_links_its_pdf(
    page: Page, base_url: str
) -> None:
    checklist = CHECKLISTS["plan-van-aanpak"]
    page.goto(base_url + URL)
    for item in checklist.items:
        if item.type == "choice":
            expect(page.get_by_role("group", name=item.label)).to_be_visible()
        else:
            expect(page.get_by_label(item.label, exact=True)).to_have_count(1)
    expect(page.locator(".miles-privacy")).to_contain_text("Schrijf nooit een diagnose")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de checklist als PDF").click()
    pdf = PdfReader(download.value.path())
    # This checklist's own fillable form: one field per item, named by its id, in order.
    assert list(pdf.get_fields() or {}) == [item.id for item in checklist.items]
    assert checklist.title in pdf.pages[0].extract_text()


def test_form_renders_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + URL)
        expect(page.get_by_label("Wie is de casemanager?")).to_be_editable()
        page.get_by_label("Wie is de casemanager?").fill("Kim")
        expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
        expect(page.locator("[data-miles-storage]")).to_contain_text("blijft op dit apparaat")
    finally:
        context.close()


def test_offline_checklist_from_the_zip(
    offline_page: tuple[Page, RequestLog], unzipped: Path
) -> None:
    page, log = offline_page
    page.goto((unzipped / "MiLES-toolbox" / URL).as_uri())
    page.get_by_label("Wie is de casemanager?").fill("Offline ingevuld")
    expect(page.locator("[data-miles-storage]")).to_contain_text("alleen in deze browser")
    page.goto((unzipped / "MiLES-toolbox" / "index.html").as_uri())
    page.goto((unzipped / "MiLES-toolbox" / URL).as_uri())
    expect(page.get_by_label("Wie is de casemanager?")).to_have_value("Offline ingevuld")
    assert log.foreign == []


def test_overview_lists_checklists_by_phase_with_pdf_links(page: Page, base_url: str) -> None:
    page.goto(base_url + "checklists/index.html")
    for source in PROJECT.checklists:
        checklist = source.checklist
        expect(page.get_by_role("link", name=checklist.title, exact=True).first).to_be_visible()
        pdf_links = page.locator(f'a[href="{checklist.id}.pdf"]')
        assert pdf_links.count() == len(checklist.phases)
    for phase in PROJECT.phases:
        expect(page.locator("h2", has_text=phase.label)).to_have_count(1)
