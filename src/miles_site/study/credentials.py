"""One LRS credential per participant: a code from the trial's list plus a random PIN.

Writes Ralph's auth file (bcrypt hashes, as ``ralph auth`` makes them) and a letter-merge CSV
with each code's PIN for the trial team. Each participant may write statements and read only
their own, so a participant's credential can never read anyone else's data.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from miles_site.errors import ContentIssue

# The sign-in form checks these too (through the study settings), before it asks the LRS.
CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
CODE_COLUMN = "code"
PIN_DIGITS = 8
PIN = re.compile(rf"^[0-9]{{{PIN_DIGITS}}}$")
PARTICIPANT_SCOPES = ["statements/write", "statements/read/mine"]
RESEARCHER_SCOPES = ["statements/read"]


@dataclass(frozen=True)
class Participant:
    """One row of the participants file."""

    code: str
    line: int
    columns: dict[str, str]


def read_participants(text: str, file: str) -> tuple[list[Participant], list[ContentIssue]]:
    """Read a participants CSV (comma or semicolon) with a 'code' column; report bad rows."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [name.strip() for name in reader.fieldnames or []]
    if CODE_COLUMN not in [name.lower() for name in fields]:
        found = ", ".join(fields) or "nothing"
        return [], [
            ContentIssue(
                file,
                1,
                "",
                f"the first line must name the columns, one of them '{CODE_COLUMN}'; found {found}",
            )
        ]
    participants: list[Participant] = []
    issues: list[ContentIssue] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        columns = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        code_key = next(k for k in columns if k.lower() == CODE_COLUMN)
        raw = columns.pop(code_key)
        if not any(columns.values()) and not raw:
            continue  # an empty line
        code = raw.upper()
        if not CODE.match(code):
            issues.append(
                ContentIssue(
                    file,
                    line,
                    CODE_COLUMN,
                    f"'{raw}' is not a valid participant code; use 2 to 32 letters, digits and "
                    "hyphens, starting with a letter or digit (e.g. MILES-014), and no names",
                )
            )
            continue
        if code in seen:
            issues.append(
                ContentIssue(
                    file,
                    line,
                    CODE_COLUMN,
                    f"code '{code}' is already on line "
                    f"{seen[code]}; every participant needs a code of their own",
                )
            )
            continue
        seen[code] = line
        participants.append(Participant(code, line, columns))
    if not participants and not issues:
        issues.append(ContentIssue(file, 1, "", "the file lists no participants"))
    return participants, issues


def read_auth_file(path: Path) -> tuple[list[dict[str, Any]], list[ContentIssue]]:
    """Read an existing Ralph auth file (a JSON list of users); empty if there is none."""
    if not path.exists():
        return [], []
    try:
        users = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [], [ContentIssue(str(path), 0, "", f"not a readable auth file: {exc}")]
    if not isinstance(users, list) or not all(
        isinstance(u, dict) and "username" in u for u in users
    ):
        return [], [ContentIssue(str(path), 0, "", "not a Ralph auth file (a list of users)")]
    return users, []


def new_pin() -> str:
    """Return a random PIN of eight digits, from the operating system's secure source."""
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def new_password() -> str:
    """Return a random password for a research account."""
    return secrets.token_urlsafe(18)


def hash_secret(secret: str, rounds: int = 12) -> str:
    """Hash a PIN or password with bcrypt, as Ralph checks it."""
    import bcrypt  # only the credentials command needs it

    return bcrypt.hashpw(secret.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def user_entry(name: str, secret_hash: str, scopes: list[str], home_page: str) -> dict[str, Any]:
    """Return one user of Ralph's auth file; the agent becomes the authority of its statements."""
    return {
        "username": name,
        "hash": secret_hash,
        "scopes": scopes,
        "agent": {"objectType": "Agent", "account": {"name": name, "homePage": home_page}},
    }


def make_credentials(
    participants: Iterable[Participant], home_page: str, rounds: int = 12
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Make a user per participant; return the auth entries and each code's PIN."""
    people = list(participants)
    pins = {p.code: new_pin() for p in people}
    # bcrypt is slow on purpose and releases the GIL: hash on every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        hashes = list(pool.map(lambda p: hash_secret(pins[p.code], rounds), people))
    users = [
        user_entry(p.code, h, PARTICIPANT_SCOPES, home_page)
        for p, h in zip(people, hashes, strict=True)
    ]
    return users, pins


def clashes(
    existing: list[dict[str, Any]], participants: list[Participant], file: str
) -> list[ContentIssue]:
    """Report participants who already have a credential in the auth file."""
    known = {str(user["username"]) for user in existing}
    return [
        ContentIssue(
            file,
            p.line,
            CODE_COLUMN,
            f"code '{p.code}' already has a credential in "
            "the auth file; leave it out, or use --replace to give it a new PIN",
        )
        for p in participants
        if p.code in known
    ]


def letters_csv(participants: list[Participant], pins: dict[str, str], site_url: str) -> str:
    """Return the letter-merge CSV: code, PIN, the site's address and the file's other columns."""
    extra = sorted({name for p in participants for name in p.columns if name})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "pincode", "adres", *extra])
    for p in participants:
        writer.writerow([p.code, pins[p.code], site_url, *(p.columns.get(n, "") for n in extra)])
    return out.getvalue()


class WriteFailed(Exception):
    """A file could not be written: which one, and the operating system's reason."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


def write_private(files: Sequence[tuple[Path, str]]) -> None:
    """Write files only their owner can read (they hold secrets): all of them or none.

    Each goes to a '.part' file beside it first; only when every part is written do they
    replace the files, in the order given. Raises WriteFailed and leaves the files as they were.
    """
    parts: list[tuple[Path, Path]] = []
    path = Path()
    try:
        for path, text in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            parts.append((partial, path))
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
        for partial, path in parts:
            partial.replace(path)
    except OSError as exc:
        for partial, _ in parts:
            partial.unlink(missing_ok=True)
        raise WriteFailed(path, exc) from exc
