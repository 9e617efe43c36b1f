"""Shared model base and the translation of pydantic errors into author-facing issues."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from miles_site.errors import ContentIssue
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
        kind = "empty" if loaded.data is None else type(loaded.data).__name__
        return None, [loaded.issue((), f"expected a mapping of fields, found {kind}")]
    try:
        return model.model_validate(loaded.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [_issue(loaded, model, e) for e in errors if not _follows_from(e, errors)]


def _issue(loaded: LoadedYaml, model: type[BaseModel], error: Any) -> ContentIssue:
    """Turn one pydantic error into a ContentIssue with a message an author can act on."""
    loc = tuple(part for part in error["loc"] if not _is_internal(part))
    kind = error["type"]
    field = loc[-1] if loc else ""
    if kind == "missing":
        message = f"required field '{field}' is missing"
    elif kind == "extra_forbidden":
        message = f"unknown field '{field}'; check the spelling against the schema"
    elif kind.startswith(("date_", "datetime_")):
        message = f"'{error.get('input')}' is not a valid date; write it as YYYY-MM-DD"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"'{error.get('input')}' is not allowed; use one of {expected}"
    elif kind in ("too_short", "too_long"):
        ctx = error.get("ctx", {})
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        plural = "s" if limit != 1 else ""
        message = f"needs {word} {limit} item{plural}, found {ctx.get('actual_length')}"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    else:
        message = error["msg"][0].lower() + error["msg"][1:]
    return loaded.issue(loc, message)


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
