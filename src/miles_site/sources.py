"""Finding the sources, and line-aware loading of YAML files and Markdown front matter.

Files are read by :func:`miles_site.reading.read_source`. YAML is parsed by
:func:`load_yaml_text`, which turns every YAML error into a ``file:line`` problem an author can act
on. PyYAML's composer keeps a mark (line, column) on every node; we walk the node tree once to
record the line of every key path, so that a validation error at ``nodes.start.choices[1].next``
can be reported at the line an author has to edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from miles_site.errors import ContentIssue
from miles_site.reading import control_character_issue, read_source, relative_name

Loc = tuple[str | int, ...]


# libyaml's parser keeps marks too and is many times faster than the pure-Python one.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that leaves dates as text, so that the models report a bad date with its line.

    PyYAML would turn ``2026-13-01`` into a constructor crash instead of a validation error.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class LoadedYaml:
    """Parsed YAML data plus the source line of every key path in it."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    first_line: int = 1
    text: str = ""

    def line_of(self, loc: Loc) -> int:
        """Return the line of ``loc``, or of its nearest ancestor that has a line."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return self.first_line

    def issue(self, loc: Loc, message: str) -> ContentIssue:
        """Make a ContentIssue located at ``loc`` in this file."""
        return ContentIssue(self.file, self.line_of(loc), format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """Format a key path as authors read it: ``nodes.start.choices[1].next``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_yaml_text(
    text: str, file: str, *, line_offset: int = 0
) -> tuple[LoadedYaml | None, list[ContentIssue]]:
    """Parse YAML text; return the data with its line map, or the problems that stop parsing.

    ``line_offset`` is added to every line, for YAML that starts further down a file (front matter).
    Every YAML error becomes a problem at its line; none escapes.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(file, None, {}, line_offset + 1, text), []
        issues: list[ContentIssue] = []
        lines: dict[Loc, int] = {}
        _record_lines(node, (), lines, issues, file, line_offset)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        return None, [_yaml_issue(exc, text, file, line_offset)]
    except RecursionError:
        return None, [
            ContentIssue(file, line_offset + 1, "", "the YAML is nested too deeply; flatten it")
        ]
    finally:
        loader.dispose()
    return LoadedYaml(file, data, lines, node.start_mark.line + 1 + line_offset, text), issues


def _yaml_issue(exc: yaml.YAMLError, text: str, file: str, offset: int) -> ContentIssue:
    """Turn any PyYAML error into a problem at its line, with what to change."""
    if isinstance(exc, yaml.reader.ReaderError):
        # Raised for characters YAML does not allow, e.g. a vertical tab pasted from Word. Its
        # position counts bytes with libyaml and characters without, so find the character.
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        return control_character_issue(file, text, text.find(chr(code)), offset)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ContentIssue(file, offset + 1, "", f"YAML error: {exc}; check the file's syntax")
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + offset
    problem = exc.problem or "invalid YAML"
    if isinstance(exc, yaml.constructor.ConstructorError):
        return ContentIssue(
            file,
            line,
            "",
            f"YAML error: {problem}; write plain text, numbers, lists and fields only "
            "(no tags such as !!python or complex keys)",
        )
    if mark is not None and _char_at(text, mark) == "\t":
        return ContentIssue(
            file,
            line,
            "",
            "YAML syntax error: a tab character is used for indentation; indent with spaces",
        )
    hint = f" ({exc.context})" if exc.context else ""
    return ContentIssue(
        file,
        line,
        "",
        f"YAML syntax error: {problem}{hint}; check indentation "
        "and quote text that contains ': ' or starts with a special character",
    )


def _char_at(text: str, mark: yaml.Mark) -> str:
    """Return the character a YAML error mark points at ('' past the end)."""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


def _record_lines(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    issues: list[ContentIssue],
    file: str,
    offset: int,
) -> None:
    """Walk the composed node tree, recording lines and reporting duplicate keys."""
    lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                issues.append(
                    ContentIssue(
                        file,
                        line,
                        format_loc((*loc, key)),
                        f"duplicate key '{key}' (first defined at line {seen[key]}); "
                        "every key must be unique",
                    )
                )
                continue
            seen[key] = line
            lines[(*loc, key)] = line
            _record_lines(value_node, (*loc, key), lines, issues, file, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*loc, index), lines, issues, file, offset)


def load_yaml_file(path: Path, root: Path) -> tuple[LoadedYaml | None, list[ContentIssue]]:
    """Read and parse one YAML file; file names in issues are relative to ``root``."""
    text, issues = read_source(path, root)
    if text is None:
        return None, issues
    return load_yaml_text(text, relative_name(path, root))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split Markdown into (front matter YAML or None, body, line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    return yaml_text, body, text[: match.end()].count("\n") + 1


def load_front_matter(text: str, file: str) -> tuple[LoadedYaml | None, list[ContentIssue]]:
    """Parse the front matter of a Markdown page (its YAML starts on line 2)."""
    yaml_text, _, _ = split_front_matter(text)
    if yaml_text is None:
        return None, [
            ContentIssue(
                file,
                1,
                "",
                "the page has no front matter; start the file "
                "with a '---' line, the fields (title, description, …) and "
                "another '---' line",
            )
        ]
    return load_yaml_text(yaml_text, file, line_offset=1)


def iter_files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Yield the sources under ``folder`` with one of ``suffixes``, sorted, skipping hidden ones.

    Folders and broken links whose names end in a source suffix (``x.yml/``) are yielded too, so
    that reading them reports them instead of leaving them out without a word.
    """
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.suffix in suffixes and not hidden:
            yield path
