"""The study commands on what a trial team really has at hand: Excel's CSV, a backup saved by
another program, a folder that cannot be written, a port already in use. Each must stop (or
skip) with a sentence that says what to do, never with a Python traceback, and never leave
half its output behind."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from support.xapi import at, view

SAVE_AS_UTF8 = "save the file as UTF-8"
CANNOT_WRITE = "give a path in a folder that exists and that you may write to"
TRIAL = "NCT06672887"


def miles(
    folder: Path,
    *args: str,
    site_url: str = "http://127.0.0.1:8001/",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the miles command in ``folder`` with study settings from the environment only."""
    settings = {
        "MILES_STUDY_CONFIG": str(folder / "absent.yml"),
        "MILES_STUDY_LRS_ENDPOINT": "http://127.0.0.1:8100/xAPI/",
        "MILES_STUDY_SITE_URL": site_url,
        "MILES_STUDY_TRIAL_ID": TRIAL,
    }
    return subprocess.run(
        [sys.executable, "-m", "miles_site", *args],
        cwd=folder,
        env={**os.environ, **settings, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def assert_stopped(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """The command failed, said each of ``words`` and showed no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for word in words:
        assert word in output, (word, output)


def excel_csv(rows: str) -> bytes:
    """Return a CSV as Excel saves it on Windows: Windows-1252, semicolons, CRLF."""
    return rows.replace("\n", "\r\n").encode("cp1252")


CREDENTIALS = ["study", "credentials", "deelnemers.csv", "--rounds", "4"]


def test_credentials_from_excels_csv_say_where_the_text_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "deelnemers.csv").write_bytes(excel_csv("code;naam\nMILES-001;Renée\n"))
    result = miles(tmp_path, *CREDENTIALS)
    assert_stopped(result, "deelnemers.csv:2: the file is not UTF-8: byte 0xE9", SAVE_AS_UTF8)
    assert not (tmp_path / "build").exists()


def test_credentials_from_a_csv_with_a_byte_order_mark_work(tmp_path: Path) -> None:
    (tmp_path / "deelnemers.csv").write_text("\ufeffcode;naam\nMILES-001;Renée\n", "utf-8")
    result = miles(tmp_path, *CREDENTIALS)
    assert result.returncode == 0, result.stderr
    letters = (tmp_path / "build/lrs/brieven.csv").read_text("utf-8").splitlines()
    assert letters[0] == "code,pincode,adres,naam" and letters[1].endswith(",Renée")


def test_letters_that_cannot_be_written_leave_the_auth_file_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "deelnemers.csv").write_text("code\nMILES-001\n", "utf-8")
    first = miles(tmp_path, *CREDENTIALS)
    assert first.returncode == 0, first.stderr
    auth = tmp_path / "build/lrs/auth.json"
    before = auth.read_bytes()
    (tmp_path / "post").write_text("a file, not a folder", "utf-8")
    # With --replace, new PINs in the auth file and no letters would lock everyone out.
    result = miles(tmp_path, *CREDENTIALS, "--replace", "--letters", "post/brieven.csv")
    assert_stopped(result, "cannot write post/brieven.csv", CANNOT_WRITE)
    assert auth.read_bytes() == before
    assert sorted(p.name for p in auth.parent.iterdir()) == ["auth.json", "brieven.csv"]


def test_usage_with_a_participants_list_from_excel_says_where(tmp_path: Path) -> None:
    backup = tmp_path / "statements.jsonl"
    backup.write_text(json.dumps(view("index.html", at(0), 10)) + "\n", "utf-8")
    (tmp_path / "deelnemers.csv").write_bytes(excel_csv("code;naam\nMILES-001;Zoë\n"))
    result = miles(tmp_path, "usage", "--from-jsonl", "statements.jsonl",
                   "--participants", "deelnemers.csv", "-o", "uit")  # fmt: skip
    assert_stopped(result, "deelnemers.csv:2: the file is not UTF-8: byte 0xEB", SAVE_AS_UTF8)
    assert not (tmp_path / "uit").exists()


def test_a_backup_with_a_line_that_is_not_utf8_reports_and_skips_that_line(
    tmp_path: Path,
) -> None:
    good = view("index.html", at(0), 10)
    other = view("melding/index.html", at(1), 10)
    lines = [
        b"\xef\xbb\xbf" + json.dumps(good).encode(),  # a byte-order mark before the first
        json.dumps(view("a.html", at(2), 10)).replace("a.html", "caf\u00e9.html").encode("cp1252"),
        json.dumps(other).encode(),
    ]
    (tmp_path / "oud.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result = miles(tmp_path, "usage", "--from-jsonl", "oud.jsonl", "-o", "uit")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "line 2 of oud.jsonl is not UTF-8" in result.stderr and "skipped" in result.stderr
    assert "3 statements read, 2 used" in result.stdout
    events = (tmp_path / "uit/events.csv").read_text("utf-8")
    assert good["id"] in events and other["id"] in events


def test_usage_into_a_folder_that_cannot_be_made_stops_before_reading(tmp_path: Path) -> None:
    (tmp_path / "statements.jsonl").write_text(json.dumps(view("a.html", at(0), 1)) + "\n")
    (tmp_path / "rapport").write_text("a file, not a folder", "utf-8")
    result = miles(tmp_path, "usage", "--from-jsonl", "statements.jsonl", "-o", "rapport/2027")
    assert_stopped(result, "cannot write rapport/2027", CANNOT_WRITE)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A folder with a built study site in it, as far as `miles study serve` looks."""
    (tmp_path / "build/study").mkdir(parents=True)
    (tmp_path / "build/study/index.html").write_text("<!doctype html>", "utf-8")
    return tmp_path


def test_serve_on_a_port_in_use_says_so(built: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = miles(built, "study", "serve", site_url=f"http://127.0.0.1:{port}/")
    assert_stopped(result, f"port {port} on 127.0.0.1 is in use", "MILES_STUDY_SITE_URL")


def test_serve_refuses_a_site_url_that_is_not_on_this_machine(built: Path) -> None:
    result = miles(built, "study", "serve", site_url="https://studie.example.org/")
    assert_stopped(result, "serves only on this machine", "http://127.0.0.1:PORT/")


def test_a_local_lrs_on_a_port_in_use_says_so_before_starting_ralph(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {"MILES_STUDY_LRS_ENDPOINT": f"http://127.0.0.1:{port}/xAPI/"}
        result = miles(tmp_path, "study", "lrs", env=env)
    assert_stopped(result, f"port {port} on 127.0.0.1 is in use", "MILES_STUDY_LRS_ENDPOINT")
