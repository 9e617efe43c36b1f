"""The study edition's settings: a small YAML file; an environment variable overrides each field.

The LRS address and the trial's identifiers are deployment facts, never code: they come from
``study.yml`` (or the file ``MILES_STUDY_CONFIG`` names) and from ``MILES_STUDY_*`` variables.
Every problem is reported at once, with the file and line or the variable to fix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator

from miles_site.errors import ContentIssue
from miles_site.models.base import Strict, validate
from miles_site.sources import LoadedYaml, load_yaml_file

CONFIG_ENV = "MILES_STUDY_CONFIG"
DEFAULT_FILE = "study.yml"
# One variable per field; a variable wins over the file.
ENV_VARS = {
    "lrs_endpoint": "MILES_STUDY_LRS_ENDPOINT",
    "site_url": "MILES_STUDY_SITE_URL",
    "trial_id": "MILES_STUDY_TRIAL_ID",
}
_TRIAL_ID = re.compile(r"^NCT\d{8}$")
# Addresses on this machine, where plain http is fine: nothing crosses a network.
LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


def plain_http_problem(url: str) -> str | None:
    """Say why a plain-http address to another machine will not do; None if it will."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname in LOCAL_HOSTS:
        return None
    return (
        f"'{url}' is plain http: codes, PINs and passwords would travel unencrypted; use "
        f"https://{parts.netloc}{parts.path} (http is only for {', '.join(LOCAL_HOSTS)})"
    )


def _http_url(value: str, *, what: str) -> str:
    """Check an https address (http only on this machine), end it with '/'."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{value}' is not an http(s) address; write it like https://{what}/")
    problem = plain_http_problem(value)
    if problem:
        raise ValueError(problem)
    if parts.username or parts.password:
        raise ValueError("put no user name or password in the address")
    if parts.query or parts.fragment:
        raise ValueError(f"'{value}' has a '?' or '#' part; give the plain address")
    return value if value.endswith("/") else value + "/"


def _endpoint(value: str) -> str:
    return _http_url(value, what="lrs.example.org/xAPI")


def _site(value: str) -> str:
    return _http_url(value, what="studie.example.org")


def _trial(value: str) -> str:
    if not _TRIAL_ID.match(value):
        raise ValueError(
            f"'{value}' is not a ClinicalTrials.gov number; write NCT and 8 digits, "
            "like NCT06672887"
        )
    return value


class StudyConfig(Strict):
    """Where statements go and which trial they belong to."""

    lrs_endpoint: Annotated[str, AfterValidator(_endpoint)]
    """The xAPI endpoint of the LRS, ending in /xAPI/ for Ralph; statements go to its statements
    resource."""

    site_url: Annotated[str, AfterValidator(_site)]
    """Where participants open the study edition. Activity ids and the participants' account
    home page are made from it, and the LRS must allow this origin (CORS)."""

    trial_id: Annotated[str, AfterValidator(_trial)]
    """The trial's registry number (ClinicalTrials.gov); every statement is grouped under it."""

    @property
    def site_origin(self) -> str:
        """Return the scheme, host and port of the study site, as browsers send it in Origin."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def trial_url(self) -> str:
        """Return the trial's registry page, used as the grouping activity of every statement."""
        return f"https://clinicaltrials.gov/study/{self.trial_id}"


def config_path(root: Path, environ: Mapping[str, str] | None = None) -> Path:
    """Return the settings file: ``MILES_STUDY_CONFIG`` if set, else study.yml in ``root``."""
    env = os.environ if environ is None else environ
    named = env.get(CONFIG_ENV)
    return Path(named) if named else root / DEFAULT_FILE


def load_study_config(
    root: Path, environ: Mapping[str, str] | None = None
) -> tuple[StudyConfig | None, list[ContentIssue]]:
    """Read the settings file and the environment; return the settings or every problem."""
    env = os.environ if environ is None else environ
    path = config_path(root, env)
    overrides = {field: env[var] for field, var in ENV_VARS.items() if env.get(var)}
    if not path.is_file():
        if len(overrides) == len(ENV_VARS):
            return _validated(LoadedYaml("environment", dict(overrides)), overrides, [])
        missing = ", ".join(var for field, var in ENV_VARS.items() if field not in overrides)
        return None, [
            ContentIssue(
                str(path),
                0,
                "",
                f"the study edition needs its settings: create this file (see study.yml in the "
                f"repository) or set {CONFIG_ENV} to a settings file, or set {missing}",
            )
        ]
    loaded, issues = load_yaml_file(path, root)
    if loaded is None:
        return None, issues
    if isinstance(loaded.data, dict):
        loaded = replace(loaded, data={**loaded.data, **overrides})
    return _validated(loaded, overrides, issues)


def _validated(
    loaded: LoadedYaml, overrides: dict[str, str], issues: list[ContentIssue]
) -> tuple[StudyConfig | None, list[ContentIssue]]:
    """Validate the merged settings; blame a bad value on its variable when it came from one."""
    config, problems = validate(StudyConfig, loaded)
    return config, issues + [_blame_variable(p, overrides) for p in problems]


def _blame_variable(issue: ContentIssue, overrides: dict[str, str]) -> ContentIssue:
    """Point a problem at the environment variable when the value came from one."""
    if issue.loc in overrides:
        return ContentIssue(ENV_VARS[issue.loc], 0, "", issue.message)
    return issue


def setting_issue(
    root: Path, field: str, message: str, environ: Mapping[str, str] | None = None
) -> ContentIssue:
    """Blame a problem with a usable setting on its variable, else on its line in the file."""
    env = os.environ if environ is None else environ
    if env.get(ENV_VARS[field]):
        return ContentIssue(ENV_VARS[field], 0, "", message)
    loaded, _ = load_yaml_file(config_path(root, env), root)
    if loaded is None:
        return ContentIssue(str(config_path(root, env)), 0, field, message)
    return loaded.issue((field,), message)
