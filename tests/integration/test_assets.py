"""The build's minifier: a clear error when esbuild is missing or our own script is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from support.projects import ROOT, line_of, miles, write_project


def project_with_own_theme(tmp_path: Path) -> Path:
    """A small project with its own copy of overrides/, which the test may break."""
    project = write_project(tmp_path / "project", {})
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def test_a_syntax_error_in_a_script_names_file_and_line(tmp_path: Path) -> None:
    project = project_with_own_theme(tmp_path)
    script = project / "overrides/assets/javascripts/miles-ics.js"
    text = script.read_text(encoding="utf-8").replace("var LIMIT = 75;", "var LIMIT = 75 +;")
    script.write_text(text, encoding="utf-8")
    (project / "build/site").mkdir(parents=True)
    (project / "build/site/index.html").write_text("vorige versie", encoding="utf-8")
    done = miles(project, "build")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    line = line_of(text, "var LIMIT = 75 +;")
    assert f"overrides/assets/javascripts/miles-ics.js:{line}: esbuild: Unexpected" in output
    assert "Traceback" not in output
    assert (project / "build/site/index.html").read_text(encoding="utf-8") == "vorige versie"


def test_a_missing_esbuild_says_how_to_install_it(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", {}, plugin_options={"esbuild": "geen/esbuild"})
    done = miles(project, "build")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "geen/esbuild: esbuild is missing; run 'npm ci' (make site does this)" in output
    assert "Traceback" not in output


def test_a_missing_purgecss_says_how_to_install_it_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", {}, plugin_options={"purgecss": "geen/purgecss"})
    (project / "build/site").mkdir(parents=True)
    (project / "build/site/index.html").write_text("vorige versie", encoding="utf-8")
    done = miles(project, "build")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "geen/purgecss: PurgeCSS is missing; run 'npm ci' (make site does this)" in output
    assert "Traceback" not in output
    assert (project / "build/site/index.html").read_text(encoding="utf-8") == "vorige versie"
