"""The Poortwachter planner in Chromium: hand-worked dates, recurrence, .ics, a11y, offline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from miles_site.project import Paths, load_project
from support.browser import RequestLog, axe_violations
from support.projects import ROOT

URL = "planner.html"
TIMELINE = load_project(Paths.under(ROOT)).data.timeline
assert TIMELINE is not None
SCRIPTS = ROOT / "overrides/assets/javascripts"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile whose clock runs in Amsterdam, as for most readers of the site."""
    ctx = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1280, "height": 900}
    )
    yield ctx
    ctx.close()


def enter(page: Page, start: str, breaks: list[tuple[str, str]] | None = None) -> None:
    page.locator("#miles-planner-start").fill(start)
    page.locator("#miles-planner-start").dispatch_event("change")
    for number, (recovered, sick) in enumerate(breaks or [], start=1):
        page.get_by_role("button", name="Herstel en nieuwe ziekmelding toevoegen").click()
        page.locator(f"#miles-planner-recovered-{number}").fill(recovered)
        page.locator(f"#miles-planner-sick-{number}").fill(sick)
        page.locator(f"#miles-planner-sick-{number}").dispatch_event("change")
    expect(page.locator("[data-miles-result]")).to_be_visible()


def rows(page: Page, step: str) -> list[dict[str, str | None]]:
    locator = page.locator(f'tbody[data-miles-rows] tr[data-step="{step}"]')
    return [
        {"date": row.get_attribute("data-date"), "end": row.get_attribute("data-end")}
        for row in locator.all()
    ]


# The date arithmetic is tested in node under four time zones (tests/js/planner-dates.test.js).
# Here two hand-worked cases check that the page applies the real data/timeline.yml.
# Day 1 is the first sick day; the end of week N is day 7N.


