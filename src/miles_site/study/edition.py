"""What the study edition adds to the site, as pure data: pages, scripts and their settings.

The public edition gets none of this; only ``version.json`` is common to both editions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from miles_site.errors import ContentIssue
from miles_site.navigation import NavPage, folder_section
from miles_site.project import Project
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.render.environment import render
from miles_site.study import vocabulary as vocab
from miles_site.study.config import StudyConfig
from miles_site.study.version import ContentVersion

STUDY_FOLDER = "studie"
START_PAGE = f"{STUDY_FOLDER}/index.md"
TRACKED_PAGE = f"{STUDY_FOLDER}/bijgehouden.md"
SCRIPTS = (
    "assets/javascripts/miles-study-settings.js",
    "assets/javascripts/miles-study.js",
    "assets/javascripts/miles-study-pages.js",
)
STYLESHEET = "assets/stylesheets/miles-study.css"
ASSETS = {
    SCRIPTS[1]: "miles-study.js",
    SCRIPTS[2]: "miles-study-pages.js",
    STYLESHEET: "miles-study.css",
}
VERSION_FILE = "version.json"
EDITIONS = ("public", "study")
EDITION_ENV = "MILES_EDITION"


@dataclass(frozen=True)
class StudyFile:
    """A text file the study edition adds to the site."""

    src_uri: str
    content: str


def html_path(src_uri: str) -> str:
    """Return where a Markdown page ends up (use_directory_urls is off): 'a/b.md' -> 'a/b.html'."""
    return posixpath.splitext(src_uri)[0] + ".html"


def version_file(version: ContentVersion, edition: str, built_at: str) -> StudyFile:
    """Return version.json, written into every build of both editions."""
    text = json.dumps(version.as_json(edition, built_at), indent=2, ensure_ascii=False)
    return StudyFile(VERSION_FILE, text + "\n")


def study_files(project: Project, config: StudyConfig, version: ContentVersion) -> list[StudyFile]:
    """Return the study pages, the study script with its settings, and its stylesheet."""
    files = [
        StudyFile(START_PAGE, render("study/start.md.j2", config=config)),
        StudyFile(TRACKED_PAGE, render("study/tracked.md.j2", config=config)),
        StudyFile(
            SCRIPTS[0],
            render("study/settings.js.j2", settings=settings(project, config, version)),
        ),
    ]
    assets = resources.files("miles_site.study") / "assets"
    for uri, name in ASSETS.items():
        files.append(StudyFile(uri, (assets / name).read_text(encoding="utf-8")))
    return files


def notice(tracked_link: str) -> str:
    """Return the note that study-edition pages put above text written for the public edition."""
    return render("study/notice.md.j2", tracked=tracked_link)


def edition_of(
    option: str | None, environ: Mapping[str, str] | None = None
) -> tuple[str, list[ContentIssue]]:
    """Return the edition to build: the plugin option, else MILES_EDITION, else 'public'."""
    value = option or (os.environ if environ is None else environ).get(EDITION_ENV) or "public"
    if value in EDITIONS:
        return value, []
    message = f"unknown edition '{value}'; use one of {', '.join(EDITIONS)}"
    return "public", [ContentIssue(EDITION_ENV, 0, "", message)]


def build_time() -> str:
    """Return the current time in UTC, as version.json records it."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def settings(project: Project, config: StudyConfig, version: ContentVersion) -> dict[str, Any]:
    """Return what the study script needs: where to send, the vocabulary and the site's map."""
    pages: dict[str, dict[str, Any]] = {}
    for page in project.pages:
        pages[html_path(page.src_uri)] = {"title": page.meta.title, "phase": page.meta.phase}
    scenarios = {}
    for source in project.scenarios:
        scenario = source.scenario
        uri = html_path(scenario_render.page_uri(scenario.id))
        pages[uri] = {"title": scenario.title, "phase": scenario.phase}
        scenarios[scenario.id] = {
            "path": uri,
            "start": scenario.start,
            "scenes": {
                node_id: {
                    "choices": [
                        {"quality": choice.quality, "next": choice.next}
                        for choice in node.choices or ()
                    ],
                    "ending": node.ending is not None,
                }
                for node_id, node in scenario.nodes.items()
            },
        }
    checklists = {}
    for checklist_source in project.checklists:
        checklist = checklist_source.checklist
        uri = html_path(checklist_render.page_uri(checklist.id))
        pages[uri] = {"title": checklist.title, "phase": checklist.phases[0]}
        checklists[checklist.id] = {"path": uri, "pdf": checklist_render.pdf_uri(checklist.id)}
    for uri, title in (
        (START_PAGE, "Meedoen aan het onderzoek"),
        (TRACKED_PAGE, "Wat wordt er bijgehouden?"),
    ):
        pages[html_path(uri)] = {"title": title, "phase": None}
    return {
        "endpoint": config.lrs_endpoint,
        "siteUrl": config.site_url,
        "trialUrl": config.trial_url,
        "trialId": config.trial_id,
        "contentVersion": version.label,
        "xapiVersion": vocab.XAPI_VERSION,
        "verbs": {
            name: {"id": iri, "display": {"en-US": english, "nl-NL": dutch}}
            for name, (iri, english, dutch) in vocab.VERBS.items()
        },
        "types": vocab.ACTIVITY_TYPES,
        "extensions": {
            name: vocab.extension_iri(config.site_url, name) for name in vocab.EXTENSIONS
        },
        "pages": pages,
        "scenarios": scenarios,
        "checklists": checklists,
        "studyPages": {"start": html_path(START_PAGE), "tracked": html_path(TRACKED_PAGE)},
    }


def nav_section() -> Any:
    """Return the navigation section of the study pages: the start page, then what is tracked."""
    pages = [
        NavPage(START_PAGE, "Meedoen aan het onderzoek"),
        NavPage(TRACKED_PAGE, "Wat wordt er bijgehouden?"),
    ]
    return folder_section(STUDY_FOLDER, pages, "Onderzoek")
