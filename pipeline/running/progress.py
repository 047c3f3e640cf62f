"""A progress bar for long runs: documents/s and events found, on standard error.

Shown only when standard error is a terminal (or when asked for), so logs and
pipes stay clean.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Count documents and events as a run goes.

    enabled (bool | None): True shows the bar, False hides it, None shows it
        when ``file`` is a terminal.
    initial (int): documents already done (a resumed run).
    file (TextIO | None): where to draw (standard error if None).
    """

    def __init__(self, enabled: bool | None = None, initial: int = 0, file: TextIO | None = None) -> None:
        file = file or sys.stderr
        if enabled is None:
            enabled = bool(getattr(file, "isatty", lambda: False)())
        self.enabled = enabled
        self.documents = initial
        self.events = 0
        self._bar = tqdm(
            desc="extract", unit=" docs", initial=initial, file=file, disable=not enabled,
            dynamic_ncols=True, mininterval=0.5, smoothing=0.05,
        )

    def update(self, documents: int = 1, events: int = 0) -> None:
        """Add ``documents`` finished documents that yielded ``events`` events."""
        self.documents += documents
        self.events += events
        if self.enabled:
            self._bar.set_postfix_str(f"{self.events:,} events", refresh=False)
            self._bar.update(documents)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
