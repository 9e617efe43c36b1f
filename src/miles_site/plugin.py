"""The ``miles`` MkDocs plugin: thin hooks that hand the work to the pure core."""

from __future__ import annotations

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
from miles_site.assets import STYLESHEET, AssetError, Assets, build_assets
from miles_site.blocks import expand_shortcodes, glossary_abbreviations
from miles_site.config import MilesConfig
from miles_site.errors import ContentError, ContentIssue
from miles_site.models.page import check_templates
from miles_site.navigation import expand_nav
from miles_site.project import Paths, Project, load_project
from miles_site.render.environment import nl_date, render
from miles_site.site_files import GeneratedFile, generated_files, nav_pages
from miles_site.study import edition as study_edition
from miles_site.study.config import StudyConfig, load_study_config
from miles_site.study.edition import build_time, edition_of
from miles_site.study.version import ContentVersion, project_version
from miles_site.unused_css import purge_material_css

log = logging.getLogger("mkdocs.plugins.miles")


class MilesPlugin(BasePlugin[MilesConfig]):
    """Validate the content, generate pages from YAML and wire them into the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.paths: Paths | None = None
        self.project: Project | None = None
        self.nav_spec: list[Any] | None = None
        self.assets: Assets | None = None
        self.edition = "public"
        self.version: ContentVersion | None = None
        self.study: StudyConfig | None = None
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
        self.assets = self._build_assets(config, root)
        # Pages link the minified stylesheet; its name changes with its content.
        stylesheet = self.assets.stylesheet.uri
        config.extra_css = [stylesheet if css == STYLESHEET else css for css in config.extra_css]
        self.edition, edition_problems = edition_of(self.config.edition)
        _fail_on(edition_problems)
        self.version = project_version(
            root, _source_folders(config, self.paths), Path(config.config_file_path)
        )
        config.extra["content_version"] = self.version.label
        if self.edition == "study":
            # Checked before anything builds: a study edition without its LRS records nothing.
            self.study, problems = load_study_config(root)
            _fail_on(problems)
            config.extra_javascript.extend(study_edition.SCRIPTS)
            config.extra_css.append(study_edition.STYLESHEET)
            config.extra["miles_study"] = {
                "tracked": study_edition.html_path(study_edition.TRACKED_PAGE)
            }
        fields = _search_config(config).get("fields", {})
        missing = [name for name in search.FIELDS if name not in fields]
        if _search_config(config) and missing:
            raise PluginError(
                f"mkdocs.yml: plugins.search.fields lacks {', '.join(missing)}; declare each "
                "with its weight (e.g. 'zoekwoorden: {boost: 1000}'), or the miles plugin "
                "adds words to the search index that nobody can find"
            )
        return config

    def _build_assets(self, config: MkDocsConfig, root: Path) -> Assets:
        """Minify the scripts and stylesheet under the theme's custom_dir (overrides/)."""
        custom_dir = Path(config.theme.custom_dir or root / "overrides")
        try:
            return build_assets(root / self.config.esbuild, custom_dir / "assets", root)
        except AssetError as failure:
            _fail_on(failure.issues)
            raise

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
        assert self.version is not None
        if not errors:
            for generated in generated_files(project, self.version.label):
                files.append(_site_file(config, generated))
            errors += self._search_files(files, config)
        self._replace_assets(files, config)
        extra = [study_edition.version_file(self.version, self.edition, build_time())]
        if self.study is not None:
            extra += study_edition.study_files(project, self.study, self.version)
        for study_file in extra:
            files.append(File.generated(config, study_file.src_uri, content=study_file.content))
        # Without a valid phase declaration the nav cannot be laid out; its errors say why.
        if self.nav_spec is not None and project.has_phases:
            config.nav, nav_errors = expand_nav(self.nav_spec, nav_pages(project), project.phases)
            errors += nav_errors
            if self.study is not None:
                config.nav.insert(
                    1, {"Onderzoek": [study_edition.START_PAGE, study_edition.TRACKED_PAGE]}
                )
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

        markdown = expand_shortcodes(project, markdown, link)
        if self.study is not None and page.file.src_uri in self.config.study_notice_pages:
            markdown = study_edition.notice(link(study_edition.TRACKED_PAGE)) + markdown
        return markdown

    def _replace_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Serve the minified scripts and stylesheet instead of their readable sources."""
        assert self.assets is not None
        for uri in self.assets.replaced:
            source = files.get_file_from_path(uri)
            if source is not None:
                files.remove(source)
        for asset in self.assets.all():
            files.append(File.generated(config, asset.uri, content=asset.content))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme templates the Dutch date filter, our scripts and the search worker."""
        env.filters["nl_date"] = nl_date
        assert self.assets is not None
        env.globals["miles_search_script"] = self.assets.search.uri
        env.globals["miles_scripts_for"] = self.assets.scripts_for
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
        """Drop Material's unused CSS; add each page's search words and description to the index."""
        assert self.paths is not None
        try:
            root = self.paths.root
            purge_material_css(root / self.config.purgecss, Path(config.site_dir), root)
        except AssetError as failure:
            _fail_on(failure.issues)
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


def _source_folders(config: MkDocsConfig, paths: Paths) -> list[Path]:
    """Return the folders the site is made from: content, data, scripts, checklists, theme."""
    folders = [paths.docs_dir, paths.data_dir, paths.scripts_dir, paths.checklists_dir]
    custom_dir = config.theme.custom_dir
    return folders + ([Path(custom_dir)] if custom_dir else [])


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
