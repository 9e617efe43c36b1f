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

from miles_site.assets import _hashed
from miles_site.errors import ContentIssue
from miles_site.navigation import NavPage, folder_section
from miles_site.project import Project
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.render.environment import render
from miles_site.sources import load_front_matter
from miles_site.study import credentials as creds
from miles_site.study import vocabulary as vocab
from miles_site.study.config import StudyConfig
from miles_site.study.site_server import NOT_FOUND_PAGE
from miles_site.study.version import ContentVersion

EDITIONS = ("public", "study")
EDITION_ENV = "MILES_EDITION"
# The study edition's pages live in this folder of the site (its output folder is build.py's).
PAGES_FOLDER = "studie"
START_PAGE = f"{PAGES_FOLDER}/index.md"
TRACKED_PAGE = f"{PAGES_FOLDER}/bijgehouden.md"
PAGE_TEMPLATES = {START_PAGE: "study/start.md.j2", TRACKED_PAGE: "study/tracked.md.j2"}
# The study script records a view of the host's not-found page under its own name
# (NOT_FOUND_PAGE), never under the address a reader typed or pasted.
NOT_FOUND_TITLE = "Pagina niet gevonden"
VERSION_FILE = "version.json"


@dataclass(frozen=True)
class StudyFile:
    """A text file the study edition adds to the site."""

    src_uri: str
    content: str


def _asset(folder: str, name: str) -> StudyFile:
    """Return one of the study's own files, named after its content (see assets.py)."""
    text = (resources.files("miles_site.study") / "assets" / name).read_text(encoding="utf-8")
    stem, suffix = posixpath.splitext(name)
    hashed = _hashed(f"assets/{folder}/{stem}", suffix, text)
    return StudyFile(hashed.uri, hashed.content)


# A name that changes with the content lets a host cache these files for a long time. The
# settings come from the sources, which the plugin reads only after it has listed the scripts
# (on_config), so their name stays fixed: a host must revalidate them (see README, Hosting).
_SETTINGS = "assets/javascripts/miles-study-settings.js"
_ASSETS = (
    _asset("javascripts", "miles-study.js"),
    _asset("javascripts", "miles-study-pages.js"),
    _asset("stylesheets", "miles-study.css"),
)
SCRIPTS = (_SETTINGS, _ASSETS[0].src_uri, _ASSETS[1].src_uri)
STYLESHEET = _ASSETS[2].src_uri


def html_path(src_uri: str) -> str:
    """Return where a Markdown page ends up (use_directory_urls is off): 'a/b.md' -> 'a/b.html'."""
    return posixpath.splitext(src_uri)[0] + ".html"


def version_file(version: ContentVersion, edition: str, built_at: str) -> StudyFile:
    """Return version.json, written into every build of both editions."""
    text = json.dumps(version.as_json(edition, built_at), indent=2, ensure_ascii=False)
    return StudyFile(VERSION_FILE, text + "\n")


def study_pages(config: StudyConfig) -> list[StudyFile]:
    """Return the study's own pages: joining the study, and what is recorded."""
    return [StudyFile(uri, render(name, config=config)) for uri, name in PAGE_TEMPLATES.items()]


def study_files(project: Project, config: StudyConfig, version: ContentVersion) -> list[StudyFile]:
    """Return the study pages, the study script with its settings, and its stylesheet."""
    made = settings(project, config, version)
    return [
        *study_pages(config),
        StudyFile(_SETTINGS, render("study/settings.js.j2", settings=made)),
        *_ASSETS,
    ]


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


def page_map(project: Project, config: StudyConfig) -> dict[str, dict[str, Any]]:
    """Return every page the study script may record, by its path in the site: title, phase."""
    pages: dict[str, dict[str, Any]] = {}
    for page in project.pages:
        pages[html_path(page.src_uri)] = {"title": page.meta.title, "phase": page.meta.phase}
    for source in project.scenarios:
        scenario = source.scenario
        uri = html_path(scenario_render.page_uri(scenario.id))
        pages[uri] = {"title": scenario.title, "phase": scenario.phase}
    for checklist_source in project.checklists:
        checklist = checklist_source.checklist
        uri = html_path(checklist_render.page_uri(checklist.id))
        pages[uri] = {"title": checklist.title, "phase": checklist.phases[0]}
    for study_page in study_pages(config):
        pages[html_path(study_page.src_uri)] = {"title": _title(study_page), "phase": None}
    pages[NOT_FOUND_PAGE] = {"title": NOT_FOUND_TITLE, "phase": None}
    return pages


def _title(page: StudyFile) -> str:
    """Return the title in a study page's front matter, the one place it is written."""
    loaded, _ = load_front_matter(page.content, page.src_uri)
    data = loaded.data if loaded is not None else None
    return str(data.get("title", "")) if isinstance(data, dict) else ""


def settings(project: Project, config: StudyConfig, version: ContentVersion) -> dict[str, Any]:
    """Return what the study script needs: where to send, the vocabulary and the site's map."""
    scenarios = {
        source.scenario.id: {
            "path": html_path(scenario_render.page_uri(source.scenario.id)),
            "start": source.scenario.start,
            "scenes": {
                node_id: {
                    "choices": [
                        {"quality": choice.quality, "next": choice.next}
                        for choice in node.choices or ()
                    ],
                    "ending": node.ending is not None,
                }
                for node_id, node in source.scenario.nodes.items()
            },
        }
        for source in project.scenarios
    }
    checklists = {
        source.checklist.id: {
            "path": html_path(checklist_render.page_uri(source.checklist.id)),
            "pdf": checklist_render.pdf_uri(source.checklist.id),
        }
        for source in project.checklists
    }
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
        "pages": page_map(project, config),
        "notFound": NOT_FOUND_PAGE,
        "scenarios": scenarios,
        "checklists": checklists,
        "studyPages": {"start": html_path(START_PAGE), "tracked": html_path(TRACKED_PAGE)},
        # The sign-in form checks a code and PIN as the credentials command makes them.
        "codePattern": creds.CODE.pattern,
        "pinPattern": creds.PIN.pattern,
    }


def nav_section() -> Any:
    """Return the navigation section of the study pages: the start page, then what is tracked."""
    pages = [
        NavPage(START_PAGE, "Meedoen aan het onderzoek"),
        NavPage(TRACKED_PAGE, "Wat wordt er bijgehouden?"),
    ]
    return folder_section(PAGES_FOLDER, pages, "Onderzoek")
