"""The Jinja2 environment for everything the package renders (autoescape always on)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def nl_date(value: dt.date | str | None) -> str:
    """Format a date the Dutch way: '23 november 2026'."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]{}#|"})


def md_text(value: str) -> str:
    """Escape text for use inside Markdown, so that YAML text is never read as markup."""
    return str(value).translate(_MARKDOWN_SPECIAL)


@cache
def environment() -> Environment:
    """Return the shared Jinja2 environment that loads templates from the package."""
    env = Environment(
        loader=PackageLoader("miles_site", "templates"),
        # Everything is escaped except Mermaid maps, which are not HTML (they quote on their own).
        autoescape=lambda name: not (name or "").endswith(".mmd.j2"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["nl_date"] = nl_date
    env.filters["md_text"] = md_text
    return env


def render(template: str, **context: Any) -> str:
    """Render one package template with ``context``."""
    return environment().get_template(template).render(**context)
