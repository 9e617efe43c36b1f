"""The built site through the tools our users' auditors run: pa11y, Lighthouse and the Nu checker.

The three start together (one module fixture) and overlap: the Nu HTML Checker reads the files,
pa11y and Lighthouse drive the session's one Chromium (through its DevTools port) over the
session's one local server. Each test waits for its own tool and reports its figures.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from support.auditors import VNU_QUIRKS, Run, is_quirk, node, vnu, vnu_messages
from support.site import BuiltSite

# The home page, a scenario and the planner: the pages with most of the site's own components.
LIGHTHOUSE_PAGES = ("index.html", "gesprekken/het-nieuws.html", "planner.html")
# Enough for a loaded two-core machine; an idle one needs a fraction.
TIMEOUT = 600


@pytest.fixture(scope="module")
def auditors(
    built_site: BuiltSite,
    base_url: str,
    browser: Browser,
    devtools_port: int,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[dict[str, Run]]:
    """Start the auditors whose tests run (all three in `make test`) at once."""
    folder = tmp_path_factory.mktemp("auditors")
    urls = [base_url + path.as_posix() for path in built_site.pages()]
    for path in LIGHTHOUSE_PAGES:
        assert (built_site.site / path).is_file(), path
    devtools = f"http://127.0.0.1:{devtools_port}"
    runs = {
        "pa11y": Run("pa11y", node("pa11y.mjs", devtools, *urls), folder),
        "lighthouse": Run(
            "lighthouse",
            node("lighthouse.mjs", str(devtools_port), *(base_url + p for p in LIGHTHOUSE_PAGES)),
            folder,
        ),
        "vnu": Run("vnu", vnu(built_site.site), folder),
    }
    wanted = {
        marker.args[0] for item in request.session.items for marker in item.iter_markers("auditor")
    }
    runs = {name: run.start() for name, run in runs.items() if name in wanted}
    yield runs
    for run in runs.values():
        run.stop()


@pytest.mark.auditor("pa11y")
def test_pa11y_htmlcs_finds_no_wcag2aa_error_on_any_page(
    auditors: dict[str, Run], built_site: BuiltSite, base_url: str, figures: list[str]
) -> None:
    run = auditors["pa11y"]
    report = json.loads(run.result(TIMEOUT))
    pages = report["pages"]
    errors = [
        f"{url.removeprefix(base_url)}: {issue['code']}: {issue['message']} -> {issue['context']}"
        for url, found in pages.items()
        for issue in found["errors"]
    ]
    warnings: Counter[str] = Counter()
    for found in pages.values():
        warnings.update(found["warnings"])
    no_caption = {
        url.removeprefix(base_url): count
        for url, found in pages.items()
        if (count := found["warnings"].get("WCAG2AA.Principle1.Guideline1_3.1_3_1.H39.3.NoCaption"))
    }
    figures.append(
        f"pa11y (htmlcs, WCAG2AA): {len(pages)} pages, {len(errors)} errors, "
        f"{sum(warnings.values())} warnings, {run.seconds:.0f} s"
    )
    assert len(pages) == len(built_site.pages())
    assert errors == []
    assert no_caption == {}, "tables without a caption"


@pytest.mark.auditor("vnu")
def test_nu_html_checker_finds_only_the_listed_material_quirks(
    auditors: dict[str, Run], built_site: BuiltSite, figures: list[str]
) -> None:
    run = auditors["vnu"]
    messages = vnu_messages(run.result(TIMEOUT))
    errors = [message for message in messages if not is_quirk(message)]
    figures.append(
        f"Nu HTML Checker: {len(built_site.pages())} pages, {len(errors)} errors, "
        f"{len(messages) - len(errors)} Material quirks accepted, {run.seconds:.0f} s"
    )
    site = f"{built_site.site.as_posix()}/"
    assert [
        f"{m.get('url', '').partition(site)[2]}:{m.get('lastLine')}: {m.get('message')} -> "
        f"{m.get('extract', '').strip()}"
        for m in errors
    ] == []
    unused = [q.message for q in VNU_QUIRKS if not any(is_quirk(m, [q]) for m in messages)]
    assert unused == [], "Material no longer does this: take it out of VNU_QUIRKS"


@pytest.mark.auditor("lighthouse")
def test_lighthouse_scores_100_for_accessibility_and_best_practices_on_mobile(
    auditors: dict[str, Run], base_url: str, figures: list[str]
) -> None:
    run = auditors["lighthouse"]
    report = json.loads(run.result(TIMEOUT))
    below = {}
    for url, page in report["pages"].items():
        scores = page["scores"]
        figures.append(
            f"Lighthouse ({page['formFactor']}) {url.removeprefix(base_url)}: accessibility "
            f"{scores['accessibility']}, best practices {scores['best-practices']}"
        )
        if scores != {"accessibility": 100, "best-practices": 100} or page["failed"]:
            below[url.removeprefix(base_url)] = page["failed"]
    figures.append(f"Lighthouse: {len(report['pages'])} pages, {run.seconds:.0f} s")
    assert set(report["pages"]) == {base_url + path for path in LIGHTHOUSE_PAGES}
    assert below == {}
