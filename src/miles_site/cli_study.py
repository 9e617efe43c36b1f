"""The study edition's commands: ``miles study credentials|lrs|serve`` and ``miles usage``.

Thin: each parses options, calls the study package and reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from miles_site.errors import ContentIssue
from miles_site.study import credentials as creds
from miles_site.study.config import StudyConfig, load_study_config
from miles_site.study.lrs_server import RalphError, start_ralph

LRS_DIR = Path("build/lrs")
root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder.",
)


def fail(issues: list[ContentIssue], what: str) -> None:
    """Print every problem as file:line: message, then stop with a summary."""
    for issue in sorted(set(issues)):
        click.echo(str(issue), err=True)
    click.secho(f"{what}: {len(issues)} problem(s); nothing was written.", fg="red", err=True)
    sys.exit(1)


def study_settings(root: Path) -> StudyConfig:
    """Load the study settings or stop with their problems."""
    config, issues = load_study_config(root)
    if config is None or issues:
        fail(issues, "The study settings are not usable")
    assert config is not None
    return config


@click.group()
def study() -> None:
    """Tools for the trial: participant credentials and a local LRS."""


@study.command("credentials")
@click.argument("participants", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--auth-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=LRS_DIR / "auth.json",
    show_default=True,
    help="Ralph's auth file; users already in it are kept.",
)
@click.option(
    "--letters",
    type=click.Path(dir_okay=False, path_type=Path),
    default=LRS_DIR / "brieven.csv",
    show_default=True,
    help="The letter-merge CSV for the trial team (code, PIN, address).",
)
@click.option("--replace", is_flag=True, help="Give codes that already have one a new PIN.")
@click.option(
    "--researcher", metavar="NAME", help="Also make a read-only account for `miles usage`."
)
@click.option("--rounds", type=click.IntRange(4, 16), default=12, hidden=True)
@root_option
def credentials_command(
    participants: Path,
    auth_file: Path,
    letters: Path,
    replace: bool,
    researcher: str | None,
    rounds: int,
    root: Path,
) -> None:
    """Make a code + random PIN credential per participant in PARTICIPANTS (CSV with 'code')."""
    config = study_settings(root)
    people, issues = creds.read_participants(
        participants.read_text(encoding="utf-8"), str(participants)
    )
    existing, more = creds.read_auth_file(auth_file)
    issues += more
    if not replace:
        issues += creds.clashes(existing, people, str(participants))
    if researcher and not creds.CODE.match(researcher.upper()):
        issues.append(ContentIssue("--researcher", 0, "", "use letters, digits and hyphens"))
    if issues:
        fail(issues, f"{participants} has problems")
    click.echo(f"Hashing {len(people)} PINs (bcrypt; this takes a moment) …", err=True)
    users, pins = creds.make_credentials(people, config.site_url, rounds)
    new_names = {user["username"] for user in users}
    kept = [user for user in existing if user["username"] not in new_names]
    password = None
    if researcher:
        password = creds.new_password()
        name = researcher.upper()
        kept = [user for user in kept if user["username"] != name]
        hashed = creds.hash_secret(password, rounds)
        users.append(creds.user_entry(name, hashed, creds.RESEARCHER_SCOPES, config.site_url))
    creds.write_private(auth_file, json.dumps(kept + users, indent=2) + "\n")
    creds.write_private(letters, creds.letters_csv(people, pins, config.site_url))
    click.echo(f"wrote {len(people)} participant credential(s) to {auth_file}")
    click.echo(
        f"wrote the letters to {letters}: it holds the PINs, so keep it safe and delete it "
        "after the letters are sent"
    )
    if password:
        click.echo(
            f"research account {researcher.upper() if researcher else ''}: password "
            f"{password}  (shown once; keep it in a password manager)"
        )
    click.echo("Restart the LRS so that it reads the new auth file.")


@study.command("lrs")
@click.option(
    "--dir",
    "lrs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=LRS_DIR,
    show_default=True,
    help="Where Ralph keeps auth.json and data.",
)
@root_option
def lrs_command(lrs_dir: Path, root: Path) -> None:
    """Run Ralph on 127.0.0.1 (port from study.yml) with its file backend, until Ctrl+C."""
    config = study_settings(root)
    endpoint = urlsplit(config.lrs_endpoint)
    if endpoint.hostname not in ("127.0.0.1", "localhost") or endpoint.port is None:
        fail(
            [
                ContentIssue(
                    "study.yml",
                    0,
                    "lrs_endpoint",
                    "for a local LRS, use http://127.0.0.1:PORT/xAPI/",
                )
            ],
            "Cannot start a local LRS",
        )
    assert endpoint.port is not None
    try:
        server = start_ralph(
            root.resolve(),
            port=endpoint.port,
            auth_file=(root / lrs_dir / "auth.json").resolve(),
            data_dir=(root / lrs_dir / "data").resolve(),
            origins=[config.site_origin],
        )
    except RalphError as exc:
        click.secho(str(exc), fg="red", err=True)
        sys.exit(1)
    click.echo(
        f"Ralph listens on {config.lrs_endpoint} (statements in {lrs_dir / 'data'}), "
        f"CORS for {config.site_origin}. Stop it with Ctrl+C."
    )
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@study.command("serve")
@click.option(
    "--dir",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/study"),
    show_default=True,
)
@root_option
def serve_command(site_dir: Path, root: Path) -> None:
    """Serve the built study edition on the address study.yml gives (site_url)."""
    config = study_settings(root)
    site = urlsplit(config.site_url)
    if not (root / site_dir / "index.html").is_file():
        click.secho(f"{site_dir} has no site; run 'make study-site' first.", fg="red", err=True)
        sys.exit(1)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(root / site_dir)
    )
    server = http.server.ThreadingHTTPServer(
        (site.hostname or "127.0.0.1", site.port or 80), handler
    )
    click.echo(f"Serving {site_dir} on {config.site_url}. Stop it with Ctrl+C.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


def _moment(value: str | None, *, end_of_day: bool = False) -> dt.datetime | None:
    """Parse --since/--until: a date (YYYY-MM-DD, in UTC) or an ISO time with a time zone."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
            return day + dt.timedelta(days=1) - dt.timedelta(microseconds=1) if end_of_day else day
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD) or ISO time") from None
    if moment.tzinfo is None:
        raise click.BadParameter(f"'{value}' has no time zone; add Z or +01:00")
    return moment.astimezone(dt.UTC)


