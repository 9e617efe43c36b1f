"""The purged Material stylesheet styles every state the site reaches exactly as the full one.

The build keeps only the rules of Material's stylesheet whose words occur in the site
(src/miles_site/unused_css.py). Material's JavaScript adds classes and elements after load: the
drawer, search results, tooltips, the header shadow, the back-to-top button, focus rings. Each
test brings a page into such a state with the purged stylesheet, records the computed style of
every element (and of its ::before and ::after), then adds Material's full stylesheet right after
the purged one and compares. Every purged rule is also in the full stylesheet, later in the
cascade, so the page then looks exactly as it would with the full stylesheet alone: any
difference is a rule the purge dropped although the page needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from support.site import BuiltSite

FULL_CSS = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/main.*.min.css"))
FULL_URL = "assets/stylesheets/material-full-for-test.css"
TOPIC = "behandeling/bedrijfsarts-en-baco.html"
SCENARIO = "gesprekken/het-nieuws.html"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Records the computed style of the <html> element and everything in <body>, by element, once
# every transition has ended. A pseudo-element counts only when it is drawn (content is not
# none). Custom properties are left out: the purge drops those no kept rule uses, and what the
# kept ones do shows in the standard properties. Margins are compared through the box each
# element takes on the page: Chromium reports a resolved 'auto' margin of the sticky header
# sometimes as 0px, sometimes as its real width, with the same rules. Chromium lays out the
# content of a closed <details> only when asked, so every element's size is asked for first.
COMPARE = """
async (fullUrl) => {
  const settled = () => Promise.all(
    document.getAnimations().map(a => a.finished.catch(() => null)));
  const running = () => document.getAnimations().some(a => a.playState === "running");
  const once = async () => {
    // A transition may start while the styles are read (Material shows a tooltip on a timer):
    // read again until no animation ran during the reading.
    for (let attempt = 0; ; attempt++) {
      await settled();
      const styles = snapshot();
      if (!running() || attempt >= 10) return styles;
    }
  };
  const snapshot = () => {
    const styles = new Map();
    for (const element of [document.documentElement, ...document.body.querySelectorAll("*")]) {
      const parts = {};
      for (const pseudo of ["", "::before", "::after"]) {
        const style = getComputedStyle(element, pseudo || null);
        const values = {content: style.content};
        if (!pseudo) {
          const box = element.getBoundingClientRect();
          values.box = [box.x, box.y, box.width, box.height].map(Math.round).join(" ");
        }
        if (!pseudo || !["none", "normal"].includes(style.content)) {
          for (let i = 0; i < style.length; i++) {
            if (!/^(--|margin)/.test(style[i])) values[style[i]] = style.getPropertyValue(style[i]);
          }
        }
        parts[pseudo] = values;
      }
      styles.set(element, parts);
    }
    return styles;
  };
  const record = async () => {
    for (const element of document.body.querySelectorAll("*")) getComputedStyle(element).blockSize;
    return once();
  };
  const purged = await record();
  const link = [...document.querySelectorAll("link[rel=stylesheet]")]
    .find(l => /\\/material\\.[0-9a-f]+\\.min\\.css$/.test(l.href));
  if (!link) return ["the page does not link the purged stylesheet"];
  const full = document.createElement("link");
  full.rel = "stylesheet";
  full.href = fullUrl;
  const loaded = new Promise((resolve, reject) => {
    full.onload = resolve;
    full.onerror = reject;
  });
  link.after(full);
  await loaded;
  link.remove();
  const complete = await record();
  const name = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + (typeof element.className === "string" && element.className.trim()
       ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  const differences = [];
  for (const [element, parts] of purged) {
    if (!complete.has(element) || differences.length >= 20) continue;
    for (const [pseudo, before] of Object.entries(parts)) {
      const after = complete.get(element)[pseudo];
      const property = [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .find(key => before[key] !== after[key]);
      if (property) {
        differences.push(`${name(element)}${pseudo} ${property}: purged `
          + `${JSON.stringify(before[property])}, full ${JSON.stringify(after[property])}`);
      }
    }
  }
  return differences;
}
"""


def serve_full_stylesheet(route: Route) -> None:
    """Answer the test's own address with Material's complete stylesheet."""
    route.fulfill(body=FULL_CSS.read_bytes(), content_type="text/css")


def drawer_open(page: Page) -> None:
    """Open the navigation drawer on a phone."""
    page.locator("label.md-header__button[for=__drawer]").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()


def open_search(page: Page) -> None:
    """Open search: the magnifier on a phone, the search box on a wide screen."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        page.locator("input.md-search__input").click()
    expect(page.locator("input.md-search__input")).to_be_focused()


def search_results(page: Page) -> None:
    """Open search and type a word with results."""
    open_search(page)
    page.locator("input.md-search__input").fill("bedrijfsarts")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def search_nothing(page: Page) -> None:
    """Search a word nothing matches, so that our suggestions show."""
    open_search(page)
    page.locator("input.md-search__input").fill("qqzzxx")
    expect(page.locator(".miles-search-help a").first).to_be_visible()


def tooltip(page: Page) -> None:
    """Point at a glossary term, so that Material shows its explanation."""
    page.locator("article abbr").first.hover()
    expect(page.locator(".md-tooltip2--active")).to_be_visible()


def scrolled_back(page: Page) -> None:
    """Scroll down (header shadow, table of contents follows), then up (back-to-top button)."""
    page.mouse.move(640, 450)
    page.mouse.wheel(0, 2400)
    expect(page.locator(".md-header--shadow")).to_have_count(1)
    page.mouse.wheel(0, -300)
    expect(page.locator(".md-top")).to_be_visible()


def keyboard_focus(page: Page) -> None:
    """Tab to the skip link and on into the page (focus rings, the skip link shown)."""
    page.keyboard.press("Tab")
    expect(page.locator(".miles-skip")).to_be_focused()
    for _ in range(4):
        page.keyboard.press("Tab")
    expect(page.locator(".focus-visible")).to_have_count(1)


def details_and_player(page: Page) -> None:
    """Open the transcript and a choice's explanation, and take a choice in the player."""
    page.locator(".miles-transcript > summary").click()
    page.locator(".miles-feedback > summary").first.click()
    page.locator(".miles-player__choices button").first.click()
    expect(page.locator(".miles-player__feedback p").first).to_be_visible()


def printed(page: Page) -> None:
    """Print media, after the beforeprint event that opens every details block."""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")


def loaded(page: Page) -> None:
    """The page as it loads, with Material's script done (tables wrapped, and so on)."""
    expect(page.locator("html.js")).to_have_count(1)


STATES: dict[str, tuple[str, dict[str, int], Callable[[Page], None]]] = {
    "home": ("index.html", DESKTOP, loaded),
    "planner": ("planner.html", DESKTOP, loaded),
    "checklist": ("checklists/plan-van-aanpak.html", DESKTOP, loaded),
    "drawer on a phone": (TOPIC, PHONE, drawer_open),
    "search with results": (TOPIC, DESKTOP, search_results),
    "search without results": (TOPIC, DESKTOP, search_nothing),
    "search on a phone": (TOPIC, PHONE, search_results),
    "tooltip of a term": (TOPIC, DESKTOP, tooltip),
    "scrolled: header shadow, back to top": (TOPIC, DESKTOP, scrolled_back),
    "keyboard focus": (TOPIC, DESKTOP, keyboard_focus),
    "details and player": (SCENARIO, DESKTOP, details_and_player),
    "print": (SCENARIO, DESKTOP, printed),
}


@pytest.mark.parametrize("state", list(STATES))
def test_purged_stylesheet_looks_like_the_full_one(
    browser: Browser, base_url: str, built_site: BuiltSite, state: str
) -> None:
    path, viewport, reach = STATES[state]
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    try:
        context.route(f"{base_url}{FULL_URL}", serve_full_stylesheet)
        page = context.new_page()
        page.goto(base_url + path)
        reach(page)
        differences = page.evaluate(COMPARE, base_url + FULL_URL)
    finally:
        context.close()
    lacking = "\n".join(differences)
    assert differences == [], f"{state} on {path}: the purged stylesheet lacks rules:\n{lacking}"


def test_the_site_links_the_purged_stylesheet_only(built_site: BuiltSite) -> None:
    stylesheets = built_site.site / "assets/stylesheets"
    assert not list(stylesheets.glob("main.*.min.css")), "Material's full stylesheet is shipped"
    (purged,) = stylesheets.glob("material.*.min.css")
    assert purged.stat().st_size < FULL_CSS.stat().st_size / 2
    for page in built_site.pages():
        html = (built_site.site / page).read_text(encoding="utf-8")
        if "assets/stylesheets/" in html:
            assert "stylesheets/main." not in html, f"{page} links Material's full stylesheet"
            assert f"stylesheets/{purged.name}" in html, f"{page} lacks the purged stylesheet"
