"""The ``miles`` MkDocs plugin: thin hooks that hand the work to the pure core."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from miles_site.blocks import expand_shortcodes, glossary_abbreviations
from miles_site.config import MilesConfig
from miles_site.errors import ContentError, ContentIssue
from miles_site.models.page import check_templates
from miles_site.navigation import expand_nav
from miles_site.project import Paths, Project, load_project
from miles_site.render.environment import nl_date
from miles_site.site_files import GeneratedFile, generated_files, nav_pages

log = logging.getLogger("mkdocs.plugins.miles")


class MilesPlugin(BasePlugin[MilesConfig]):
    """Validate the content, generate pages from YAML and wire them into the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.paths: Paths | None = None
        self.project: Project | None = None
        self.nav_spec: list[Any] | None = None

    # Runs before Material's offline plugin (priority 0), so that the offline plugin sees our
    # local iframe-worker shim among the polyfills and does not add its CDN address.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the project's folders and register the local search shim."""
        root = Path(config.config_file_path).parent.resolve()
        self.paths = Paths(
            root=root,
            docs_dir=Path(config.docs_dir).resolve(),
            data_dir=root / self.config.data_dir,
            scripts_dir=root / self.config.scripts_dir,
            checklists_dir=root / self.config.checklists_dir,
        )
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"] = [self.config.shim_uri, *polyfills]
        self.nav_spec = list(config.nav) if config.nav else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check every source, stop on errors, then add generated files and expand the nav."""
        assert self.paths is not None
        project = load_project(self.paths, self.config.today)
        template_dirs = [Path(folder) for folder in config.theme.dirs]
        errors = project.errors + check_templates(project.pages, template_dirs)
        shim = self.paths.root / self.config.iframe_worker_shim
        if not shim.is_file():
            errors.append(
                ContentIssue(
                    self.config.iframe_worker_shim,
                    0,
                    "",
                    "the iframe-worker shim is missing; run 'npm ci' (make site does this)",
                )
            )
        else:
            files.append(File.generated(config, self.config.shim_uri, abs_src_path=str(shim)))
        if not errors:
            for generated in generated_files(project):
                files.append(_site_file(config, generated))
        # Without a valid phase declaration the nav cannot be laid out; its errors say why.
        if self.nav_spec is not None and project.has_phases:
            config.nav, nav_errors = expand_nav(self.nav_spec, nav_pages(project), project.phases)
            errors += nav_errors
        for warning in project.warnings:
            log.warning(str(warning))
        _fail_on(errors)
        self.project = project
        # The abbr extension's glossary explains every glossary term in a tooltip, on every page.
        # (Appending '*[term]: …' lines to each page instead costs seconds per build.)
        abbr = config.mdx_configs.setdefault("abbr", {})
        abbr["glossary"] = glossary_abbreviations(project)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Replace the shortcodes in a page with their rendered blocks."""
        assert self.project is not None
        project = self.project
        here = posixpath.dirname(page.file.src_uri)

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        return expand_shortcodes(project, markdown, link)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme templates the Dutch date filter."""
        env.filters["nl_date"] = nl_date
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild the preview when a YAML source or data file changes, not only Markdown."""
        assert self.paths is not None
        for folder in (self.paths.data_dir, self.paths.scripts_dir, self.paths.checklists_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _site_file(config: MkDocsConfig, generated: GeneratedFile) -> File:
    """Make a MkDocs file for a generated page or a copied media file."""
    if generated.content is not None:
        return File.generated(config, generated.src_uri, content=generated.content)
    if generated.data is not None:
        return File.generated(config, generated.src_uri, content=generated.data)
    return File.generated(config, generated.src_uri, abs_src_path=str(generated.source))


def _fail_on(errors: list[ContentIssue]) -> None:
    """Log every error, then stop the build with one summary (MkDocs prints no traceback)."""
    if not errors:
        return
    failure = ContentError(errors)
    for issue in failure.issues:
        log.error(str(issue))
    raise PluginError(f"{failure}; the previous site was left as it was")
