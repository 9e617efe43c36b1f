"""Run Ralph, the open-source LRS, on this machine: for `make lrs`, the tests and the benchmark.

Ralph lives in a virtual environment of its own (``.venv-lrs``, made by the Makefile), because it
pins its own library versions; the site only talks to it over HTTP. We start Ralph's ASGI app with
uvicorn, as ``ralph runserver`` does, but without its auto-reloader (which would restart the LRS
whenever a file in the working folder changes, and leaves a child process behind), and with the
file backend set to append (see ralph_serve.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LRS_VENV = ".venv-lrs"
# The file backend reads its whole file for every page of a GET; bigger pages mean fewer reads.
MAX_PAGE = 1000


class RalphError(Exception):
    """Ralph is not installed, or did not start."""


def ralph_python(root: Path) -> Path:
    """Return the Python of Ralph's own environment, or explain how to make it."""
    python = root / LRS_VENV / "bin" / "python"
    if not python.is_file():
        raise RalphError(
            f"Ralph is not installed in {root / LRS_VENV}; run 'make lrs' or 'make test', which "
            "create it (pip install 'ralph-malph[lrs,cli]' requests in a virtual environment)"
        )
    return python


def ralph_environment(auth_file: Path, data_dir: Path, origins: list[str]) -> dict[str, str]:
    """Return the settings Ralph reads from its environment: fs backend, auth file, CORS, scopes."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("RALPH_")}
    env.update(
        {
            "RALPH_APP_DIR": str(auth_file.parent),
            "RALPH_AUTH_FILE": str(auth_file),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(origins),
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(MAX_PAGE),
            # A participant may write statements and read only their own; see credentials.py.
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",
            "RALPH_LRS_RESTRICT_BY_SCOPES": "true",
        }
    )
    return env


@dataclass
class RalphServer:
    """A running Ralph on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def endpoint(self) -> str:
        """Return the xAPI endpoint, as the study settings and ``miles usage`` take it."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_ralph(
    root: Path,
    *,
    port: int,
    auth_file: Path,
    data_dir: Path,
    origins: list[str],
    log: IO[bytes] | None = None,
    timeout: float = 60.0,
) -> RalphServer:
    """Start Ralph with the file-system backend and wait until it answers."""
    python = ralph_python(root)
    if not auth_file.is_file():
        raise RalphError(
            f"{auth_file} does not exist; make credentials first: "
            "miles study credentials participants.csv"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(python), str(Path(__file__).with_name("ralph_serve.py")), str(port)]
    process = subprocess.Popen(
        command,
        env=ralph_environment(auth_file, data_dir, origins),
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
        cwd=data_dir,
    )
    server = RalphServer(process, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RalphError(f"Ralph stopped at start-up with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=2):
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    server.stop()
    raise RalphError(f"Ralph did not answer on port {port} within {timeout:.0f} s")
