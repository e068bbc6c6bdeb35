"""What the user can tell the readers (the CLI's `--text-column` etc.)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReaderOptions:
    """Column overrides and limits. A column option names a field of a JSONL/CSV record
    (case-insensitive); None means autodetect (see `fields.py`)."""

    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    url_column: str | None = None
    id_column: str | None = None
    source_column: str | None = None
    time_column: str | None = None
    html_column: str | None = None
    # Numeric dates like 5/6/2025: True = day first, False = month first, None = learn it per file
    # from the first unambiguous value (13/6 or 6/13), day first until then (see published.py).
    dayfirst: bool | None = None
    # A record (JSONL line, CSV row, text file) larger than this is reported and skipped.
    max_record_bytes: int = 50 * 1024 * 1024
    # Keep fields of the record that are not mapped to Article fields in `meta["fields"]`.
    keep_extra_fields: bool = True
