"""Inputs that authors really produce, each in a small project, through `miles check` and the
real strict build: both must stop with `file:line`, say what to change, and never show a
Python traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from miles_site.build import build_site
from support.data import GLOSSARY, ORGANISATIONS, ROLES, TIMELINE
from support.projects import ROOT, Content, Special, line_of, miles, page, write_project

PAGE = "content/melding/a.md"
SCENARIO = "video_scripts/voorbeeld.yml"
CHECKLIST = "checklists/voorbeeld-lijst.yml"
SCRIPT = (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(encoding="utf-8")
LIST = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text(encoding="utf-8")
PHASES = (ROOT / "data/phases.yml").read_text(encoding="utf-8")
SAVE_AS_UTF8 = "save the file as UTF-8"
VERTICAL_TAB = "\x0b"  # what Word's Shift+Enter pastes into a text
GOOD_PAGE = page("A", "melding")


def edit(text: str, old: str, new: str) -> str:
    """Replace ``old`` (which must be there) with ``new``."""
    assert old in text, old
    return text.replace(old, new)


def with_video(script: str, media: str) -> str:
    """Give the first scene of the example script a clip (``media`` is its YAML mapping)."""
    return edit(script, "  begin:\n", f"  begin:\n    media: {media}\n")


@dataclass(frozen=True)
class Case:
    """A hostile input: the files it writes, and the problems both commands must report."""

    files: dict[str, Content]
    # Each problem: where (the start of 'file:line: …', or MkDocs' name of an option), and
    # words of the sentence that says what to change.
    problems: list[tuple[str, str]]
    options: dict[str, object] = field(default_factory=dict)
    check: bool = True  # False: mkdocs.yml and the theme, which only the build reads


CASES = {
    # Encodings and invisible characters.
    "page-windows-1252": Case(
        {PAGE: GOOD_PAGE.encode("cp1252")},  # the dash in the source's title is byte 0x96
        [(f"{PAGE}:9: the file is not UTF-8: byte 0x96 at column 26", SAVE_AS_UTF8)],
    ),
    "page-utf-16": Case(
        {PAGE: GOOD_PAGE.encode("utf-16")},
        [(f"{PAGE}: the file is saved as UTF-16", SAVE_AS_UTF8)],
    ),
    "scenario-windows-1252": Case(
        {SCENARIO: SCRIPT.encode("cp1252")},
        [(f"{SCENARIO}:15: the file is not UTF-8: byte 0x96", SAVE_AS_UTF8)],
    ),
    "checklist-windows-1252": Case(
        {CHECKLIST: LIST.encode("cp1252")},
        [(f"{CHECKLIST}:11: the file is not UTF-8: byte 0x96", SAVE_AS_UTF8)],
    ),
    "data-windows-1252": Case(
        {"data/glossary.yml": edit(GLOSSARY, "helpt", "hélpt").encode("cp1252")},
        [("data/glossary.yml:3: the file is not UTF-8: byte 0xE9", SAVE_AS_UTF8)],
    ),
    "captions-windows-1252": Case(
        {
            SCENARIO: with_video(SCRIPT, "{video: clip.mp4, captions: clip.vtt}"),
            "video_scripts/media/clip.mp4": b"\x00",
            "video_scripts/media/clip.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nOké\n".encode(
                "cp1252"
            ),
        },
        [("video_scripts/media/clip.vtt:4: the file is not UTF-8: byte 0xE9", SAVE_AS_UTF8)],
    ),
    "vertical-tab-in-front-matter": Case(
        {PAGE: edit(GOOD_PAGE, "title: A", f"title: Een{VERTICAL_TAB}titel")},
        [(f"{PAGE}:2: a vertical tab (Word's Shift+Enter line break)", "delete it")],
    ),
    "vertical-tab-in-a-scenario": Case(
        {SCENARIO: edit(SCRIPT, "Oh. Oké.", f"Oh.{VERTICAL_TAB}Oké.")},
        [(f"{SCENARIO}:36: a vertical tab", "delete it")],
    ),
    "nul-in-a-checklist": Case(
        {CHECKLIST: edit(LIST, "Wie houdt contact?", "Wie houdt\x00 contact?")},
        [(f"{CHECKLIST}:22: a NUL character (U+0000)", "delete it")],
    ),
    "escape-character-in-data": Case(
        {"data/timeline.yml": edit(TIMELINE, "Uitleg.", "Uit\x1bleg.")},
        [("data/timeline.yml:14: an escape character (U+001B)", "delete it")],
    ),
    "form-feed-and-nul-in-a-page-text": Case(
        {
            PAGE: edit(GOOD_PAGE, "Dit is een korte pagina.", "Dit is\x0c een korte\x00 pagina.")
            + "Een Windows-teken dat als Latin-1 is gelezen: \x93aanhalingsteken\x94.\n"
        },
        [
            (f"{PAGE}:13: a form feed (a page break) (U+000C) at column 7", "delete it"),
            (f"{PAGE}:13: a NUL character (U+0000) at column 18", "delete it"),
            (
                f"{PAGE}:14: an invisible control character (probably '\u201c' read in the wrong "
                "encoding) (U+0093) at column 47",
                "delete it",
            ),
            (
                f"{PAGE}:14: an invisible control character (probably '\u201d' read in the wrong "
                "encoding) (U+0094) at column 63",
                "delete it",
            ),
        ],
    ),
    "tab-indentation-in-a-scenario": Case(
        {SCENARIO: edit(SCRIPT, "    title: Eva vertelt het", "\ttitle: Eva vertelt het")},
        [(f"{SCENARIO}:20: YAML syntax error: a tab character", "indent with spaces")],
    ),
    "tab-indentation-in-front-matter": Case(
        {PAGE: edit(GOOD_PAGE, "  - title: Rijksoverheid", "\t- title: Rijksoverheid")},
        [(f"{PAGE}:9: YAML syntax error: a tab character", "indent with spaces")],
    ),
    # Empty files, files of the wrong shape, files that are not files.
    "empty-page": Case({PAGE: ""}, [(f"{PAGE}:1: the page has no front matter", "start the file")]),
    "empty-front-matter": Case(
        {PAGE: "---\n---\nTekst.\n"}, [(f"{PAGE}:2: there are no fields here", "write them")]
    ),
    "empty-scenario": Case(
        {SCENARIO: "# nog te schrijven\n"}, [(f"{SCENARIO}:1: there are no fields", "write them")]
    ),
    "checklist-that-is-a-list": Case(
        {CHECKLIST: "- id: voorbeeld-lijst\n"},
        [(f"{CHECKLIST}:1: expected fields ('key: value' lines), found a list", "write the")],
    ),
    "folder-named-like-a-checklist": Case(
        {"checklists/oud.yml": Special.FOLDER},
        [("checklists/oud.yml: this is a folder, not a file", "rename or remove it")],
    ),
    "broken-link-to-a-scenario": Case(
        {"video_scripts/weg.yml": Special.BROKEN_LINK},
        [("video_scripts/weg.yml: the file does not exist", "restore it")],
    ),
    # Broken data files stop the build with their own errors (and the nav is never laid out).
    "phases-with-a-renamed-key": Case(
        {"data/phases.yml": edit(PHASES, "phases:", "fases:")},
        [
            ("data/phases.yml:4: fases: unknown field 'fases'", "check the spelling"),
            ("data/phases.yml:4: phases: required field 'phases' is missing", "add it"),
        ],
    ),
    "phases-empty": Case(
        {"data/phases.yml": ""}, [("data/phases.yml:1: there are no fields", "write them")]
    ),
    "phases-missing": Case(
        {"data/phases.yml": Special.MISSING},
        [("data/phases.yml: the phase declaration is missing", "create phases.yml")],
    ),
    "phases-is-a-folder": Case(
        {"data/phases.yml": Special.FOLDER},
        [("data/phases.yml: this is a folder, not a file", "rename or remove it")],
    ),
    "phase-order-not-a-whole-number": Case(
        {"data/phases.yml": edit(PHASES, "order: 1", "order: 1.5")},
        [("data/phases.yml:6: phases[0].order: expected a whole number", "without decimals")],
    ),
    "timeline-dag-without-day": Case(
        {"data/timeline.yml": edit(TIMELINE, "rule: einde-week", "rule: dag")},
        [("data/timeline.yml:9: steps[0].day: rule 'dag' needs 'day'", "add it")],
    ),
    "timeline-herhaal-without-every-weeks": Case(
        {
            "data/timeline.yml": edit(
                TIMELINE, "rule: einde-week", "rule: herhaal\n    until_week: 9"
            )
        },
        [("data/timeline.yml:9: steps[0].every_weeks: rule 'herhaal' needs", "add it")],
    ),
    "timeline-week-not-a-number": Case(
        {"data/timeline.yml": edit(TIMELINE, "week: 6", "week: zes")},
        [("data/timeline.yml:13: steps[0].week: expected a whole number", "write a number")],
    ),
    "roles-with-text-instead-of-a-list": Case(
        {"data/roles.yml": edit(ROLES, "ask: [Wat kan wel?]", "ask: Wat kan wel?")},
        [("data/roles.yml:6: roles[0].ask: expected a list", "write a list")],
    ),
    "organisation-url-without-https": Case(
        {"data/organisations.yml": edit(ORGANISATIONS, "https://www.uwv.nl/", "www.uwv.nl")},
        [("data/organisations.yml:4: organisations[0].url: the text", "starting with https://")],
    ),
    "organisation-checked-not-a-date": Case(
        {"data/organisations.yml": edit(ORGANISATIONS, "2026-11-23", "gisteren")},
        [("data/organisations.yml:7: organisations[0].checked: 'gisteren'", "YYYY-MM-DD")],
    ),
    "glossary-terms-as-fields": Case(
        {"data/glossary.yml": "terms:\n  arbodienst: De dienst die u helpt.\n"},
        [("data/glossary.yml:1: terms: expected a list", "write a list")],
    ),
    # Wrong types in the other models.
    "page-order-not-a-number": Case(
        {PAGE: edit(GOOD_PAGE, "audience:", "order: eerst\naudience:")},
        [(f"{PAGE}:5: order: expected a whole number", "write a number")],
    ),
    "scenario-characters-as-text": Case(
        {
            SCENARIO: edit(
                SCRIPT,
                "characters:\n  - {id: eva, name: Eva, role: medewerker}\n"
                "  - {id: tom, name: Tom, role: leidinggevende}\n",
                "characters: Eva en Tom\n",
            )
        },
        [(f"{SCENARIO}:9: characters: expected a list", "write a list")],
    ),
    "scenario-node-id-a-number": Case(
        {SCENARIO: edit(SCRIPT, "  einde-kort:\n", "  404:\n")},
        [
            (
                f"{SCENARIO}:{line_of(SCRIPT, '  einde-kort:')}: nodes.404: the key the number 404 "
                "must be text",
                "put it in quotes",
            )
        ],
    ),
    "scenario-duration-not-a-time": Case(
        {SCENARIO: with_video(SCRIPT, "{video: clip.mp4, captions: lines, duration: 1 minuut}")},
        [(f"{SCENARIO}:20: nodes.begin.media.duration: '1 minuut' is not a time", "m:ss")],
    ),
    "checklist-version-not-a-number": Case(
        {CHECKLIST: edit(LIST, "version: 2", "version: twee")},
        [(f"{CHECKLIST}:5: version: expected a whole number", "write a number")],
    ),
    "checklist-label-a-list": Case(
        {CHECKLIST: edit(LIST, "label: Wie houdt contact?", "label: [Wie, houdt, contact]")},
        [(f"{CHECKLIST}:22: sections[0].items[1].label: expected text", "write text")],
    ),
    "shortcode-with-an-id-it-does-not-take": Case(
        {PAGE: GOOD_PAGE + "\n<!-- miles:timeline melding -->\n"},
        [(f"{PAGE}:15: miles:timeline: the timeline block takes no id", "remove 'melding'")],
    ),
    # Only the build knows the theme's templates.
    "page-template-that-does-not-exist": Case(
        {PAGE: edit(GOOD_PAGE, "audience:", "template: bestaat-niet.html\naudience:")},
        [(f"{PAGE}:5: template: template 'bestaat-niet.html' does not exist", "leave the")],
        check=False,
    ),
    # Mistakes in the miles options of mkdocs.yml: MkDocs names the option instead of a line.
    "option-today-not-a-date": Case(
        {},
        [("option 'today': '2026-13-01' is not a date", "write it as YYYY-MM-DD")],
        options={"today": "2026-13-01"},
        check=False,
    ),
    "option-misspelt": Case(
        {},
        [("option 'dta_dir': unknown option", "use one of checklists_dir, data_dir")],
        options={"dta_dir": "data"},
        check=False,
    ),
    "option-path-not-text": Case(
        {},
        [("option 'data_dir': expected a path relative to mkdocs.yml", "write it as text")],
        options={"data_dir": 5},
        check=False,
    ),
    "option-data-dir-that-does-not-exist": Case(
        {},
        [("gegevens/phases.yml: the phase declaration is missing", "data_dir in mkdocs.yml")],
        options={"data_dir": "gegevens"},
        check=False,
    ),
}


def assert_reported(output: str, problems: list[tuple[str, str]]) -> None:
    """Each problem sits on one line of ``output`` with its place and its fix; no traceback."""
    assert "Traceback" not in output, output
    lines = output.splitlines()
    for where, fix in problems:
        assert any(where in line and fix in line for line in lines), (where, fix, output)


@dataclass(frozen=True)
class Outcome:
    """What `miles check` and the strict build said about one project."""

    project: Path
    check: subprocess.CompletedProcess[str] | None
    build: subprocess.CompletedProcess[str]


def run_both(name: str, folder: Path) -> Outcome:
    """Write the case's project, then run `miles check` and the build command build_site runs."""
    case = CASES[name]
    project = write_project(folder, case.files, plugin_options=case.options)
    check = miles(project, "check") if case.check else None
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return Outcome(project, check, build)


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """Run each selected case once; each command is its own process, so run one per core."""
    selected = set()
    for item in request.session.items:  # only the cases this run selected (-k, a node id)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and getattr(item, "module", None) is request.module:
            selected.add(callspec.params.get("name"))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {
            name: pool.submit(run_both, name, tmp_path_factory.mktemp(name))
            for name in sorted(selected & set(CASES))
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_miles_check_reports_the_problem_and_how_to_fix_it(
    outcomes: dict[str, Outcome], name: str
) -> None:
    result = outcomes[name].check
    if result is None:
        pytest.skip("miles check does not read mkdocs.yml or the theme")
    assert result.returncode == 1
    assert_reported(result.stdout + result.stderr, CASES[name].problems)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_strict_build_stops_with_the_same_problem(
    outcomes: dict[str, Outcome], name: str
) -> None:
    result = outcomes[name].build
    assert result.returncode == 1
    assert_reported(result.stdout + result.stderr, CASES[name].problems)
    assert not (outcomes[name].project / "site" / "index.html").exists()


# The miles command on broken projects: (files, arguments, where, what to change).
COMMANDS = {
    "build-with-broken-mkdocs-yml": (
        {"mkdocs.yml": "site_name: MiLES\nnav: [\n"},
        ["build", "--no-zip"],
        'mkdocs.yml", line 3',
        "Fix the problems listed above",
    ),
    "pdf-of-an-unreadable-checklist": (
        {CHECKLIST: LIST.encode("cp1252")},
        ["pdf", "voorbeeld-lijst", "-o", "lijst.pdf"],
        f"{CHECKLIST}:11: the file is not UTF-8",
        SAVE_AS_UTF8,
    ),
    "pdf-into-a-missing-folder": (
        {CHECKLIST: LIST, SCENARIO: SCRIPT},
        ["pdf", "voorbeeld-lijst", "-o", "weg/lijst.pdf"],
        "cannot write weg/lijst.pdf",
        "give a path in a folder that exists",
    ),
    "report-into-a-missing-folder": (
        {},
        ["check", "--report", "weg/leesbaarheid.csv"],
        "cannot write weg/leesbaarheid.csv",
        "give a path in a folder that exists",
    ),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_miles_command_explains_a_broken_project(tmp_path: Path, name: str) -> None:
    files, arguments, where, fix = COMMANDS[name]
    project = write_project(tmp_path, files)
    result = miles(project, *arguments)
    assert result.returncode == 1
    assert_reported(result.stdout + result.stderr, [(where, fix)])


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    project = write_project(
        tmp_path,
        {PAGE: "\ufeff" + GOOD_PAGE, SCENARIO: "\ufeff" + SCRIPT, CHECKLIST: "\ufeff" + LIST},
    )
    result = miles(project, "check")
    assert result.returncode == 0, result.stderr
    build_site(project / "mkdocs.yml", project / "site")
    assert "Dit is een korte pagina." in (project / "site/melding/a.html").read_text("utf-8")


def test_today_may_be_written_as_a_yaml_date(tmp_path: Path) -> None:
    due = edit(GOOD_PAGE, "review_due: 2099-11-01", "review_due: 2026-11-30")
    project = write_project(tmp_path, {PAGE: due}, plugin_options={"today": dt.date(2026, 12, 1)})
    assert "today: 2026-12-01\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = miles(project, "build", "--no-zip")
    assert result.returncode == 1
    assert f"{PAGE}:7: review_due: the review date 2026-11-30 has passed" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
