"""The study commands as the trial team runs them: credentials, usage (against Ralph), changelog."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from support.lrs import PARTICIPANTS, RESEARCHER, StudyLrs, free_port
from support.projects import miles
from support.xapi import at, choice, view

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return miles(cwd, *args)


def test_credentials_report_bad_rows_write_nothing_then_make_auth_file_and_letters(
    tmp_path: Path,
) -> None:
    people = tmp_path / "deelnemers.csv"
    people.write_text("code,naam\nMILES-001,Anna\nMILES-001,Bob\nAnna de Vries,x\n", "utf-8")
    auth, letters = tmp_path / "lrs" / "auth.json", tmp_path / "lrs" / "brieven.csv"
    options = ["--auth-file", str(auth), "--letters", str(letters), "--rounds", "4"]
    bad = run("study", "credentials", str(people), *options)
    assert bad.returncode == 1
    assert f"{people}:3: code: code 'MILES-001' is already on line 2" in bad.stderr
    assert f"{people}:4: code: 'Anna de Vries' is not a valid participant code" in bad.stderr
    assert not auth.exists() and not letters.exists()

    people.write_text("code,naam\nMILES-001,Anna\nmiles-002,Bob\n", "utf-8")
    good = run("study", "credentials", str(people), *options, "--researcher", "onderzoek")
    assert good.returncode == 0, good.stderr
    users = json.loads(auth.read_text("utf-8"))
    assert [u["username"] for u in users] == ["MILES-001", "MILES-002", "ONDERZOEK"]
    assert oct(auth.stat().st_mode)[-3:] == "600" and oct(letters.stat().st_mode)[-3:] == "600"
    rows = list(csv.DictReader(letters.open(encoding="utf-8")))
    assert [(r["code"], r["naam"], len(r["pincode"])) for r in rows] == [
        ("MILES-001", "Anna", 8), ("MILES-002", "Bob", 8),
    ]  # fmt: skip
    assert all(r["pincode"] not in auth.read_text("utf-8") for r in rows)

    again = run("study", "credentials", str(people), *options)
    assert again.returncode == 1 and "already has a credential" in again.stderr
    replaced = run("study", "credentials", str(people), *options, "--replace")
    assert replaced.returncode == 0
    assert len(json.loads(auth.read_text("utf-8"))) == 3  # the research account is kept


def test_usage_says_when_the_lrs_cannot_be_reached_or_refuses(
    study_lrs: StudyLrs, tmp_path: Path
) -> None:
    nowhere = run("usage", "--lrs", f"http://127.0.0.1:{free_port()}/xAPI/", "--user", "x",
                  "--password", "y", "-o", str(tmp_path / "a"))  # fmt: skip
    assert nowhere.returncode == 1
    assert "cannot reach the LRS" in nowhere.stderr and "Traceback" not in nowhere.stderr
    refused = run("usage", "--lrs", study_lrs.endpoint, "--user", RESEARCHER,
                  "--password", "wrong", "-o", str(tmp_path / "b"))  # fmt: skip
    assert refused.returncode == 1
    assert f"the LRS refused user '{RESEARCHER}' (401)" in refused.stderr


def test_usage_reports_and_skips_a_malformed_statement(study_lrs: StudyLrs, tmp_path: Path) -> None:
    code = PARTICIPANTS[1]
    bad = choice("start", 0, "super", at(0), who=code)
    good = view("index.html", at(1), 30, who=code)
    study_lrs.planted |= {bad["id"], good["id"]}
    assert study_lrs.participant(code).post([bad, good]) == 200
    out = tmp_path / "usage"
    result = run("usage", "--lrs", study_lrs.endpoint, "--user", RESEARCHER,
                 "--password", study_lrs.password, "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"(id {bad['id']}): choice quality 'super' is not one of" in result.stderr
    assert "skipped" in result.stderr
    report = (out / "report.html").read_text("utf-8")
    assert bad["id"] in report and "Onleesbare statements" in report
    backup = [json.loads(line) for line in (out / "statements.jsonl").open(encoding="utf-8")]
    assert bad["id"] in {s["id"] for s in backup}
    events = list(csv.DictReader((out / "events.csv").open(encoding="utf-8")))
    assert good["id"] in {e["statement_id"] for e in events}
    assert bad["id"] not in {e["statement_id"] for e in events}


def test_usage_from_a_backup_counts_duplicates_and_lists_participants_without_use(
    tmp_path: Path,
) -> None:
    first = view("melding/index.html", at(0), 60, phase="melding")
    backup = tmp_path / "oud.jsonl"
    lines = [
        json.dumps(first),
        json.dumps(first),
        "{not json",
        json.dumps(view("a.html", at(5), 30)),
    ]
    backup.write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = tmp_path / "deelnemers.csv"
    people.write_text("code\nMILES-001\nMILES-077\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("usage", "--from-jsonl", str(backup), "--participants", str(people),
                 "--since", "2027-03-01", "--until", "2027-03-31", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "4 statements read, 2 used, 1 duplicates, 1 unreadable" in result.stdout
    rows = {r["participant"]: r for r in csv.DictReader((out / "dose.csv").open(encoding="utf-8"))}
    assert (rows["MILES-001"]["page_views"], rows["MILES-001"]["pages_melding"]) == ("2", "1")
    assert rows["MILES-077"]["sessions"] == "0"
    assert rows["MILES-001"]["weeks_observed"] == "4.37"  # 1 March 09:00 to the end of 31 March


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "1-3-2027"], "is not a date (YYYY-MM-DD) or ISO time"),
        (["--until", "2027-03-01T10:00"], "has no time zone"),
        (["--tz", "Mars/Olympus"], "unknown time zone"),
        ([], "give --lrs, --user and --password"),
    ],
)
def test_usage_options_are_checked(args: list[str], message: str, tmp_path: Path) -> None:
    result = run("usage", *args, "-o", str(tmp_path))
    assert result.returncode == 2 and message in result.stderr


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)  # fmt: skip


def test_changelog_lists_changed_pages_scenarios_and_checklists_by_title(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name, text in {
        "content/melding/a.md": "---\ntitle: Oud\n---\nTekst.\n",
        "content/b.md": "---\ntitle: Blijft weg\n---\nTekst.\n",
        "video_scripts/gesprek.yml": "title: Het gesprek\n",
        "checklists/lijst.yml": "title: De lijst\n",
    }.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    (repo / "content/melding/a.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", "utf-8")
    (repo / "content/b.md").unlink()
    (repo / "checklists/lijst.yml").write_text("title: De lijst, versie 2\n", "utf-8")
    (repo / "content/c.md").write_text("---\ntitle: Erbij\n---\nTekst.\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v2")
    result = run("changelog", "v1", "HEAD", "--root", str(repo))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "# Wijzigingen in MiLES van v1 naar HEAD", "",
        "## Pagina's (3)", "",
        "- verwijderd: Blijft weg (content/b.md)",
        "- nieuw: Erbij (content/c.md)",
        "- gewijzigd: Nieuw (content/melding/a.md)", "",
        "## Checklists (1)", "",
        "- gewijzigd: De lijst, versie 2 (checklists/lijst.yml)",
    ]  # fmt: skip
    unknown = run("changelog", "v9", "--root", str(repo))
    assert unknown.returncode == 1 and "git does not know the version 'v9'" in unknown.stderr
