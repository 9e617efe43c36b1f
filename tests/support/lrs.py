"""A real Ralph LRS and a served study edition for the tests (session fixtures).

Ralph runs from .venv-lrs (``make test`` installs it) on a free loopback port, with its file
backend in a temporary folder, and is stopped at the end of the session.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from miles_site.build import build_site
from miles_site.project import Paths, load_project
from miles_site.study import credentials as creds
from miles_site.study.lrs import LrsClient
from miles_site.study.lrs_server import RalphServer, free_port, start_ralph
from support.statements import private_leaks, shape_problems

ROOT = Path(__file__).resolve().parents[2]
TRIAL = "NCT06672887"
PARTICIPANTS = ("MILES-101", "MILES-102")
RESEARCHER = "ONDERZOEK"


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
    secrets = [*lrs.typed, *lrs.pins.values()]
    problems = []
    for statement in lrs.all_statements():
        if statement["id"] in lrs.planted:
            continue
        problems += shape_problems(statement, lrs.site_url, set(project.phases.ids), scenes)
        problems += [f"{statement['id']}: {leak}" for leak in private_leaks(statement, secrets)]
    assert problems == [], problems


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
    handler = functools.partial(_Quiet, directory=str(site))
    port = int(study_site_url.rsplit(":", 1)[1].strip("/"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
