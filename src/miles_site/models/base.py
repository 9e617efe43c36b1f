"""Shared model base and the translation of pydantic errors into author-facing issues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from miles_site.errors import ContentIssue
from miles_site.models.types import PATTERN_HINTS
from miles_site.sources import LoadedYaml, load_yaml_file

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def validate(
    model: type[M], loaded: LoadedYaml, *, context: Any = None
) -> tuple[M | None, list[ContentIssue]]:
    """Validate loaded YAML against ``model``; return the instance or every problem found."""
    if not isinstance(loaded.data, dict):
        if loaded.data is None:
            message = "there are no fields here; write them as 'key: value' lines"
        else:
            message = (
                f"expected fields ('key: value' lines), found {describe(loaded.data)}; "
                "write the fields at the start of the line, not as a list"
            )
        return None, [loaded.issue((), message)]
    try:
        return model.model_validate(loaded.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [_issue(loaded, e) for e in errors if not _follows_from(e, errors)]


def describe(value: Any) -> str:
    """Name what an author wrote, in their terms: 'the number 3', 'a list', 'nothing'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "fields ('key: value' lines)"
    return type(value).__name__


# For the errors that say "expected X": what X is called, and how to write one.
_EXPECTED = {
    "string_type": ("text", "write text (put it in quotes if it looks like a number or a date)"),
    "int_type": ("a whole number", "write a number such as 3"),
    "int_parsing": ("a whole number", "write a number such as 3"),
    "int_from_float": ("a whole number", "write a number without decimals"),
    "bool_type": ("true or false", "write true or false"),
    "bool_parsing": ("true or false", "write true or false"),
    "tuple_type": ("a list", "write a list: one '- item' line per item, or [a, b]"),
    "list_type": ("a list", "write a list: one '- item' line per item, or [a, b]"),
    "dict_type": ("fields", "write 'key: value' lines indented under this key"),
    "model_type": ("fields", "write 'key: value' lines indented under this key"),
    "model_attributes_type": ("fields", "write 'key: value' lines indented under this key"),
}
_BOUNDS = {
    "greater_than_equal": ("ge", "of at least"),
    "greater_than": ("gt", "above"),
    "less_than_equal": ("le", "of at most"),
    "less_than": ("lt", "below"),
}


def _issue(loaded: LoadedYaml, error: Any) -> ContentIssue:
    """Turn one pydantic error into a ContentIssue with a message an author can act on."""
    raw_loc = tuple(error["loc"])
    loc = _as_written(loaded.data, tuple(part for part in raw_loc if not _is_internal(part)))
    return loaded.issue(loc, _message(error, loc[-1] if loc else "", "[key]" in raw_loc))


def _as_written(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Name mapping keys as text, as the line map does: a node written '404:' is 'nodes.404'."""
    found: list[str | int] = []
    for part in loc:
        if isinstance(data, dict):
            key = next((k for k in data if str(k) == str(part)), part)
            found.append(str(key))
            data = data.get(key)
        else:
            found.append(part)
            is_item = isinstance(data, list) and isinstance(part, int) and part < len(data)
            data = data[part] if is_item else None
    return tuple(found)


def _message(error: Any, field: Any, is_key: bool) -> str:
    """Say what is wrong with one value and what to write instead."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    if is_key and kind == "string_type":
        return f"the key {describe(value)} must be text; put it in quotes"
    if kind == "missing":
        return f"required field '{field}' is missing; add it"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'; check the spelling against the schema"
    if kind.startswith(("date_", "datetime_")):
        return f"'{value}' is not a valid date; write it as YYYY-MM-DD"
    if kind == "literal_error":
        return f"'{value}' is not allowed; use one of {ctx.get('expected', '')}"
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        plural = "s" if limit != 1 else ""
        fix = "add more" if kind == "too_short" else "remove some"
        return f"needs {word} {limit} item{plural}, found {ctx.get('actual_length')}; {fix}"
    if kind == "string_too_short":
        return "the text is empty; write something here"
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(ctx.get("pattern"), f"match the pattern {ctx.get('pattern')}")
        return f"'{value}' is not allowed here; {hint}"
    if kind in _EXPECTED:
        name, how = _EXPECTED[kind]
        return f"expected {name}, found {describe(value)}; {how}"
    if kind.startswith("url_"):
        return f"{describe(value)} is not a web address; write it in full, starting with https://"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"{describe(value)} is out of range; use a number {words} {ctx.get(key)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg'][0].lower()}{error['msg'][1:]}; check this field against the schema"


def load_model(
    path: Path, root: Path, model: type[M], *, context: Any = None
) -> tuple[M | None, LoadedYaml | None, list[ContentIssue]]:
    """Parse one YAML file and validate it: the model, its line map, and every problem found.

    The model is None when the file does not parse or validate; a file with a duplicate key
    still yields its model, with the duplicate among the problems.
    """
    loaded, issues = load_yaml_file(path, root)
    if loaded is None:
        return None, None, issues
    value, invalid = validate(model, loaded, context=context)
    return value, loaded, issues + invalid


def id_matches_file(loaded: LoadedYaml, model_id: str, path: Path) -> list[ContentIssue]:
    """Check that a source's id is its file name: links and page addresses are made from it."""
    if model_id == path.stem:
        return []
    return [
        loaded.issue(
            ("id",), f"id '{model_id}' differs from the file name '{path.name}'; make them the same"
        )
    ]


def review_overdue(
    file: str, line: int, due: dt.date, today: dt.date, kind: str
) -> list[ContentIssue]:
    """Warn when a source's review date has passed (a soft problem: it fails strict builds)."""
    if due >= today:
        return []
    return [
        ContentIssue(
            file,
            line,
            "review_due",
            f"the review date {due} has passed; check the {kind} against its sources, "
            "then update last_reviewed and review_due",
        )
    ]


def _follows_from(error: Any, errors: list[Any]) -> bool:
    """Tell whether a too-short list is only the echo of its items' own errors."""
    if error["type"] != "too_short":
        return False
    loc = tuple(error["loc"])
    return any(
        tuple(other["loc"])[: len(loc)] == loc and len(other["loc"]) > len(loc) for other in errors
    )


def _is_internal(part: Any) -> bool:
    """Pydantic adds union/function tags to locations; authors never wrote those."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
