"""The study edition's commands: ``miles study credentials|lrs|serve`` and ``miles usage``.

Thin: each parses options, calls the study package and reports.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import signal
import socket
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import click

from miles_site.cli_shared import cannot_write, root_option
from miles_site.errors import ContentIssue
from miles_site.reading import read_source, relative_name
from miles_site.study import credentials as creds
from miles_site.study.config import LOCAL_HOSTS, StudyConfig, load_study_config, setting_issue
from miles_site.study.lrs_server import RalphError, start_ralph
from miles_site.study.site_server import StaticSiteHandler, site_server

LRS_DIR = Path("build/lrs")


def fail(issues: list[ContentIssue], what: str, outcome: str = "nothing was written") -> NoReturn:
    """Print every problem as file:line: message, then stop with a summary."""
    for issue in sorted(set(issues)):
        click.echo(str(issue), err=True)
    click.secho(f"{what}: {len(issues)} problem(s); {outcome}.", fg="red", err=True)
    sys.exit(1)


def require(module: str) -> None:
    """Stop with the install command when a study tool's library is missing."""
    if importlib.util.find_spec(module) is None:
        click.secho(
            f"This command needs '{module}': run 'make study-site' (or "
            "'.venv/bin/pip install -e .[study]') once, then try again.",
            fg="red",
            err=True,
        )
        sys.exit(1)


def study_settings(root: Path) -> StudyConfig:
    """Load the study settings or stop with their problems."""
    config, issues = load_study_config(root)
    if config is None or issues:
        fail(issues, "The study settings are not usable")
    return config


def read_participants_file(path: Path) -> tuple[list[creds.Participant], list[ContentIssue]]:
    """Read a participants CSV (UTF-8, a byte-order mark allowed); return them or its problems."""
    text, issues = read_source(path, Path.cwd())
    if text is None:
        return [], issues
    return creds.read_participants(text, relative_name(path, Path.cwd()))


def local_port(root: Path, field: str, hosts: tuple[str, ...], command: str, url: str) -> int:
    """Return the port of a plain-http address on this machine, or stop saying what to write."""
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname in hosts and parts.port is not None:
        return parts.port
    example = "http://127.0.0.1:PORT/" + ("xAPI/" if field == "lrs_endpoint" else "")
    message = (
        f"'{command}' serves only on this machine, over plain http: use {example} with a free "
        f"port above 1024, not {url}"
    )
    fail([setting_issue(root, field, message)], f"'{command}' cannot start", "nothing started")


def cannot_listen(
    root: Path, field: str, command: str, address: tuple[str, int], exc: OSError
) -> NoReturn:
    """Stop saying why nothing can listen on the setting's address, and what to change."""
    host, port = address
    reason = (
        f"port {port} on {host} is in use; stop what runs there, or give {field} another port"
        if exc.errno == errno.EADDRINUSE
        else f"cannot listen on port {port} ({exc.strerror or exc}); give {field} a free port "
        "above 1024"
    )
    fail([setting_issue(root, field, reason)], f"'{command}' cannot start", "nothing started")


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
    require("bcrypt")
    config = study_settings(root)
    people, issues = read_participants_file(participants)
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
    # The letters first: new PINs in the auth file without their letters would lock people out.
    try:
        creds.write_private(
            [
                (letters, creds.letters_csv(people, pins, config.site_url)),
                (auth_file, json.dumps(kept + users, indent=2) + "\n"),
            ]
        )
    except creds.WriteFailed as failed:
        raise cannot_write(failed.path, failed.cause) from None
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
    # Ralph listens on 127.0.0.1 only (see lrs_server.py).
    hosts = ("127.0.0.1", "localhost")
    command = "miles study lrs"
    port = local_port(root, "lrs_endpoint", hosts, command, config.lrs_endpoint)
    with socket.socket() as probe:  # Ralph would only say that it stopped at start-up
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            cannot_listen(root, "lrs_endpoint", command, ("127.0.0.1", port), exc)
    try:
        server = start_ralph(
            root.resolve(),
            port=port,
            auth_file=(root / lrs_dir / "auth.json").resolve(),
            data_dir=(root / lrs_dir / "data").resolve(),
            origins=[config.site_origin],
        )
    except RalphError as exc:
        click.secho(str(exc), fg="red", err=True)
        sys.exit(1)
    except OSError as exc:
        raise cannot_write(Path(exc.filename or lrs_dir), exc) from None
    # A plain kill (SIGTERM) must stop Ralph too, not only Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
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
    command = "miles study serve"
    port = local_port(root, "site_url", LOCAL_HOSTS, command, config.site_url)
    host = urlsplit(config.site_url).hostname or "127.0.0.1"
    if not (root / site_dir / "index.html").is_file():
        click.secho(f"{site_dir} has no site; run 'make study-site' first.", fg="red", err=True)
        sys.exit(1)
    try:
        server = site_server(host, port, StaticSiteHandler, root / site_dir)
    except OSError as exc:
        cannot_listen(root, "site_url", command, (host, port), exc)
    click.echo(f"Serving {site_dir} on {config.site_url}. Stop it with Ctrl+C.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()
