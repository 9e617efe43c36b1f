"""The options of the ``miles`` plugin in mkdocs.yml, each with its meaning."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MilesConfig(base.Config):
    """Options of the miles plugin; every path is relative to mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    """Folder with structured data: phases.yml and other tables the pages draw on."""

    scripts_dir = c.Type(str, default="video_scripts")
    """Folder with one YAML file per branching conversation scenario."""

    checklists_dir = c.Type(str, default="checklists")
    """Folder with one YAML file per conversation checklist."""

    iframe_worker_shim = c.Type(str, default="node_modules/iframe-worker/shim/index.js")
    """The shim from the npm package iframe-worker that lets search run on file:// URLs."""

    shim_uri = c.Type(str, default="assets/javascripts/iframe-worker-shim.js")
    """Where the shim is placed in the site; listed first in extra.polyfills."""

    esbuild = c.Type(str, default="node_modules/.bin/esbuild")
    """The esbuild binary from npm (package.json) that minifies the site's scripts and styles."""

    today = c.Optional(c.Type(str))
    """Date (YYYY-MM-DD) to compare review_due against; defaults to the day of the build."""

    edition = c.Optional(c.Choice(("public", "study")))
    """Which edition to build: 'public' (the default) or 'study', which records use for the trial.
    Unset, the MILES_EDITION environment variable decides (``miles build --edition`` sets it)."""

    study_notice_pages = c.Type(list, default=["privacy.md", "over/index.md", "voor-hr.md"])
    """Pages that say the site records nothing; the study edition puts a note above their text."""
