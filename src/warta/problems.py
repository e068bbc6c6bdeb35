"""Bad input is reported, counted and skipped; the run carries on.

Every problem is one line on stderr naming where it happened (file, line or record) and why.
The CLI turns the counts into the exit status (see `EXIT_SKIPPED`).
"""
from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

# Exit statuses of the CLI, documented in the README.
EXIT_OK = 0
EXIT_ERROR = 1  # the command could not run at all (bad arguments, unreadable database, ...)
EXIT_USAGE = 2  # wrong command-line usage (typer/click's own status)
EXIT_SKIPPED = 3  # the command ran, but some inputs or articles were skipped; stderr says which


class Problems:
    """Collects per-input problems: prints each as one line and counts them by kind."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, limit: int = 1000):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.limit = limit  # after this many lines, keep counting but stop printing
        self.counts: Counter[str] = Counter()
        self.printed = 0

    def report(self, where: str, reason: str, kind: str = "skipped") -> None:
        self.counts[kind] += 1
        if self.quiet:
            return
        if self.printed < self.limit:
            print(f"warta: {where}: {reason}", file=self.stream)
        elif self.printed == self.limit:
            print(f"warta: more than {self.limit} problems; counting the rest silently", file=self.stream)
        self.printed += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.counts.items()))
        return parts or "no problems"
