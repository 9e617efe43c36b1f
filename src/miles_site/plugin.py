"""The ``miles`` MkDocs plugin: thin hooks that hand the work to the pure core."""

from __future__ import annotations

import datetime as dt
import json
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

from miles_site import search
from miles_site.blocks import expand_shortcodes, glossary_abbreviations
from miles_site.config import MilesConfig
from miles_site.errors import ContentError, ContentIssue
from miles_site.navigation import expand_nav
from miles_site.project import Paths, Project, load_project
from miles_site.render.environment import nl_date, render
from miles_site.site_files import GeneratedFile, generated_files, nav_pages

log = logging.getLogger("mkdocs.plugins.miles")


class MilesPlugin(BasePlugin[MilesConfig]):
    """Validate the content, generate pages from YAML and wire them into the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.paths: Paths | None = None
        self.project: Project | None = None
        self.nav_spec: list[Any] | None = None
        self.search_worker: str | None = None
        self.files: Files | None = None
        self.summaries: dict[str, str] = {}

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
        fields = _search_config(config).get("fields", {})
        missing = [name for name in search.FIELDS if name not in fields]
        if _search_config(config) and missing:
            raise PluginError(
                f"mkdocs.yml: plugins.search.fields lacks {', '.join(missing)}; declare each "
                "with its weight (e.g. 'zoekwoorden: {boost: 1000}'), or the miles plugin "
                "adds words to the search index that nobody can find"
            )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check every source, stop on errors, then add generated files and expand the nav."""
        assert self.paths is not None
        today = dt.date.fromisoformat(self.config.today) if self.config.today else None
        project = load_project(self.paths, today)
        errors = list(project.errors)
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
            errors += self._search_files(files, config)
        if self.nav_spec is not None:
            config.nav, nav_errors = expand_nav(self.nav_spec, nav_pages(project), project.phases)
            errors += nav_errors
        for warning in project.warnings:
            log.warning(str(warning))
        _fail_on(errors)
        self.project = project
        self.files = files
        # The abbr extension's glossary explains every glossary term in a tooltip, on every page.
        # (Appending '*[term]: …' lines to each page instead costs seconds per build.)
        abbr = config.mdx_configs.setdefault("abbr", {})
        abbr["glossary"] = glossary_abbreviations(project)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Replace the shortcodes in a page with their rendered blocks; note its description."""
        assert self.project is not None
        description = page.meta.get("description")
        if isinstance(description, str):
            self.summaries[page.url] = description  # for the search index (on_post_build)
        project = self.project
        here = posixpath.dirname(page.file.src_uri)

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        return expand_shortcodes(project, markdown, link)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme templates the Dutch date filter and the search worker to use."""
        env.filters["nl_date"] = nl_date
        if self.search_worker:
            env.globals["miles_search_worker"] = {
                "material": self.search_worker,
                "ours": posixpath.basename(search.WORKER_URI),
            }
        if self.project is not None:
            pages = {file.src_uri: file.url for file in files.documentation_pages()}
            suggested = search.help_pages(self.project)
            env.globals["miles_search_help"] = [
                (label, pages[uri]) for label, uri in suggested if uri in pages
            ]
        return env

    # After Material's search plugin has written the index (priority 0), before the offline
    # plugin (priority -100) copies it into search_index.js for file:// use.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Add each page's search words and description to Material's search index."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.project is None or not path.is_file():
            return
        docs = self.files.documentation_pages() if self.files else []
        urls = {file.src_uri: file.url for file in docs}
        values: dict[str, dict[str, Any]] = {
            url: {search.SUMMARY: summary} for url, summary in self.summaries.items()
        }
        for place, words in search.search_words(self.project).items():
            uri, _, anchor = place.partition("#")
            if uri in urls:
                location = urls[uri] + (f"#{anchor}" if anchor else "")
                values.setdefault(location, {})[search.WORDS] = list(words)
        index = json.loads(path.read_text(encoding="utf-8"))
        for location in search.add_fields(index, values):
            if search.WORDS in values[location]:
                log.warning(f"'{location}' has search words but no entry in the search index")
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def _search_files(self, files: Files, config: MkDocsConfig) -> list[ContentIssue]:
        """Add our search worker and drop the lunr language files that search never loads."""
        languages = _search_config(config).get("lang")
        if not languages:
            return []
        worker = next((f for f in files if search.MATERIAL_WORKER.fullmatch(f.src_uri)), None)
        if worker is None:
            return [
                ContentIssue(
                    "mkdocs.yml",
                    0,
                    "theme",
                    "Material's search worker (assets/javascripts/workers/search.*.min.js) was "
                    "not found; the miles search worker supports mkdocs-material 9",
                )
            ]
        self.search_worker = posixpath.basename(worker.src_uri)
        script = render("search_worker.js.j2", material_worker=self.search_worker, fuzzy_from=5)
        files.append(File.generated(config, search.WORKER_URI, content=script))
        needed = search.needed_lunr_files(languages)
        for file in list(files):
            if file.src_uri.startswith(search.LUNR_DIR) and file.src_uri not in needed:
                files.remove(file)
        return []

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild the preview when a YAML source or data file changes, not only Markdown."""
        assert self.paths is not None
        for folder in (self.paths.data_dir, self.paths.scripts_dir, self.paths.checklists_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _search_config(config: MkDocsConfig) -> dict[str, Any]:
    """Return the options of Material's search plugin, or nothing when search is off."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.get("enabled", True):
        return {}
    return dict(plugin.config)


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
