"""Reading a source file as text: every way it can be unreadable becomes a problem to act on.

Every source (Markdown page, YAML scenario, checklist or data file, captions file) is read by
:func:`read_source`: a folder, a broken link, a missing permission, UTF-16 or a byte that is not
UTF-8 and an invisible control character pasted from Word each become a ``file:line`` problem
that says how to fix it, never a traceback.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from miles_site.errors import ContentIssue

SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: Save as, then choose the encoding UTF-8)"

# Characters no editor shows and no page or YAML file needs: C0 controls other than tab and the
# line ends, DEL, and the C1 range (Windows-1252 text that was decoded as Latin-1 lands there).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Invisible characters that authors paste without knowing, named so that they can find them.
_CONTROL_NAMES = {
    0x00: "a NUL character",
    0x08: "a backspace character",
    0x0B: "a vertical tab (Word's Shift+Enter line break)",
    0x0C: "a form feed (a page break)",
    0x1B: "an escape character",
    0x7F: "a delete character",
}


def read_source(path: Path, root: Path) -> tuple[str | None, list[ContentIssue]]:
    """Read a source file as UTF-8 text, or say why it cannot be read and how to fix that.

    A UTF-8 byte-order mark (Notepad writes one) is dropped, as MkDocs does; line ends stay as
    they are, YAML and the front-matter pattern accept both.
    """
    file = relative_name(path, root)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return None, [_file_issue(file, "this is a folder, not a file; rename or remove it")]
    except FileNotFoundError:
        return None, [_file_issue(file, "the file does not exist (a broken link?); restore it")]
    except PermissionError:
        return None, [
            _file_issue(file, "the file cannot be read (permission denied); make it readable")
        ]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [_file_issue(file, f"the file cannot be read ({reason}); check the disk")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [_file_issue(file, f"the file is saved as UTF-16 ('Unicode'); {SAVE_AS_UTF8}")]
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_issue(file, data, exc.start)]
    controls = [control_character_issue(file, text, m.start()) for m in _CONTROL.finditer(text)]
    return (None, controls) if controls else (text, [])


def control_character_issue(
    file: str, text: str, position: int, line_offset: int = 0
) -> ContentIssue:
    """Name the invisible character at ``position`` of ``text``, with its line and column."""
    code = ord(text[position])
    line = text.count("\n", 0, position) + 1 + line_offset
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    name = _CONTROL_NAMES.get(code, "an invisible control character")
    if 0x80 <= code <= 0x9F:
        guess = bytes([code]).decode("cp1252", errors="replace")
        if guess.isprintable() and guess != "\ufffd":
            name = f"an invisible control character (probably '{guess}' read in the wrong encoding)"
    return ContentIssue(
        file,
        line,
        "",
        f"{name} (U+{code:04X}) at column {column} is not allowed; delete it, or type a "
        "space or a normal line break in its place",
    )


def _file_issue(file: str, message: str) -> ContentIssue:
    """Make a problem with a whole file (no line to point at)."""
    return ContentIssue(file, 0, "", message)


def _encoding_issue(file: str, data: bytes, start: int) -> ContentIssue:
    """Say where the first byte that is not UTF-8 sits, and what character it probably was."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    byte = data[start]
    guess = bytes([byte]).decode("cp1252", errors="replace")
    probably = f" (probably '{guess}' from Windows-1252)" if guess.isprintable() else ""
    return ContentIssue(
        file,
        line,
        "",
        f"the file is not UTF-8: byte 0x{byte:02X} at column {column}{probably} cannot be read; "
        f"{SAVE_AS_UTF8}",
    )


def relative_name(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` with forward slashes, or as given if outside it."""
    try:
        # Resolve the folder only: a link must be named as the author named it, not its target.
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
