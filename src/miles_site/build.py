"""Build the site atomically and package it as an offline zip.

MkDocs cleans its site folder before it builds, so a failed build would leave authors and readers
with half a site. We build into a sibling folder and swap it in only when the strict build passed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from miles_site.render.environment import render

ZIP_FOLDER = "MiLES-toolbox"
START_PAGE = "START-HERE.html"
STUDY_FOLDER = "study"


class BuildFailed(Exception):
    """The site did not build; MkDocs has already printed why."""


@dataclass(frozen=True)
class BuildResult:
    """Where the build put its output."""

    site_dir: Path
    zip_path: Path | None


def build_site(config_file: Path, site_dir: Path, *, edition: str = "public") -> None:
    """Build strictly into a temporary folder; move it to ``site_dir`` only if the build passed.

    Strict: a warning (an overdue review date, a page that reads too hard) fails the build.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(staging),
        "--strict",
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MILES_EDITION": edition}
    if subprocess.run(command, env=env, check=False).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"the build failed; {site_dir} was left as it was")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def make_offline_zip(site_dir: Path, zip_path: Path, site_name: str) -> None:
    """Pack the site under one folder, with a START-HERE page at the root of the zip."""
    partial = zip_path.with_name(zip_path.name + ".part")
    start = render("start_here.html.j2", folder=ZIP_FOLDER, site_name=site_name)
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(START_PAGE, start)
        for path in sorted(site_dir.rglob("*")):
            if path.is_file() and not path.name.endswith(".map"):
                archive.write(path, f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(zip_path)


def build_all(config_file: Path, *, with_zip: bool = True, edition: str = "public") -> BuildResult:
    """Build the site and, unless told otherwise, the offline zip next to it.

    The study edition goes to a 'study' folder beside the public site and has no offline zip:
    it is online-only, as a page on file:// cannot reach an LRS on another origin.
    """
    try:
        config = load_config(str(config_file))
    except MkDocsException as exc:  # MkDocs has printed the details of a configuration error
        raise BuildFailed(f"{config_file} cannot be used ({exc})") from None
    site_dir = Path(config.site_dir).resolve()
    if edition == "study":
        site_dir = site_dir.with_name(STUDY_FOLDER)
        with_zip = False
    build_site(config_file, site_dir, edition=edition)
    if not with_zip:
        return BuildResult(site_dir, None)
    zip_path = site_dir.parent / "miles-offline.zip"
    make_offline_zip(site_dir, zip_path, str(config.site_name))
    return BuildResult(site_dir, zip_path)
