"""The study edition against a live Ralph: a participant's whole journey, then the dose report.

Sign in (a wrong PIN first), read three pages, play a scenario to an ending, open a checklist,
print it and download its PDF, use the planner, search; cut the network and go on; lose one
answer of the LRS; restore the network. Then the LRS must hold exactly the expected statements:
none lost, none twice, nothing typed. ``miles usage`` on that LRS must give the dose figures.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, expect

from miles_site.project import Paths, load_project
from miles_site.render.scenario import SCENARIO_FOLDER
from support.lrs import (
    PARTICIPANTS,
    RESEARCHER,
    ROOT,
    StudyLrs,
    known_paths,
    sign_in,
    stored,
    wait_until_sent,
)
from support.projects import scenario_source
from support.scenarios import paths, walk_with_player
from support.statements import private_leaks, shape_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANSWER = "Afspraak-GEHEIM-4711"
PLANNER_DATE = "2027-03-15"
SEARCH_WORDS = "arbeidsdeskundige"
PAGES = ["melding/index.html", "melding/eerste-reactie.html", "wet-en-regels/index.html"]
SCENARIO = "het-nieuws"
CHECKLIST = "eerste-gesprek"
LATER_PAGES = ["behandeling/index.html", "plan-terugkeer/index.html"]


@pytest.fixture
def study_context(browser: Browser, study_site_url: str, study_lrs: StudyLrs) -> Any:
    """A fresh profile that may reach only the study site and the LRS."""
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    allowed = (study_site_url, f"http://127.0.0.1:{study_lrs.server.port}/")
    foreign: list[str] = []

    def fence(route: Route) -> None:
        url = route.request.url
        if url.startswith(allowed) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", fence)
    yield context, foreign
    context.close()


def test_participant_journey_reaches_the_lrs_exactly_once_and_gives_the_dose(
    study_context: tuple[BrowserContext, list[str]],
    study_site: Path,
    study_site_url: str,
    study_lrs: StudyLrs,
    tmp_path: Path,
) -> None:
    context, foreign = study_context
    site, code = study_site_url, PARTICIPANTS[0]
    pin = study_lrs.pins[code]
    lrs_requests: list[str] = []
    context.on(
        "request",
        lambda r: lrs_requests.append(r.method) if r.url.startswith(study_lrs.endpoint) else None,
    )
    page = context.new_page()
    project = load_project(Paths.under(ROOT))

    # A wrong PIN: a clear message, nothing kept, nothing sent.
    page.goto(site + "studie/index.html")
    wrong = "11111111" if pin != "11111111" else "22222222"
    sign_in(page, code, wrong)
    expect(page.locator("[data-miles-study-error]")).to_contain_text("klopt niet")
    assert stored(page, "credential") is None
    assert "POST" not in lrs_requests
    sign_in(page, code, pin)
    expect(page.locator("[data-miles-study-status]")).to_contain_text("Gelukt")
    assert stored(page, "credential") == {"code": code, "pin": pin}
    viewed = ["studie/index.html"]

    for path in PAGES:
        page.goto(site + path)
        expect(page.locator(".miles-study-bar")).to_contain_text(code)
        viewed.append(path)

    scenario = scenario_source(project, SCENARIO).scenario
    route = next(paths(scenario))
    page.goto(f"{site}{SCENARIO_FOLDER}/{SCENARIO}.html")
    viewed.append(f"{SCENARIO_FOLDER}/{SCENARIO}.html")
    walk_with_player(page, scenario, route)

    page.goto(f"{site}checklists/{CHECKLIST}.html")
    viewed.append(f"checklists/{CHECKLIST}.html")
    page.locator("form[data-miles-checklist] textarea").first.fill(ANSWER)
    page.click('[data-miles-action="print"]')
    with page.expect_download() as download:
        page.click(".miles-checklist__pdf a")
    assert download.value.suggested_filename == f"{CHECKLIST}.pdf"

    page.goto(site + "planner.html")
    viewed.append("planner.html")
    page.fill("#miles-planner-start", PLANNER_DATE)
    expect(page.locator("[data-miles-result]")).to_be_visible()
    page.fill(".md-search__input", SEARCH_WORDS)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")

    # While the network is up, statements leave the device in batches as the participant goes.
    wait_until_sent(page, code)
    delivered_before_cut = len(study_lrs.all_statements())
    assert delivered_before_cut >= len(viewed) - 1

    # The network to the LRS goes down: the site keeps working, the queue keeps everything.
    context.route(study_lrs.endpoint + "**", lambda r: r.abort("internetdisconnected"))
    for path in LATER_PAGES:
        page.goto(site + path)
        expect(page.locator("h1")).to_be_visible()
        viewed.append(path)
    page.goto(site + "studie/bijgehouden.html")
    state = page.locator("[data-miles-study-state]")
    expect(state).to_contain_text("wachten op versturen")
    waiting = len(stored(page, "queue:" + code))
    assert waiting >= len(LATER_PAGES) + 1

    # Back, but the first answer of the LRS is lost on the way: the browser must send the same
    # statements again, and the LRS must keep each once.
    context.unroute(study_lrs.endpoint + "**")
    lost = {"done": False}

    def lose_first_answer(route: Route) -> None:
        if route.request.method == "POST" and not lost["done"]:
            lost["done"] = True
            route.fetch()  # the LRS stores the batch …
            route.abort("connectionreset")  # … but the browser never hears back
        else:
            route.continue_()

    context.route(study_lrs.endpoint + "**", lose_first_answer)
    page.click('[data-miles-study-action="send"]')
    expect(state).to_contain_text("Alle gegevens zijn verstuurd", timeout=30_000)
    assert lost["done"]
    assert stored(page, "queue:" + code) == []
    sent = stored(page, "sent:" + code)

    # The LRS: exactly the statements this device made, each once, none of them private.
    statements = [
        s for s in study_lrs.all_statements() if s["authority"]["account"]["name"] == code
    ]
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids)), "a statement was stored twice"
    assert set(ids) == {s["id"] for s in sent}, "the LRS and the device disagree"
    events = Counter(_event(s) for s in statements)
    qualities = [(scenario.nodes[n].choices or ())[i].quality for n, i in route]
    assert events == Counter(
        {
            "page_viewed": len(viewed),
            "scenario_started": 1,
            "choice_made": len(route),
            "scenario_completed": 1,
            "checklist_opened": 1,
            "checklist_printed": 1,
            "checklist_downloaded": 1,
            "planner_used": 1,
            "search_made": 1,
        }
    )
    views = sorted(
        (s for s in statements if s["verb"]["id"].endswith("/viewed")), key=lambda s: s["timestamp"]
    )
    assert [s["object"]["id"].removeprefix(site) for s in views] == viewed
    secrets = [ANSWER, PLANNER_DATE, "15-03-2027", "15 maart 2027", SEARCH_WORDS, pin]
    study_lrs.typed += secrets
    scenes = {s.scenario.id: set(s.scenario.nodes) for s in project.scenarios}
    phases, pages = set(project.phases.ids), known_paths(project, site)
    for statement in statements:
        assert private_leaks(statement, secrets) == [], statement
        assert shape_problems(statement, site, phases, scenes, pages) == [], statement
        assert statement["actor"]["account"]["name"] == code
    assert foreign == []

    # The dose report from that LRS.
    out = tmp_path / "usage"
    result = subprocess.run(
        [sys.executable, "-m", "miles_site", "usage", "--lrs", study_lrs.endpoint,
         "--user", RESEARCHER, "--password", study_lrs.password, "-o", str(out),
         "--tz", "Europe/Amsterdam"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with (out / "dose.csv").open(encoding="utf-8") as handle:
        rows = {row["participant"]: row for row in csv.DictReader(handle)}
    row = rows[code]
    phase_of = {f"{p.src_uri[:-3]}.html": p.meta.phase for p in project.pages}
    phase_of[f"{SCENARIO_FOLDER}/{SCENARIO}.html"] = scenario.phase
    phase_of[f"checklists/{CHECKLIST}.html"] = next(
        c.checklist.phases[0] for c in project.checklists if c.checklist.id == CHECKLIST
    )
    per_phase = Counter(phase_of.get(path) or "zonder_fase" for path in set(viewed))
    expected = {
        "page_views": len(viewed),
        "pages_distinct": len(set(viewed)),
        "sessions": 1,
        "active_days": 1,
        "scenarios_started": 1,
        "scenarios_completed": 1,
        "endings_reached": 1,
        "choices": len(route),
        "choices_aanbevolen": qualities.count("aanbevolen"),
        "choices_minder_handig": qualities.count("minder handig"),
        "choices_af_te_raden": qualities.count("af te raden"),
        "checklists_opened": 1,
        "checklists_printed": 1,
        "checklists_downloaded": 1,
        "planner_uses": 1,
        "searches": 1,
    }
    expected |= {f"pages_{phase.replace('-', '_')}": n for phase, n in per_phase.items()}
    assert {key: int(row[key]) for key in expected} == expected
    assert float(row["minutes_total"]) > 0
    assert row["content_versions"] == statements[0]["context"]["revision"]
    backup = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(backup) == len(study_lrs.all_statements())
    assert report_has_plots(out / "report.html")


def report_has_plots(path: Path) -> bool:
    """Tell whether the report inlines its three matplotlib plots and loads nothing."""
    html = path.read_text(encoding="utf-8")
    loads = re.findall(r'(?:src|href)="(?:https?:)?//', html)
    return html.count("<svg") == 3 and "matplotlib" in html and not loads and "<script" not in html


def _event(statement: dict[str, Any]) -> str:
    """Name what a statement records, as the dose report does."""
    from miles_site.study.statements import parse_statement

    return parse_statement(statement).event
