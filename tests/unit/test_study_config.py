"""The study settings: from study.yml or MILES_STUDY_*; every problem named with where to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.study.config import load_study_config
from miles_site.study.edition import edition_of

GOOD = """\
lrs_endpoint: https://lrs.example.org/xAPI
site_url: https://studie.example.org
trial_id: NCT06672887
"""


def write(root: Path, text: str) -> Path:
    (root / "study.yml").write_text(text, encoding="utf-8")
    return root


def test_a_good_file_loads_and_addresses_end_with_a_slash(tmp_path: Path) -> None:
    config, issues = load_study_config(write(tmp_path, GOOD), environ={})
    assert issues == []
    assert config is not None
    assert config.lrs_endpoint == "https://lrs.example.org/xAPI/"
    assert config.site_origin == "https://studie.example.org"
    assert config.trial_url == "https://clinicaltrials.gov/study/NCT06672887"


def test_every_bad_field_is_reported_with_its_line(tmp_path: Path) -> None:
    text = (
        "lrs_endpoint: file:///tmp/lrs\nsite_url: https://user:pw@x.org/\n"
        "trial_id: 06672887\nextra: 1\n"
    )
    _, issues = load_study_config(write(tmp_path, text), environ={})
    found = sorted((i.line, i.loc, i.message.split(";")[0]) for i in issues)
    assert found == [
        (1, "lrs_endpoint", "'file:///tmp/lrs' is not an http(s) address"),
        (2, "site_url", "put no user name or password in the address"),
        (3, "trial_id", "'06672887' is not a ClinicalTrials.gov number"),
        (4, "extra", "unknown field 'extra'"),
    ]
    assert all(i.file == "study.yml" for i in issues)


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    _, issues = load_study_config(write(tmp_path, "trial_id: NCT06672887\n"), environ={})
    assert {i.message for i in issues} == {
        "required field 'lrs_endpoint' is missing; add it",
        "required field 'site_url' is missing; add it",
    }  # fmt: skip


def test_environment_variables_win_and_are_blamed_by_name(tmp_path: Path) -> None:
    env = {"MILES_STUDY_SITE_URL": "https://elders.example.org/", "MILES_STUDY_TRIAL_ID": "NCT1"}
    config, issues = load_study_config(write(tmp_path, GOOD), environ=env)
    assert config is None
    assert [str(i) for i in issues] == [
        "MILES_STUDY_TRIAL_ID: 'NCT1' is not a ClinicalTrials.gov number; write NCT and 8 digits, "
        "like NCT06672887"
    ]
    env["MILES_STUDY_TRIAL_ID"] = "NCT00000001"
    config, issues = load_study_config(tmp_path, environ=env)
    assert config is not None and config.site_url == "https://elders.example.org/"


def test_no_file_and_no_variables_says_what_to_do(tmp_path: Path) -> None:
    config, [issue] = load_study_config(tmp_path, environ={})
    assert config is None
    assert issue.file.endswith("study.yml")
    assert "MILES_STUDY_CONFIG" in issue.message and "MILES_STUDY_LRS_ENDPOINT" in issue.message


def test_environment_alone_is_enough(tmp_path: Path) -> None:
    env = {
        "MILES_STUDY_LRS_ENDPOINT": "https://lrs.example.org/xAPI/",
        "MILES_STUDY_SITE_URL": "https://studie.example.org/",
        "MILES_STUDY_TRIAL_ID": "NCT06672887",
    }
    config, issues = load_study_config(tmp_path, environ=env)
    assert issues == [] and config is not None
    env["MILES_STUDY_SITE_URL"] = "studie.example.org"
    config, [issue] = load_study_config(tmp_path, environ=env)
    assert config is None
    assert str(issue).startswith("MILES_STUDY_SITE_URL: 'studie.example.org' is not an http(s)")


def test_a_yaml_error_is_reported_not_raised(tmp_path: Path) -> None:
    config, issues = load_study_config(write(tmp_path, "lrs_endpoint: [\n"), environ={})
    assert config is None and issues and issues[0].file == "study.yml"


@pytest.mark.parametrize(
    ("option", "env", "edition"),
    [
        (None, {}, "public"),
        (None, {"MILES_EDITION": "study"}, "study"),
        ("public", {"MILES_EDITION": "study"}, "public"),
    ],
)
def test_the_edition_comes_from_the_option_then_the_environment(
    option: str | None, env: dict[str, str], edition: str
) -> None:
    assert edition_of(option, env) == (edition, [])


def test_an_unknown_edition_is_an_error() -> None:
    _, [issue] = edition_of(None, {"MILES_EDITION": "studie"})
    assert str(issue) == "MILES_EDITION: unknown edition 'studie'; use one of public, study"


def test_plain_http_is_refused_except_on_this_machine(tmp_path: Path) -> None:
    # Over http the PIN would travel readable as Basic authentication, and the typed PIN too.
    text = "lrs_endpoint: http://lrs.example.org/xAPI/\nsite_url: http://studie.example.org/\n"
    _, issues = load_study_config(write(tmp_path, text + "trial_id: NCT06672887\n"), environ={})
    assert sorted((i.file, i.line, i.loc) for i in issues) == [
        ("study.yml", 1, "lrs_endpoint"),
        ("study.yml", 2, "site_url"),
    ]
    assert all("use https://" in i.message and "unencrypted" in i.message for i in issues)
    env = {"MILES_STUDY_LRS_ENDPOINT": "http://lrs.example.org/xAPI/"}
    _, [issue] = load_study_config(write(tmp_path, GOOD), environ=env)
    assert issue.file == "MILES_STUDY_LRS_ENDPOINT" and "use https://" in issue.message
    for host in ("127.0.0.1:8100", "localhost:8100", "[::1]:8100"):
        local = f"lrs_endpoint: http://{host}/xAPI/\nsite_url: http://{host}/\n"
        config, issues = load_study_config(write(tmp_path, local + "trial_id: NCT06672887\n"), {})
        assert issues == [] and config is not None, host
