"""What the miles plugin reads from MkDocs' configuration, and what it sets in it for the theme.

The ``miles pdf`` command reads the same configuration through :func:`read_site`, so that a PDF
made on its own carries the same content version as the one the site build makes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from miles_site.assets import STYLESHEET, Assets
from miles_site.config import MilesConfig
from miles_site.project import Paths
from miles_site.study import edition as study_edition
from miles_site.study.version import ContentVersion, project_version


class NoMilesPlugin(Exception):
    """The configuration does not use the miles plugin."""


def site_paths(config: MkDocsConfig, options: MilesConfig) -> Paths:
    """Return the project's folders: mkdocs.yml's folder, docs_dir and the plugin's folders."""
    root = Path(config.config_file_path).parent.resolve()
    return Paths(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        data_dir=root / options.data_dir,
        scripts_dir=root / options.scripts_dir,
        checklists_dir=root / options.checklists_dir,
    )


def site_version(config: MkDocsConfig, paths: Paths) -> ContentVersion:
    """Return the content version of what the site is made from: sources, theme and config."""
    folders = [paths.docs_dir, paths.data_dir, paths.scripts_dir, paths.checklists_dir]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return project_version(paths.root, folders, Path(config.config_file_path))


def read_site(config_file: Path) -> tuple[Paths, ContentVersion]:
    """Load mkdocs.yml as a build does; return the project's folders and its content version.

    Raises MkDocs' own errors for a configuration that cannot be used, and NoMilesPlugin.
    """
    config = load_config(str(config_file))
    plugin = config.plugins.get("miles")
    options = getattr(plugin, "config", None)
    if not isinstance(options, MilesConfig):
        raise NoMilesPlugin(f"{config_file} does not use the miles plugin")
    paths = site_paths(config, options)
    return paths, site_version(config, paths)


def theme_dirs(config: MkDocsConfig) -> list[Path]:
    """Return the folders the theme's templates come from, custom_dir first."""
    return [Path(folder) for folder in config.theme.dirs]


def search_options(config: MkDocsConfig) -> dict[str, Any]:
    """Return the options of Material's search plugin, or nothing when search is off."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.get("enabled", True):
        return {}
    return dict(plugin.config)


def use_local_files(
    config: MkDocsConfig, shim_uri: str, assets: Assets, version: ContentVersion
) -> None:
    """Point the theme at the local shim and minified stylesheet; put the version in the footer."""
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
    config.extra["polyfills"] = [shim_uri, *polyfills]
    # Pages link the minified stylesheet; its name changes with its content.
    stylesheet = assets.stylesheet.uri
    config.extra_css = [stylesheet if css == STYLESHEET else css for css in config.extra_css]
    config.extra["content_version"] = version.label


def use_study_files(config: MkDocsConfig) -> None:
    """Add the study edition's scripts and stylesheet, and tell the theme it is that edition."""
    config.extra_javascript.extend(study_edition.SCRIPTS)
    config.extra_css.append(study_edition.STYLESHEET)
    config.extra["miles_study"] = {"tracked": study_edition.html_path(study_edition.TRACKED_PAGE)}
