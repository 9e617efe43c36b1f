"""What the ``miles`` commands share: the --root option and the sentence for an unwritable file.

A module of its own, so that the study commands can use them without importing cli.py (which
registers those commands, and would import itself in a circle).
"""

from __future__ import annotations

from pathlib import Path

import click

root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder.",
)


def cannot_write(path: Path, exc: OSError) -> click.ClickException:
    """Say that ``path`` cannot be written, why, and what to do."""
    return click.ClickException(
        f"cannot write {path} ({exc.strerror or exc}); give a path in a folder that exists "
        "and that you may write to"
    )
