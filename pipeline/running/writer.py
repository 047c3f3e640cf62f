"""Write event records as JSON Lines, whole lines only.

All records of one document go out in a single ``write`` on an unbuffered
file, so an interrupted run leaves only whole lines behind (and ``--resume``
can trust every line it finds). ``-`` writes to standard output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ...models import Event


def dump_line(event: Event) -> str:
    """RETURNS (str): one record as a JSON line (``model_dump_json``, once per line)."""
    return event.model_dump_json() + "\n"


class EventWriter:
    """A JSONL sink for events, document by document.

    path (str | Path): the output file, or "-" for standard output.
    append (bool): keep what the file holds (for ``--resume``).
    """

    def __init__(self, path: str | Path, append: bool = False) -> None:
        self.path = str(path)
        self.count = 0
        if self.path == "-":
            self._fd = None
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            self._fd = os.open(self.path, flags, 0o644)

    def write(self, events: Iterable[Event]) -> int:
        """Write one document's events at once; RETURNS (int): how many."""
        lines = [dump_line(e) for e in events]
        if not lines:
            return 0
        data = "".join(lines).encode("utf-8")
        if self._fd is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        self.count += len(lines)
        return len(lines)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
