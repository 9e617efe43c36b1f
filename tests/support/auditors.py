"""Run the auditors our users' auditors use (pa11y, Lighthouse, the Nu HTML Checker) as programs.

Each runs in its own process, started together so they overlap, with output in files (a full
pipe would stall a process that nobody reads yet). The tests in tests/browser/test_auditors.py
judge what they find.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = Path(__file__).resolve().parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Quirk:
    """An error the Nu HTML Checker reports in Material's own markup, and why we accept it."""

    message: str  # the checker's message, exactly
    context: str  # a regular expression the checker's extract of the source must match
    reason: str


# Every Nu HTML Checker error we accept, with the reason. Each is Material's markup on every
# page; changing it would mean copying Material's templates into this repository.
VNU_QUIRKS = (
    Quirk(
        message="Attribute “autocomplete” is only allowed when the input type is “color”, "
        "“date”, “datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        context=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
        reason="Material's hidden checkboxes that open the menu and the search carry "
        "autocomplete=off, so that Firefox does not reopen them after Back. Browsers ignore "
        "the attribute on a checkbox otherwise; nothing reaches a user or assistive technology.",
    ),
    Quirk(
        message="The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        context=r'<label class="md-nav__title" for="__toc">',
        reason="On a section's index page (navigation.indexes) Material leaves out the __toc "
        "checkbox that opens the table of contents on small screens, but keeps its label in the "
        "table of contents. The label is the table of contents' visible title; it only toggles "
        "nothing.",
    ),
)


def is_quirk(message: dict[str, Any], quirks: Sequence[Quirk] = VNU_QUIRKS) -> bool:
    """Tell whether a Nu HTML Checker message is one of the accepted Material quirks."""
    return any(
        message.get("message") == quirk.message
        and re.search(quirk.context, message.get("extract", ""))
        for quirk in quirks
    )


@dataclass
class Run:
    """A program started in the background; its output goes to files."""

    name: str
    command: list[str]
    folder: Path
    started: float = field(default=0.0)
    ended: float = field(default=0.0)
    process: subprocess.Popen[bytes] | None = None
    _waiter: threading.Thread | None = None

    def start(self) -> Run:
        """Start the program, and a thread that notes when it ends."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (
            (self.folder / f"{self.name}.out").open("wb") as out,
            (self.folder / f"{self.name}.err").open("wb") as err,
        ):
            self.started = time.monotonic()
            self.process = subprocess.Popen(self.command, stdout=out, stderr=err, cwd=ROOT)
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()
        return self

    def _wait(self) -> None:
        assert self.process is not None
        self.process.wait()
        self.ended = time.monotonic()

    def result(self, timeout: float) -> str:
        """Wait for the program; return its standard output, or explain why it failed."""
        assert self.process is not None and self._waiter is not None
        self._waiter.join(timeout)
        if self._waiter.is_alive():
            self.stop()
            raise AssertionError(f"{self.name} did not finish within {timeout:.0f} s")
        out = (self.folder / f"{self.name}.out").read_text(encoding="utf-8")
        if self.process.returncode != 0 and not out.strip():
            err = (self.folder / f"{self.name}.err").read_text(encoding="utf-8")
            raise AssertionError(
                f"{self.name} failed (exit {self.process.returncode}):\n{err[-3000:]}"
            )
        return out

    @property
    def seconds(self) -> float:
        """How long the program ran."""
        return self.ended - self.started

    def stop(self) -> None:
        """End the program if it still runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def node(script: str, *args: str) -> list[str]:
    """The command that runs one of the node scripts beside this file."""
    executable = shutil.which("node")
    if executable is None:
        raise AssertionError("node is missing: install Node.js 20 (see README.md)")
    return [executable, str(SUPPORT / script), *args]


def vnu(site: Path) -> list[str]:
    """The command that runs the Nu HTML Checker over every HTML file of ``site``."""
    java = shutil.which("java")
    if java is None:
        raise AssertionError("java is missing: `make test` installs default-jre-headless")
    if not VNU_JAR.is_file():
        raise AssertionError(f"{VNU_JAR} is missing: run `npm ci` (make test does)")
    # One short run: the quick C1 compiler alone costs 60% less CPU than Java's default tiers
    # (2.8 s instead of 7.3 s for the site), and then needs a deeper stack for the HTML schema.
    jvm = ["-Xss8m", "-XX:TieredStopAtLevel=1"]
    options = ["--skip-non-html", "--errors-only", "--format", "json", "--stdout"]
    return [java, *jvm, "-jar", str(VNU_JAR), *options, str(site)]


def vnu_messages(stream: str) -> list[dict[str, Any]]:
    """The messages of the checker's JSON report."""
    messages: list[dict[str, Any]] = json.loads(stream)["messages"]
    return messages
