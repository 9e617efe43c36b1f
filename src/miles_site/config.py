"""The options of the ``miles`` plugin in mkdocs.yml, each with its meaning."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c


class PathOption(c.OptionallyRequired[str]):
    """A path relative to mkdocs.yml, written as text."""

    def run_validation(self, value: object) -> str:
        """Accept text; say how to write a path otherwise."""
        if isinstance(value, str) and value.strip():
            return value
        raise base.ValidationError(
            f"expected a path relative to mkdocs.yml, found {value!r}; write it as text, e.g. data"
        )


class DateOption(c.OptionallyRequired[dt.date]):
    """A date, written unquoted (YAML reads it as a date) or quoted as 'YYYY-MM-DD'."""

    def run_validation(self, value: object) -> dt.date:
        """Accept a YAML date or ISO text; say how to write it otherwise."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(
            f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"
        )


class MilesConfig(base.Config):
    """Options of the miles plugin; every path is relative to mkdocs.yml."""

    data_dir = PathOption(default="data")
    """Folder with structured data: phases.yml and other tables the pages draw on."""

    scripts_dir = PathOption(default="video_scripts")
    """Folder with one YAML file per branching conversation scenario."""

    checklists_dir = PathOption(default="checklists")
    """Folder with one YAML file per conversation checklist."""

    iframe_worker_shim = PathOption(default="node_modules/iframe-worker/shim/index.js")
    """The shim from the npm package iframe-worker that lets search run on file:// URLs."""

    shim_uri = PathOption(default="assets/javascripts/iframe-worker-shim.js")
    """Where the shim is placed in the site; listed first in extra.polyfills."""

    esbuild = PathOption(default="node_modules/.bin/esbuild")
    """The esbuild binary from npm (package.json) that minifies the site's scripts and styles."""

    purgecss = PathOption(default="node_modules/.bin/purgecss")
    """PurgeCSS from npm (package.json): drops the rules of Material's stylesheet the site never
    uses, after the build has written every page."""

    today = c.Optional(DateOption())
    """Date (YYYY-MM-DD) to compare review_due against; defaults to the day of the build."""

    edition = c.Optional(c.Choice(("public", "study")))
    """Which edition to build: 'public' (the default) or 'study', which records use for the trial.
    Unset, the MILES_EDITION environment variable decides (``miles build --edition`` sets it)."""

    study_notice_pages = c.Type(list, default=["privacy.md", "over/index.md", "voor-hr.md"])
    """Pages that say the site records nothing; the study edition puts a note above their text."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Validate as MkDocs does, and name the valid options when one is misspelt."""
        failed, warnings = super().validate()
        known = ", ".join(sorted(self._schema_keys))
        warnings = [
            (key, message if key in self._schema_keys else f"unknown option; use one of {known}")
            for key, message in warnings
        ]
        return failed, warnings
