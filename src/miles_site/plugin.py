"""The ``miles`` MkDocs plugin: thin hooks that hand the work to the pure core."""

from __future__ import annotations

import json
import logging
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from miles_site import search
from miles_site.assets import AssetError, Assets, build_assets
from miles_site.blocks import expand_shortcodes, glossary_abbreviations
from miles_site.config import MilesConfig
from miles_site.errors import ContentError, ContentIssue
from miles_site.generated_pages import generated_pages
from miles_site.models.page import ContentPage, check_templates
from miles_site.navigation import expand_nav
from miles_site.project import Paths, Project, load_project
from miles_site.render.environment import nl_date
from miles_site.site_config import (
    search_options,
    site_paths,
    site_version,
    theme_dirs,
    use_local_files,
    use_study_files,
)
from miles_site.site_files import GeneratedFile, generated_files, nav_pages
from miles_site.site_readability import measure_generated, measure_written
from miles_site.study import edition as study_edition
from miles_site.study.config import StudyConfig, load_study_config
from miles_site.study.version import ContentVersion
from miles_site.unused_css import purge_material_css

log = logging.getLogger("mkdocs.plugins.miles")


class MilesPlugin(BasePlugin[MilesConfig]):
    """Validate the content, generate pages from YAML and wire them into the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self._start_build()

    def _start_build(self) -> None:
        """Forget the previous build: ``mkdocs serve`` keeps the plugin between rebuilds."""
        self.paths: Paths | None = None
        self.project: Project | None = None
        self.written: dict[str, ContentPage] = {}
        self.nav_spec: list[Any] | None = None
        self.assets: Assets | None = None
        self.edition = "public"
        self.version: ContentVersion | None = None
        self.study: StudyConfig | None = None
        self.search_worker: str | None = None
        self.files: Files | None = None
        self.summaries: dict[str, str] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note whether this is the live preview (``mkdocs serve``)."""
        # The content version changes with every saved edit: in the PDFs' footer it would make
        # every save in the preview rebuild every checklist PDF. The preview leaves it out.
        self.preview = command == "serve"

    # Runs before Material's offline plugin (priority 0), so that the offline plugin sees our
    # local iframe-worker shim among the polyfills and does not add its CDN address.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the folders, edition and version; minify the assets; point the theme at them."""
        self._start_build()
        self.paths = site_paths(config, self.config)
        self.nav_spec = list(config.nav) if config.nav else None
        problems = self._read_edition() + search.check_fields(search_options(config))
        self.assets, asset_problems = self._build_assets(config)
        _fail_on(problems + asset_problems)
        assert self.assets is not None
        self.version = site_version(config, self.paths)
        use_local_files(config, self.config.shim_uri, self.assets, self.version)
        if self.study is not None:
            use_study_files(config)
        return config

    def _read_edition(self) -> list[ContentIssue]:
        """Read which edition to build and, for the study edition, its settings."""
        assert self.paths is not None
        self.edition, problems = study_edition.edition_of(self.config.edition)
        if self.edition == "study":
            # Checked before anything builds: a study edition without its LRS records nothing.
            self.study, study_problems = load_study_config(self.paths.root)
            problems += study_problems
        return problems

    def _build_assets(self, config: MkDocsConfig) -> tuple[Assets | None, list[ContentIssue]]:
        """Minify the scripts and stylesheet under the theme's custom_dir (overrides/)."""
        assert self.paths is not None
        root = self.paths.root
        custom_dir = Path(config.theme.custom_dir or root / "overrides")
        try:
            return build_assets(root / self.config.esbuild, custom_dir / "assets", root), []
        except AssetError as failure:
            return None, failure.issues

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check every source, stop on errors, then add generated files and expand the nav."""
        assert self.paths is not None
        project = load_project(self.paths, self.config.today)
        errors = project.errors + check_templates(project.pages, theme_dirs(config))
        errors += self._add_shim(files, config)
        if not errors:
            errors += self._add_generated(files, config, project)
        self._replace_assets(files, config)
        self._add_edition_files(files, config, project)
        errors += self._expand_nav(config, project)
        _warn(project.warnings)
        _fail_on(errors)
        self.project, self.files = project, files
        self.written = {page.src_uri: page for page in project.pages}
        # The abbr extension's glossary explains every glossary term in a tooltip, on every page.
        # (Appending '*[term]: …' lines to each page instead costs seconds per build.)
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary_abbreviations(project)
        return files

    def _add_shim(self, files: Files, config: MkDocsConfig) -> list[ContentIssue]:
        """Add the iframe-worker shim (search on file://), or say how to get it."""
        assert self.paths is not None
        shim = self.paths.root / self.config.iframe_worker_shim
        if not shim.is_file():
            message = "the iframe-worker shim is missing; run 'npm ci' (make site does this)"
            return [ContentIssue(self.config.iframe_worker_shim, 0, "", message)]
        files.append(File.generated(config, self.config.shim_uri, abs_src_path=str(shim)))
        return []

    def _add_generated(
        self, files: Files, config: MkDocsConfig, project: Project
    ) -> list[ContentIssue]:
        """Add the pages, PDFs and media made from YAML, measure those pages, add search files."""
        assert self.version is not None
        pages = generated_pages(project)
        # The preview leaves the content version out of the PDFs (see on_startup).
        version = "" if self.preview else self.version.label
        generated, errors = generated_files(project, pages, version)
        for generated_file in generated:
            files.append(_site_file(config, generated_file))
        for page in pages:
            _warn(measure_generated(page)[1])
        return errors + self._search_files(files, config)

    def _replace_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Serve the minified scripts and stylesheet instead of their readable sources."""
        assert self.assets is not None
        for uri in self.assets.replaced:
            source = files.get_file_from_path(uri)
            if source is not None:
                files.remove(source)
        for asset in self.assets.all():
            files.append(File.generated(config, asset.uri, content=asset.content))

    def _add_edition_files(self, files: Files, config: MkDocsConfig, project: Project) -> None:
        """Add version.json (both editions), and the study edition's pages and scripts."""
        assert self.version is not None
        extra = [study_edition.version_file(self.version, self.edition, study_edition.build_time())]
        if self.study is not None:
            extra += study_edition.study_files(project, self.study, self.version)
        for study_file in extra:
            files.append(File.generated(config, study_file.src_uri, content=study_file.content))

    def _expand_nav(self, config: MkDocsConfig, project: Project) -> list[ContentIssue]:
        """Lay out the nav from the phases and the pages' front matter."""
        # Without a valid phase declaration the nav cannot be laid out; its errors say why.
        if self.nav_spec is None or not project.has_phases:
            return []
        config.nav, errors = expand_nav(self.nav_spec, nav_pages(project), project.phases)
        if self.study is not None:
            config.nav.insert(1, study_edition.nav_section())
        return errors

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Put the blocks in place of a page's shortcodes, measure it, and note its description."""
        assert self.project is not None
        description = page.meta.get("description")
        if isinstance(description, str):
            self.summaries[page.url] = description  # for the search index (on_post_build)
        here = posixpath.dirname(page.file.src_uri) or "."
        expanded = expand_shortcodes(self.project, markdown, lambda to: posixpath.relpath(to, here))
        written = self.written.get(page.file.src_uri)
        if written is not None:
            _warn(measure_written(written, expanded)[1])
        if self.study is not None and page.file.src_uri in self.config.study_notice_pages:
            tracked = posixpath.relpath(study_edition.TRACKED_PAGE, here)
            return study_edition.notice(tracked) + expanded.markdown
        return expanded.markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme templates the Dutch date filter, our scripts and the search worker."""
        assert self.assets is not None
        env.filters["nl_date"] = nl_date
        env.globals["miles_search_script"] = self.assets.search.uri
        env.globals["miles_scripts_for"] = self.assets.scripts_for
        if self.search_worker:
            env.globals["miles_search_worker"] = {
                "material": self.search_worker,
                "ours": posixpath.basename(search.WORKER_URI),
            }
        if self.project is not None:
            urls = {file.src_uri: file.url for file in files.documentation_pages()}
            env.globals["miles_search_help"] = search.help_links(self.project, urls)
        return env

    # After Material's search plugin has written the index (priority 0), before the offline
    # plugin (priority -100) copies it into search_index.js for file:// use.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Drop Material's unused CSS; add each page's search words and description to the index."""
        assert self.paths is not None
        try:
            root = self.paths.root
            purge_material_css(root / self.config.purgecss, Path(config.site_dir), root)
        except AssetError as failure:
            _fail_on(failure.issues)
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.project is None or self.files is None or not path.is_file():
            return
        urls = {file.src_uri: file.url for file in self.files.documentation_pages()}
        index = json.loads(path.read_text(encoding="utf-8"))
        for location in search.enrich_index(index, self.project, urls, self.summaries):
            log.warning(f"'{location}' has search words but no entry in the search index")
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def _search_files(self, files: Files, config: MkDocsConfig) -> list[ContentIssue]:
        """Add our search worker and drop the lunr language files that search never loads."""
        languages = search_options(config).get("lang")
        if not languages:
            return []
        worker = next((f for f in files if search.MATERIAL_WORKER.fullmatch(f.src_uri)), None)
        if worker is None:
            message = (
                "Material's search worker (assets/javascripts/workers/search.*.min.js) was not "
                "found; the miles search worker supports mkdocs-material 9"
            )
            return [ContentIssue("mkdocs.yml", 0, "theme", message)]
        self.search_worker = posixpath.basename(worker.src_uri)
        script = search.worker_script(self.search_worker)
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


def _site_file(config: MkDocsConfig, generated: GeneratedFile) -> File:
    """Make a MkDocs file for a generated page or a copied media file."""
    if generated.content is not None:
        return File.generated(config, generated.src_uri, content=generated.content)
    if generated.data is not None:
        return File.generated(config, generated.src_uri, content=generated.data)
    return File.generated(config, generated.src_uri, abs_src_path=str(generated.source))


def _warn(warnings: Iterable[ContentIssue]) -> None:
    """Log soft problems; ``mkdocs build --strict`` turns them into a failure."""
    for warning in warnings:
        log.warning(str(warning))


def _fail_on(errors: list[ContentIssue]) -> None:
    """Log every error, then stop the build with one summary (MkDocs prints no traceback)."""
    if not errors:
        return
    failure = ContentError(errors)
    for issue in failure.issues:
        log.error(str(issue))
    raise PluginError(f"{failure}; the previous site was left as it was")
