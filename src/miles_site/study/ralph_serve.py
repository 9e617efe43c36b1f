"""Serve Ralph's LRS app with its file backend appending statements (run by .venv-lrs's Python).

Standalone on purpose: it runs in Ralph's own virtual environment, which does not have MiLES.
Ralph 5.1.0's file backend writes with its default 'create' mode, which refuses to write to a
file that exists: the second POST of statements fails with "already exists and overwrite is
not allowed". The backend's own 'append' mode is the one an LRS needs, so we make it the
default before the app starts. Usage: python ralph_serve.py PORT
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend


def main() -> None:
    """Start the LRS on 127.0.0.1 and the port given."""
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    port = int(sys.argv[1])
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, access_log=False)


if __name__ == "__main__":
    main()