@click.command("usage")
@click.option(
    "--lrs", "endpoint", help="The LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/."
)
@click.option("--user", help="An LRS account that may read all statements.")
@click.option(
    "--password", envvar="MILES_LRS_PASSWORD", help="Its password (or MILES_LRS_PASSWORD)."
)
@click.option(
    "--from-jsonl",
    "backup",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read an earlier statements.jsonl instead of the LRS.",
)
@click.option("--since", help="Only statements from this date (YYYY-MM-DD, UTC) or time on.")
@click.option("--until", help="Only statements up to the end of this date (UTC) or time.")
@click.option(
    "--tz",
    "tz_name",
    default="UTC",
    show_default=True,
    help="Time zone for counting days and weeks, e.g. Europe/Amsterdam.",
)
@click.option(
    "--participants",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with a 'code' column: participants without any use get a row of zeros.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for statements.jsonl, events.csv, dose.csv, report.html.",
)
@root_option
def usage_command(
    endpoint: str | None,
    user: str | None,
    password: str | None,
    backup: Path | None,
    since: str | None,
    until: str | None,
    tz_name: str,
    participants: Path | None,
    out_dir: Path,
    root: Path,
) -> None:
    """Read every statement from the LRS and write the dose report for the process evaluation."""
    from miles_site.study.lrs import LrsClient, LrsError
    from miles_site.study.usage import read_statements, window_for, write_report

    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone '{tz_name}'", param_hint="--tz") from None
    start, end = _moment(since), _moment(until, end_of_day=True)
    codes: list[str] = []
    if participants is not None:
        people, issues = creds.read_participants(participants.read_text("utf-8"), str(participants))
        if issues:
            fail(issues, f"{participants} has problems")
        codes = [p.code for p in people]
    if backup is None and not (endpoint and user and password):
        raise click.UsageError("give --lrs, --user and --password (or --from-jsonl FILE)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if backup is not None:
        source = str(backup)
        pages: Any = _backup_pages(backup)
    else:
        assert endpoint and user and password
        source = endpoint
        pages = LrsClient(endpoint, user, password).statement_pages(_iso(start), _iso(end))
    target = out_dir / "statements.jsonl"
    if backup is not None and backup.resolve() == target.resolve():
        target = out_dir / "statements.copy.jsonl"
    counted = {"n": 0}
    try:
        with click.progressbar(
            pages,
            label="Reading statements",
            file=sys.stderr,
            item_show_func=lambda _: f"{counted['n']} statements",
        ) as bar:
            reading = read_statements(bar, target, start, end, lambda n: counted.update(n=n))
    except LrsError as exc:
        click.secho(f"Cannot read the statements: {exc}.", fg="red", err=True)
        sys.exit(1)
    for number, statement_id, reason in reading.malformed:
        click.secho(
            f"statement {number} (id {statement_id}): {reason}; skipped", fg="yellow", err=True
        )
    phases = _phase_ids(root)
    window = window_for(reading.events, start, end, tz)
    rows = write_report(out_dir, reading, window, phases, codes, source)
    click.echo(
        f"{reading.statements} statements read, {len(reading.events)} used, "
        f"{reading.duplicates} duplicates, {len(reading.malformed)} unreadable "
        f"(skipped, listed in report.html), {len(rows)} participants."
    )
    click.echo(f"wrote {target}, events.csv, dose.csv and report.html to {out_dir} (times in UTC)")


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _backup_pages(path: Path) -> Any:
    """Yield an earlier statements.jsonl in pages, as the LRS would."""
    page: list[Any] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                page.append(json.loads(line))
            except ValueError:
                page.append(f"line {number} is not JSON")
            if len(page) == 1000:
                yield page
                page = []
    if page:
        yield page


def _phase_ids(root: Path) -> list[str]:
    """Return the phase ids in their order, from data/phases.yml (none if it cannot load)."""
    from miles_site.models.phases import load_phases

    phases, _ = load_phases(root / "data", root)
    return list(phases.ids) if phases else []


@click.command("changelog")
@click.argument("old")
@click.argument("new", default="HEAD")
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), default="md", show_default=True)
@root_option
def changelog_command(old: str, new: str, fmt: str, root: Path) -> None:
    """List the pages, scenarios and checklists that changed between versions OLD and NEW.

    A version is a git tag or commit, or the content version from a footer or version.json.
    """
    from miles_site.study.changelog import ChangelogError, changes, markdown, table

    try:
        found = changes(root, old, new)
    except ChangelogError as exc:
        click.secho(f"Cannot list the changes: {exc}.", fg="red", err=True)
        sys.exit(1)
    click.echo(table(found) if fmt == "csv" else markdown(found, old, new), nl=False)
