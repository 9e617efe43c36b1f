"""Content problems, reported compiler-style so that editors can jump to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentIssue:
    """One problem in one source file, at one line."""

    file: str
    line: int
    loc: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.loc}: {self.message}" if self.loc else f"{where}: {self.message}"


class ContentError(Exception):
    """Raised once after every problem of a run has been collected and reported."""

    def __init__(self, issues: Iterable[ContentIssue]) -> None:
        self.issues = sorted(set(issues))
        files = {issue.file for issue in self.issues}
        count = len(self.issues)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in {len(files)} "
            f"file{'s' if len(files) != 1 else ''}"
        )
