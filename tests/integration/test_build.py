"""Strict builds: the real site, and small broken projects that must fail with every problem."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from support.projects import ROOT, miles, page, write_project
from support.site import BuiltSite

PHASE_LABELS = [
    "Fase 1: Melding",
    "Fase 2: Behandeling",
    "Fase 3: Plan terugkeer",
    "Fase 4: Terug aan het werk",
    "Fase 5: Als het anders loopt",
]


def test_real_site_has_home_phases_and_review_dates(built_site: BuiltSite) -> None:
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'class="miles-phase-cards__link" href="([^"]+)"', home)
    assert cards == [
        f"{p}/index.html"
        for p in (
            "melding",
            "behandeling",
            "plan-terugkeer",
            "terug-aan-het-werk",
            "als-het-anders-loopt",
        )
    ]
    positions = [home.find(label) for label in PHASE_LABELS]
    assert -1 not in positions and positions == sorted(positions), "phases missing or out of order"
    for name in ("melding/index.html", "fasen.html"):
        html = (built_site.site / name).read_text(encoding="utf-8")
        assert "Laatst gecontroleerd op" in html and "volgende controle uiterlijk" in html
        assert 'class="miles-page-meta__sources"' in html


def test_phase_one_is_complete(built_site: BuiltSite) -> None:
    pages = [p for p in built_site.pages() if p.parts[0] == "melding"]
    assert len(pages) >= 8, f"phase 1 needs an overview and at least 7 topic pages: {pages}"


def test_offline_build_has_local_shim_and_no_cdn(built_site: BuiltSite) -> None:
    assert (built_site.site / "assets/javascripts/iframe-worker-shim.js").is_file()
    assert (built_site.site / "search/search_index.js").is_file()
    for path in built_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "fonts.googleapis" not in html, path
        for url in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:[^"]+)"', html):
            raise AssertionError(f"{path} loads {url}")


def test_offline_zip_has_start_page_and_site(built_site: BuiltSite) -> None:
    with zipfile.ZipFile(built_site.zip_path) as archive:
        names = archive.namelist()
        start = archive.read("START-HERE.html").decode()
    assert "MiLES-toolbox/index.html" in names
    assert 'lang="nl"' in start and "uitpakken" in start
    assert 'href="MiLES-toolbox/index.html"' in start


BROKEN = {
    "content/index.md": page("Home").replace("title: Home", "titel: Home"),
    "content/melding/a.md": page("A", "melding").replace("phase: melding", "phase: diagnose"),
    "content/melding/b.md": page("B", "melding").replace("2026-11-01", "2026-13-01"),
    "content/melding/c.md": page("C", "melding").replace(
        "    url: https://www.rijksoverheid.nl/onderwerpen/ziekteverzuim-van-het-werk\n", ""
    ),
    "content/melding/d.md": page("D", "melding").replace(
        "audience: [leidinggevende]", "audience: [leidinggevende"
    ),
    "content/melding/e.md": page("E", "melding") + "\n<!-- miles:onbekend x -->\n",
}


def test_broken_project_fails_with_every_problem_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = write_project(tmp_path, {})
    good = miles(project, "build", "--no-zip")
    assert good.returncode == 0, good.stderr
    index = project / "site" / "index.html"
    before = index.read_text(encoding="utf-8")

    write_project(tmp_path, BROKEN)
    result = miles(project, "build", "--no-zip")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    expected = [
        "content/index.md:2: title: required field 'title' is missing",
        "content/index.md:2: titel: unknown field 'titel'",
        "content/melding/a.md:4: phase: unknown phase 'diagnose'",
        "content/melding/b.md:6: last_reviewed: '2026-13-01' is not a valid date",
        "content/melding/c.md:9: sources[0].url: required field 'url' is missing",
        "content/melding/d.md:6: YAML syntax error",
        "content/melding/e.md:15: miles:onbekend: unknown shortcode kind 'onbekend'",
    ]
    for line in expected:
        assert line in output, f"missing {line!r} in:\n{output}"
    assert "7 problems in 6 files" in output
    assert "Build failed" in output
    assert index.read_text(encoding="utf-8") == before, "the previous site must stay intact"


def test_overdue_review_fails_a_strict_build(tmp_path: Path) -> None:
    old = page("Oud", "melding").replace("review_due: 2099-11-01", "review_due: 2026-11-02")
    project = write_project(
        tmp_path, {"content/melding/oud.md": old}, plugin_options={"today": "2026-11-03"}
    )
    result = miles(project, "build", "--no-zip")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "content/melding/oud.md:7: review_due: the review date 2026-11-02 has passed" in output
    assert "Aborted with 1 warnings in strict mode" in output


def test_check_command_lists_problems_compiler_style(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"content/melding/a.md": BROKEN["content/melding/a.md"]})
    result = miles(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("content/melding/a.md:4: phase: unknown phase")


HARD = (
    "Overeenkomstig de toepasselijke arbeidsrechtelijke voorschriften inventariseert de "
    "werkgever systematisch alle relevante arbeidsomstandigheden, communicatieverplichtingen "
    "en re-integratiemogelijkheden, waarbij bijzondere aandacht uitgaat naar "
    "verantwoordelijkheidsverdeling, documentatievereisten en administratieve consequenties."
)


def test_hard_reading_fails_the_strict_build_as_miles_check_reports_it(tmp_path: Path) -> None:
    fixtures = ROOT / "tests/fixtures"
    checklist = (fixtures / "checklists/voorbeeld-lijst.yml").read_text("utf-8")
    purpose = "purpose: Met deze lijst bereidt u een gesprek voor. Zo vergeet u niets."
    assert purpose in checklist
    project = write_project(
        tmp_path,
        {
            "content/melding/moeilijk.md": page("Moeilijk", "melding") + f"\n{HARD}\n",
            "checklists/voorbeeld-lijst.yml": checklist.replace(purpose, f"purpose: {HARD}"),
            "video_scripts/voorbeeld.yml": (fixtures / "video_scripts/voorbeeld.yml").read_text(
                "utf-8"
            ),
        },
    )
    check = miles(project, "check")
    reported = [
        line.removesuffix(" (warning)")
        for line in check.stderr.splitlines()
        if ": readability: " in line
    ]
    files = {line.split(":", 1)[0] for line in reported}
    assert files == {"content/melding/moeilijk.md", "checklists/voorbeeld-lijst.yml"}
    build = miles(project, "build", "--no-zip")
    output = build.stdout + build.stderr
    assert build.returncode == 1
    for line in reported:
        assert line in output, f"the build does not say {line!r}:\n{output}"
    assert f"Aborted with {len(reported)} warnings in strict mode" in output
