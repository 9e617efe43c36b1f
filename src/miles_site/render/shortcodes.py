"""Shortcodes: HTML comments such as ``<!-- miles:scenario het-nieuws -->`` in Markdown pages.

A comment keeps the Markdown readable on GitHub and in any editor; the build replaces it with the
rendered block, and an unknown kind or id is a build error at the comment's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass

from miles_site.errors import ContentIssue

SHORTCODE = re.compile(r"<!--\s*miles:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[^\s>]+))?\s*-->")

# Every shortcode kind, and what its argument names: nothing (None), a scenario id, a checklist
# id, or optionally a phase id ("phase?"). The one list of kinds; blocks.RENDERERS follows it.
KINDS: dict[str, str | None] = {
    "phases": None,
    "scenarios": None,
    "scenario": "scenario",
    "checklists": None,
    "checklist": "checklist",
    "timeline": None,
    "planner": None,
    "roles": "phase?",
    "organisations": None,
    "glossary": None,
}


@dataclass(frozen=True)
class Shortcode:
    """One shortcode found in a page body."""

    kind: str
    arg: str
    line: int


def find_shortcodes(body: str, body_line: int = 1) -> Iterator[Shortcode]:
    """Yield the shortcodes in ``body``, with file lines counted from ``body_line``."""
    for match in SHORTCODE.finditer(body):
        line = body_line + body.count("\n", 0, match.start())
        yield Shortcode(match["kind"], match["arg"] or "", line)


def check_shortcodes(
    file: str, body: str, body_line: int, known: Mapping[str, Set[str] | None]
) -> list[ContentIssue]:
    """Report shortcodes of an unknown kind, with an id they do not take, or with an unknown id.

    ``known`` maps each kind to its valid ids, or to None for kinds that take no id; an empty
    string among the ids makes the id optional.
    """
    issues = []
    for code in find_shortcodes(body, body_line):
        message = _problem(code, known)
        if message:
            issues.append(ContentIssue(file, code.line, f"miles:{code.kind}", message))
    return issues


def _problem(code: Shortcode, known: Mapping[str, Set[str] | None]) -> str | None:
    """Say what is wrong with one shortcode and how to fix it, or return None."""
    if code.kind not in known:
        return f"unknown shortcode kind '{code.kind}'; use one of {', '.join(sorted(known))}"
    ids = known[code.kind]
    if ids is None:
        return f"the {code.kind} block takes no id; remove '{code.arg}'" if code.arg else None
    if code.arg in ids:
        return None
    names = ", ".join(sorted(i for i in ids if i))
    fix = f"use one of {names}" if names else "there are none yet; remove the shortcode"
    return f"unknown {code.kind} id '{code.arg}'; {fix}" + (
        " (or leave the id out)" if "" in ids else ""
    )


def replace_shortcodes(body: str, render_one: Callable[[str, str], str]) -> str:
    """Replace every shortcode with ``render_one(kind, arg)``, surrounded by blank lines."""
    return SHORTCODE.sub(lambda m: "\n\n" + render_one(m["kind"], m["arg"] or "") + "\n\n", body)
