"""The Poortwachter planner in Chromium: hand-worked dates, recurrence, .ics, a11y, offline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from miles_site.project import Paths, load_project
from support.browser import RequestLog, axe_violations
from support.projects import ROOT

URL = "planner.html"
TIMELINE = load_project(Paths.under(ROOT)).data.timeline


@dataclass(frozen=True)
class Case:
    """A first sick day, breaks (recovered on, sick again on), a step and its date by hand."""

    start: str
    step: str
    expected: str
    breaks: list[tuple[str, str]] = field(default_factory=list)
    occurrence: int = 1
    end: str | None = None


# Day 1 is the first sick day; the end of week N is day 7N, the start of week N is day 7N - 6,
# and "the first working day after week N" is the first Monday to Friday from day 7N + 1.
CASES = {
    # 2027-12-30 + 41 days: 2 days to 1 January, then 39 more: 9 February (2028 is a leap year).
    "year-end-probleemanalyse": Case("2027-12-30", "probleemanalyse", "2028-02-09"),
    # + 55 days: 1 January + 53 = 23 February 2028.
    "year-end-plan-van-aanpak": Case("2027-12-30", "plan-van-aanpak", "2028-02-23"),
    # First working day after week 42: day 295 = + 294: 1 January 2028 + 292 = day 293 of leap
    # year 2028 = 19 October, a Thursday.
    "year-end-42nd-week": Case("2027-12-30", "melding-42e-week", "2028-10-19"),
    # Day 295 falls on the weekday of day 1. Sick from Saturday 9 January 2027: day 295 is
    # Saturday 30 October, so the report is due on Monday 1 November 2027.
    "weekend-42nd-week": Case("2027-01-09", "melding-42e-week", "2027-11-01"),
    # End of week 93 = day 651 = + 650: 1 January 2028 (+2), 1 January 2029 (+368), +282 more.
    "year-end-wia": Case("2027-12-30", "wia-aanvraag", "2029-10-10"),
    # End of week 104 = day 728 = + 727: 1 January 2029 + 359 = 26 December 2029.
    "year-end-104-weeks": Case("2027-12-30", "einde-loondoorbetaling", "2029-12-26"),
    # Leap year: 20 February + 9 = 29 February, + 10 = 1 March, + 41 = 1 April 2028.
    "leap-probleemanalyse": Case("2028-02-20", "probleemanalyse", "2028-04-01"),
    # + 55 = 1 March + 45 = 15 April 2028.
    "leap-plan-van-aanpak": Case("2028-02-20", "plan-van-aanpak", "2028-04-15"),
    # Weeks 46 to 52: day 316 (+315: day 366 of 2028 = 31 December) to day 364 (17 Feb 2029).
    "leap-first-year-review": Case(
        "2028-02-20", "eerstejaarsevaluatie", "2028-12-31", end="2029-02-17"
    ),
    # First evaluation, end of week 14 = day 98 = + 97: day 148 of 2028 = 27 May.
    "leap-first-evaluation": Case("2028-02-20", "evaluatie", "2028-05-27"),
    # Third evaluation, end of week 26 = day 182 = + 181: 20 February 2028 + 181 = 19 August.
    "leap-third-evaluation": Case("2028-02-20", "evaluatie", "2028-08-19", occurrence=3),
    # Gap of 3 weeks (1 to 21 March): periods add up. 4 Jan to 28 Feb = 56 sick days, so day 651
    # (end of week 93) is day 595 of the new period: 22 March 2027 + 594 = 5 November 2028.
    "gap-3-weeks-wia": Case(
        "2027-01-04", "wia-aanvraag", "2028-11-05", breaks=[("2027-03-01", "2027-03-22")]
    ),
    # Same: day 295 (first day after week 42) = day 239 of the new period: 22 March + 238 =
    # Monday 15 November 2027.
    "gap-3-weeks-42nd-week": Case(
        "2027-01-04", "melding-42e-week", "2027-11-15", breaks=[("2027-03-01", "2027-03-22")]
    ),
    # Steps before the break keep their date: 4 January + 41 = 14 February 2027.
    "gap-3-weeks-earlier-step": Case(
        "2027-01-04", "probleemanalyse", "2027-02-14", breaks=[("2027-03-01", "2027-03-22")]
    ),
    # Gap of 5 weeks (1 March to 4 April): a new period starts on 5 April 2027; + 41 = 16 May.
    "gap-5-weeks-new-period": Case(
        "2027-01-04", "probleemanalyse", "2027-05-16", breaks=[("2027-03-01", "2027-04-05")]
    ),
    # Exactly 4 weeks recovered (28 days): the law adds up only breaks of less than four weeks,
    # so a new period starts on 29 March 2027; + 41 = 9 May.
    "gap-exactly-4-weeks": Case(
        "2027-01-04", "probleemanalyse", "2027-05-09", breaks=[("2027-03-01", "2027-03-29")]
    ),
}


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


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_dates_match_the_hand_worked_cases(page: Page, base_url: str, case: Case) -> None:
    page.goto(base_url + URL)
    enter(page, case.start, case.breaks)
    found = rows(page, case.step)[case.occurrence - 1]
    assert found["date"] == case.expected
    assert found["end"] == case.end


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
    assert TIMELINE is not None
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
        assert TIMELINE is not None
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


def test_no_week_number_is_written_in_the_javascript() -> None:
    assert TIMELINE is not None
    script = (ROOT / "overrides/assets/javascripts/miles-planner.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    literals = {int(n) for n in re.findall(r"(?<![\w.-])(\d+)(?![\w.])", code)}
    legal = {s.week for s in TIMELINE.steps if s.week >= 6}
    legal |= {s.until_week for s in TIMELINE.steps if s.until_week and s.until_week >= 6}
    legal |= {TIMELINE.recurrence.add_up_below_days, TIMELINE.recurrence.new_period_weeks}
    assert literals & legal == set()
