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


@cache
def environment() -> Environment:
    """Return the shared Jinja2 environment that loads templates from the package."""
    env = Environment(
        loader=PackageLoader("miles_site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["nl_date"] = nl_date
    return env


def render(template: str, **context: Any) -> str:
    """Render one package template with ``context``."""
    return environment().get_template(template).render(**context)
