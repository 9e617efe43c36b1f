"""The sidebar, pruned to the current section, still reaches every page in two clicks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from support.site import BuiltSite

PHASES = ("melding", "behandeling", "plan-terugkeer", "terug-aan-het-werk", "als-het-anders-loopt")
# Links a reader can see and click in the sidebar (collapsed sections are hidden, not removed).
VISIBLE_SIDEBAR_LINKS = """() => [...document.querySelectorAll('nav.md-nav--primary a')]
    .filter(a => {
        const box = a.getBoundingClientRect();
        return box.width > 0 && box.height > 0
            && a.checkVisibility({opacityProperty: true, visibilityProperty: true});
    })
    .map(a => a.href.split('#')[0])"""


def sidebar_targets(page: Page, url: str) -> set[str]:
    """Open ``url`` and return the pages its sidebar links to."""
    page.goto(url, wait_until="load")
    return set(page.evaluate(VISIBLE_SIDEBAR_LINKS))


@pytest.mark.parametrize("start", ["index.html", "terug-aan-het-werk/late-gevolgen.html"])
def test_every_page_is_two_sidebar_clicks_away(
    page: Page, base_url: str, built_site: BuiltSite, start: str
) -> None:
    every_page = {base_url + p.as_posix() for p in built_site.pages() if p.name != "404.html"}
    one_click = sidebar_targets(page, base_url + start)
    assert len(one_click) < len(every_page) / 2, "the sidebar should list one section, not all"
    two_clicks = set(one_click)
    for target in sorted(one_click):
        two_clicks |= sidebar_targets(page, target)
    phases = {base_url + f"{phase}/index.html" for phase in PHASES}
    assert phases <= one_click, "every phase is one click away"
    assert sorted(every_page - two_clicks) == []
