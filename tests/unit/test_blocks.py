"""Shortcodes: one list of kinds, each with a renderer, and ids checked before rendering."""

from __future__ import annotations

from miles_site.blocks import RENDERERS
from miles_site.render.shortcodes import KINDS, check_shortcodes

KNOWN = {"scenarios": None, "scenario": {"het-nieuws"}, "roles": {"", "melding"}}


def test_every_kind_has_a_renderer_and_every_renderer_a_kind() -> None:
    assert set(RENDERERS) == set(KINDS)


def problems(body: str) -> list[str]:
    return [str(issue) for issue in check_shortcodes("content/a.md", body, 5, KNOWN)]


def test_known_shortcodes_pass() -> None:
    body = "<!-- miles:scenarios -->\n<!-- miles:scenario het-nieuws -->\n<!-- miles:roles -->\n"
    assert problems(body + "<!-- miles:roles melding -->\n") == []


def test_each_wrong_shortcode_says_what_to_write() -> None:
    body = (
        "Tekst.\n"
        "<!-- miles:scenarioos -->\n"
        "<!-- miles:scenarios het-nieuws -->\n"
        "<!-- miles:scenario het-nieuw -->\n"
        "<!-- miles:roles fase-9 -->\n"
    )
    assert problems(body) == [
        "content/a.md:6: miles:scenarioos: unknown shortcode kind 'scenarioos'; use one of "
        "roles, scenario, scenarios",
        "content/a.md:7: miles:scenarios: the scenarios block takes no id; remove 'het-nieuws'",
        "content/a.md:8: miles:scenario: unknown scenario id 'het-nieuw'; use one of het-nieuws",
        "content/a.md:9: miles:roles: unknown roles id 'fase-9'; use one of melding (or leave "
        "the id out)",
    ]
