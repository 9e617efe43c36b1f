"""The trial report's commands: ``miles usage`` (the dose report) and ``miles changelog``.

Thin: each parses options, calls the study package and reports.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from miles_site.cli_shared import cannot_write, root_option
from miles_site.cli_study import fail, read_participants_file, require
from miles_site.study.config import plain_http_problem
from miles_site.study.statements import Unreadable


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
    require("matplotlib")
    from miles_site.study.lrs import LrsClient, LrsError
    from miles_site.study.usage import read_statements, window_for, write_report

    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone '{tz_name}'", param_hint="--tz") from None
    start, end = _moment(since), _moment(until, end_of_day=True)
    codes: list[str] = []
    if participants is not None:
        people, issues = read_participants_file(participants)
        if issues:
            fail(issues, f"{participants} has problems")
        codes = [p.code for p in people]
    if backup is None and not (endpoint and user and password):
        raise click.UsageError("give --lrs, --user and --password (or --from-jsonl FILE)")
    if backup is None and endpoint and (problem := plain_http_problem(endpoint)):
        raise click.BadParameter(problem, param_hint="--lrs")
    # Before reading anything: a report that cannot be written is not worth the wait.
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out_dir, exc) from None
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
    except OSError as exc:
        raise cannot_write(Path(exc.filename or target), exc) from None
    for number, statement_id, reason in reading.malformed:
        click.secho(
            f"statement {number} (id {statement_id}): {reason}; skipped", fg="yellow", err=True
        )
    phases = _phase_ids(root)
    window = window_for(reading.events, start, end, tz)
    try:
        rows = write_report(out_dir, reading, window, phases, codes, source)
    except OSError as exc:
        raise cannot_write(Path(exc.filename or out_dir), exc) from None
    click.echo(
        f"{reading.statements} statements read, {len(reading.events)} used, "
        f"{reading.duplicates} duplicates, {len(reading.malformed)} unreadable "
        f"(skipped, listed in report.html), {len(rows)} participants."
    )
    click.echo(f"wrote {target}, events.csv, dose.csv and report.html to {out_dir} (times in UTC)")


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _backup_pages(path: Path) -> Any:
    """Yield an earlier statements.jsonl in pages, as the LRS would.

    Read line by line (a trial's backup is large): a line that is not UTF-8 or not JSON becomes
    an Unreadable entry, which the report lists and skips. A byte-order mark is dropped.
    """
    page: list[Any] = []
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            if number == 1:
                data = data.removeprefix(codecs.BOM_UTF8)
            if not data.strip():
                continue
            page.append(_backup_line(data, number, path))
            if len(page) == 1000:
                yield page
                page = []
    if page:
        yield page


def _backup_line(data: bytes, number: int, path: Path) -> Any:
    """Return one line of a backup as JSON, or Unreadable saying why it is not."""
    where = f"line {number} of {path}"
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        return Unreadable(
            f"{where} is not UTF-8 (byte 0x{byte:02X} at byte {exc.start + 1} of the line); "
            "save the file as UTF-8"
        )
    except ValueError:
        return Unreadable(f"{where} is not JSON")


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
