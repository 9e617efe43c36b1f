"""A real Ralph LRS and a served study edition for the tests (session fixtures).

Ralph runs from .venv-lrs (``make test`` installs it) on a free loopback port, with its file
backend in a temporary folder, and is stopped at the end of the session.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from miles_site.build import build_site
from miles_site.project import Paths, Project, load_project
from miles_site.study import credentials as creds
from miles_site.study.config import StudyConfig
from miles_site.study.edition import settings
from miles_site.study.lrs import LrsClient
from miles_site.study.lrs_server import RalphServer, start_ralph
from miles_site.study.site_server import QuietStaticSiteHandler, site_server
from miles_site.study.version import ContentVersion
from support.statements import private_leaks, shape_problems

ROOT = Path(__file__).resolve().parents[2]
TRIAL = "NCT06672887"
PARTICIPANTS = ("MILES-101", "MILES-102", "MILES-103", "MILES-104")
RESEARCHER = "ONDERZOEK"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class StudyLrs:
    """A running Ralph with participant credentials and a research account."""

    server: RalphServer
    site_url: str
    pins: dict[str, str]
    password: str
    data_dir: Path
    # What tests typed into the site (never to be sent), and statements they planted on purpose.
    typed: list[str] = field(default_factory=list)
    planted: set[str] = field(default_factory=set)

    @property
    def endpoint(self) -> str:
        """Return the xAPI endpoint."""
        return self.server.endpoint

    def researcher(self) -> LrsClient:
        """Return a client that may read every statement."""
        return LrsClient(self.endpoint, RESEARCHER, self.password)

    def participant(self, code: str) -> LrsClient:
        """Return a client with a participant's own credential."""
        return LrsClient(self.endpoint, code, self.pins[code])

    def all_statements(self) -> list[dict[str, Any]]:
        """Read every stored statement, following 'more' links."""
        return [s for page in self.researcher().statement_pages() for s in page]


@pytest.fixture(scope="session")
def study_site_url() -> str:
    """The address the study edition is served on (chosen first: Ralph's CORS needs it)."""
    return f"http://127.0.0.1:{free_port()}/"


@pytest.fixture(scope="session")
def study_lrs(study_site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StudyLrs]:
    """Start Ralph on a free port with two participants and a research account."""
    folder = tmp_path_factory.mktemp("lrs")
    people = [creds.Participant(code, n + 2, {}) for n, code in enumerate(PARTICIPANTS)]
    # Few bcrypt rounds: the tests check the protocol, not the hashing cost.
    users, pins = creds.make_credentials(people, study_site_url, rounds=4)
    password = creds.new_password()
    hashed = creds.hash_secret(password, rounds=4)
    users.append(creds.user_entry(RESEARCHER, hashed, creds.RESEARCHER_SCOPES, study_site_url))
    auth_file = folder / "auth.json"
    auth_file.write_text(json.dumps(users), encoding="utf-8")
    origin = study_site_url.rstrip("/")
    with (folder / "ralph.log").open("wb") as log:
        server = start_ralph(
            ROOT, port=free_port(), auth_file=auth_file, data_dir=folder / "data",
            origins=[origin], log=log,
        )  # fmt: skip
        lrs = StudyLrs(server, study_site_url, pins, password, folder / "data")
        try:
            yield lrs
            check_every_statement(lrs)
        finally:
            server.stop()


def check_every_statement(lrs: StudyLrs) -> None:
    """After all tests: no statement any test produced has an odd shape or anything typed."""
    project = load_project(Paths.under(ROOT))
    scenes = {s.scenario.id: set(s.scenario.nodes) for s in project.scenarios}
    pages = known_paths(project, lrs.site_url)
    secrets = [*lrs.typed, *lrs.pins.values()]
    problems = []
    for statement in lrs.all_statements():
        if statement["id"] in lrs.planted:
            continue
        phases = set(project.phases.ids)
        problems += shape_problems(statement, lrs.site_url, phases, scenes, pages)
        problems += [f"{statement['id']}: {leak}" for leak in private_leaks(statement, secrets)]
    assert problems == [], problems


def known_paths(project: Project, site_url: str) -> set[str]:
    """Return the site paths a statement may name: the study script's page map and the PDFs."""
    config = StudyConfig.model_validate(
        {"lrs_endpoint": site_url + "xAPI/", "site_url": site_url, "trial_id": TRIAL}
    )
    made = settings(project, config, ContentVersion(None, "0" * 64))
    return set(made["pages"]) | {checklist["pdf"] for checklist in made["checklists"].values()}


@pytest.fixture(scope="session")
def study_site(
    study_lrs: StudyLrs, study_site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Build the study edition against the test LRS and serve it on its address."""
    site = tmp_path_factory.mktemp("study-site") / "site"
    settings = {
        "MILES_STUDY_CONFIG": str(site.parent / "absent.yml"),
        "MILES_STUDY_LRS_ENDPOINT": study_lrs.endpoint,
        "MILES_STUDY_SITE_URL": study_site_url,
        "MILES_STUDY_TRIAL_ID": TRIAL,
    }
    saved = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)
    try:
        build_site(ROOT / "mkdocs.yml", site, edition="study")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    # As a static host does: an address the site lacks gets its 404.html (with the study script).
    port = int(study_site_url.rsplit(":", 1)[1].strip("/"))
    server = site_server("127.0.0.1", port, QuietStaticSiteHandler, site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site
    server.shutdown()


def stored(page: Page, name: str) -> Any:
    """Read one of the study script's values from localStorage."""
    text = page.evaluate("name => localStorage.getItem('miles-study:' + name)", name)
    return json.loads(text) if text else None


def sign_in(page: Page, code: str, pin: str) -> None:
    """Fill in the start page's form and submit it."""
    page.fill("#miles-study-code", code)
    page.fill("#miles-study-pin", pin)
    page.click("[data-miles-study-form] button[type=submit]")


def wait_until_sent(page: Page, code: str) -> None:
    """Wait until this device's queue for ``code`` is empty: everything reached the LRS."""
    page.wait_for_function(
        "c => (JSON.parse(localStorage.getItem('miles-study:queue:' + c)) || []).length === 0",
        arg=code,
        timeout=30_000,
    )
