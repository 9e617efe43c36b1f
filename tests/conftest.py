"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from miles_site.build import build_site, make_offline_zip  # noqa: E402
from support.lrs import study_lrs, study_site, study_site_url  # noqa: E402, F401
from support.site import BuiltSite  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build the real project strictly, once, for every test that needs the output."""
    out = tmp_path_factory.mktemp("real-site")
    site = out / "site"
    build_site(ROOT / "mkdocs.yml", site)
    zip_path = out / "miles-offline.zip"
    make_offline_zip(site, zip_path, "MiLES")
    return BuiltSite(site, zip_path)


FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> list[str]:
    """Lines of figures (audit results, scores, timings) shown at the end of the test run."""
    return request.config.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures the tests collected."""
    lines = terminalreporter.config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.ensure_newline()
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden, which rewrites the golden files instead of comparing with them."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Tell whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-golden"))