def test_dates_of_the_real_timeline(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-12-30")
    # End of week 6 = day 42 = + 41: 2 days to 1 January, 39 more = 9 February 2028.
    assert rows(page, "probleemanalyse")[0]["date"] == "2028-02-09"
    # Weeks 2 to 3: day 8 (+7 = 6 January 2028) to day 21 (+20 = 19 January).
    assert rows(page, "bedrijfsarts")[0] == {"date": "2028-01-06", "end": "2028-01-19"}
    # End of week 93 = day 651 = + 650: 1 January 2028 (+2), 1 January 2029 (+368), 282 more.
    assert rows(page, "wia-aanvraag")[0]["date"] == "2029-10-10"
    # The 42nd-week report, the first working day after week 42: day 295 (+294), Thursday
    # 19 October 2028.
    assert rows(page, "melding-42e-week")[0]["date"] == "2028-10-19"


def test_dates_after_a_break_that_adds_up(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    # Recovered 1 to 21 March 2027 (3 weeks): the periods add up. 4 January to 28 February is
    # 56 sick days, so day 651 is day 595 of the new period: 22 March 2027 + 594 = 5 November
    # 2028. Steps before the break keep their date: 4 January + 41 = 14 February 2027.
    enter(page, "2027-01-04", [("2027-03-01", "2027-03-22")])
    assert rows(page, "wia-aanvraag")[0]["date"] == "2028-11-05"
    assert rows(page, "probleemanalyse")[0]["date"] == "2027-02-14"


def test_recurrence_is_explained_in_one_sentence(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-01-04", [("2027-03-01", "2027-03-22")])
    explain = page.locator("[data-miles-explain]")
    expect(explain).to_have_text(
        "Uw medewerker was 3 weken hersteld, minder dan 4 weken: de "
        "ziekteperiodes tellen op en de datums schuiven 21 dagen op."
    )
    page.locator("#miles-planner-sick-1").fill("2027-04-05")
    page.locator("#miles-planner-sick-1").dispatch_event("change")
    expect(explain).to_have_text(
        "Uw medewerker was 5 weken hersteld, 4 weken of langer: op "
        "ma 5 april 2027 begint een nieuwe periode van 104 weken."
    )


def test_every_step_has_who_and_links_that_work(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-12-30")
    planned = [s for s in TIMELINE.steps if s.planner]
    shown = {
        row.get_attribute("data-step") for row in page.locator("tbody[data-miles-rows] tr").all()
    }
    assert shown == {step.id for step in planned}
    for link in page.locator("tbody[data-miles-rows] a").all():
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok, link.get_attribute("href")
    first = page.locator('tbody tr[data-step="plan-van-aanpak"]')
    expect(first).to_contain_text("Werkgever en medewerker")
    expect(first.get_by_role("link", name="Checklist")).to_have_attribute(
        "href", "checklists/plan-van-aanpak.html"
    )


def test_past_steps_are_marked_and_the_next_one_highlighted(page: Page, base_url: str) -> None:
    page.clock.set_fixed_time("2028-03-01T10:00:00")
    page.goto(base_url + URL)
    enter(page, "2027-12-30")
    past = page.locator("tbody tr.is-past")
    assert past.count() == 5  # sick report .. plan van aanpak (23 Feb) lie before 1 March
    nxt = page.locator("tbody tr.is-next")
    expect(nxt).to_have_count(1)
    expect(nxt).to_have_attribute("data-step", "evaluatie")
    expect(nxt).to_contain_text("Volgende stap")
    expect(page.locator(".miles-planner__status")).to_contain_text("Volgende stap: Evaluatie")


def test_ics_file_parses_and_holds_every_date(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + URL)
    enter(page, "2028-02-20")
    table = [
        (row.get_attribute("data-date"), row.get_attribute("data-end"))
        for row in page.locator("tbody[data-miles-rows] tr").all()
    ]
    with page.expect_download() as info:
        page.get_by_role("button", name="Zet in uw agenda (.ics)").click()
    path = tmp_path / "tijdlijn.ics"
    info.value.save_as(path)
    assert info.value.suggested_filename == "poortwachter-tijdlijn-2028-02-20.ics"
    raw = path.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(table)
    for event, (start, end) in zip(events, table, strict=True):
        assert event.decoded("DTSTART").isoformat() == start
        last = event.decoded("DTEND")
        assert (last - event.decoded("DTSTART")).days >= 1
        if end:  # an all-day period ends the day after its last day
            assert last == dt.date.fromisoformat(end) + dt.timedelta(days=1)
        assert str(event["DESCRIPTION"]).strip()
    summaries = [str(event["SUMMARY"]) for event in events]
    assert "WIA-aanvraag met het re-integratieverslag" in summaries
    wia = events[summaries.index("WIA-aanvraag met het re-integratieverslag")]
    # 20 February 2028 is day 51 of 2028; + 650 = day 701 = day 335 of 2029 = 1 December 2029.
    assert wia.decoded("DTSTART").isoformat() == "2029-12-01"


def test_axe_before_and_after_entering_a_date(page: Page, base_url: str, axe: Axe) -> None:
    page.goto(base_url + URL)
    assert axe_violations(axe, page) == []
    enter(page, "2027-12-30", [("2028-03-01", "2028-03-22")])
    assert axe_violations(axe, page) == []


def test_keyboard_path(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    start = page.locator("#miles-planner-start")
    for _ in range(80):
        page.keyboard.press("Tab")
        if start.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the date field cannot be reached with Tab")
    # The segment order of a date field follows the browser's locale; fill() types the value
    # into the focused field the same way in every locale.
    start.fill("2027-12-30")
    page.keyboard.press("Tab")
    expect(page.locator("[data-miles-result]")).to_be_visible()
    expect(page.locator(".miles-planner__status")).to_contain_text("De tijdlijn is bijgewerkt")
    first = page.locator("tbody[data-miles-rows] tr").first
    assert first.get_attribute("data-date") == "2027-12-30"
    add = page.get_by_role("button", name="Herstel en nieuwe ziekmelding toevoegen")
    for _ in range(10):
        if add.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#miles-planner-recovered-1")).to_be_focused()
    sick = page.locator("#miles-planner-sick-1")
    for _ in range(4):  # Tab first walks the day, month and year parts of the date field
        page.keyboard.press("Tab")
        if sick.evaluate("el => el === document.activeElement"):
            break
    expect(sick).to_be_focused()
    ics = page.get_by_role("button", name="Zet in uw agenda (.ics)")
    ics.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")


def test_print_shows_a_clean_table(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-12-30")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".miles-planner__table")).to_be_visible()
    expect(page.locator(".miles-planner__actions")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("[data-miles-static]")).to_be_hidden()


def test_without_javascript_the_steps_show_in_weeks(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + URL)
        expect(page.locator("[data-miles-form]")).to_be_hidden()
        table = page.locator("[data-miles-static] table")
        expect(table).to_be_visible()
        expect(table).to_contain_text("Uiterlijk einde week 93")
        expect(table).to_contain_text("Uiterlijk de eerste werkdag na week 42")
        assert table.locator("tbody tr").count() == sum(1 for s in TIMELINE.steps if s.planner)
    finally:
        context.close()


def test_offline_from_the_zip(offline_page: tuple[Page, RequestLog], unzipped: Path) -> None:
    page, log = offline_page
    page.goto((unzipped / "MiLES-toolbox" / URL).as_uri())
    enter(page, "2027-12-30")
    assert rows(page, "wia-aanvraag")[0]["date"] == "2029-10-10"
    with page.expect_download() as info:
        page.get_by_role("button", name="Zet in uw agenda (.ics)").click()
    assert info.value.suggested_filename.endswith(".ics")
    assert log.foreign == []


def test_wrong_dates_are_marked_and_announced(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-01-04", [("2027-01-04", "2027-02-01")])
    recovered = page.locator("#miles-planner-recovered-1")
    message = "Onderbreking 1: de hersteldatum moet na de vorige ziekmelding liggen."
    expect(recovered).to_have_attribute("aria-invalid", "true")
    # The message is linked to the field: a screen reader reads it with the field's name.
    expect(recovered).to_have_accessible_description(message)
    expect(page.locator("#miles-planner-recovered-1-error")).to_have_text(message)
    status = page.locator(".miles-planner__status")
    assert status.get_attribute("role") == "status"
    expect(status).to_contain_text(f"Let op, 1 datum klopt niet. {message}")
    expect(page.locator("#miles-planner-sick-1")).not_to_have_attribute("aria-invalid", "true")
    # Put right, the mark, the message and the warning go.
    recovered.fill("2027-01-20")
    recovered.dispatch_event("change")
    expect(recovered).not_to_have_attribute("aria-invalid", "true")
    expect(recovered).to_have_accessible_description("")
    expect(page.locator("#miles-planner-recovered-1-error")).to_be_hidden()
    expect(status).not_to_contain_text("Let op")
    # 20 January to 1 February: 12 days.
    expect(page.locator("[data-miles-explain]")).to_contain_text("1 week en 5 dagen hersteld")


def test_a_removed_break_frees_no_duplicate_ids(page: Page, base_url: str) -> None:
    page.goto(base_url + URL)
    enter(page, "2027-01-04")
    add = page.get_by_role("button", name="Herstel en nieuwe ziekmelding toevoegen")
    add.click()
    add.click()
    page.get_by_role("button", name="Onderbreking 1 verwijderen").click()
    add.click()
    ids = page.locator("[data-miles-periods] input").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == 4 and len(set(ids)) == 4
    legends = page.locator("[data-miles-periods] legend").all_inner_texts()
    assert legends == ["Onderbreking 1", "Onderbreking 2"]


def test_nothing_moves_when_the_planner_script_arrives(browser: Browser, base_url: str) -> None:
    """The form is laid out from the first paint: the page looks the same before the script."""
    places = []
    for block_script in (True, False):
        context = browser.new_context(locale="nl-NL", viewport={"width": 412, "height": 823})
        if block_script:
            context.route("**/miles-planner.*.min.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url + URL)
        places.append(
            page.locator("[data-miles-form], [data-miles-static]").evaluate_all(
                "els => els.map(e => [e.getBoundingClientRect().top, e.offsetHeight])"
            )
        )
        expect(page.locator("[data-miles-form]")).to_be_visible()
        context.close()
    without_script, with_script = places
    assert without_script == with_script


def test_no_week_number_is_written_in_the_javascript() -> None:
    legal = {s.week for s in TIMELINE.steps if s.week >= 6}
    legal |= {s.until_week for s in TIMELINE.steps if s.until_week and s.until_week >= 6}
    legal |= {TIMELINE.recurrence.add_up_below_days, TIMELINE.recurrence.new_period_weeks}
    for name in ("miles-planner-dates.js", "miles-ics.js", "miles-planner.js"):
        code = re.sub(r"/\*.*?\*/", "", (SCRIPTS / name).read_text(encoding="utf-8"), flags=re.S)
        literals = {int(n) for n in re.findall(r"(?<![\w.-])(\d+)(?![\w.])", code)}
        assert literals & legal == set(), name
