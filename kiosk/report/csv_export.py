"""Attendees as CSV in UTF-8 with a BOM, so Korean Excel opens it without mangling Hangul."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.domain.privacy import neutralise_cell
from kiosk.report.columns import ATTENDEE_COLUMNS
from kiosk.report.data import ReportData

ENCODING = "utf-8-sig"  # the BOM is what makes Excel read UTF-8 instead of CP949


def _text(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "datetime" and isinstance(value, datetime):
        # Local wall-clock time of the event (Asia/Seoul), like the Excel file.
        return value.replace(tzinfo=None).isoformat(" ", "seconds")
    return neutralise_cell(value)


def write_csv(data: ReportData, path: str | Path) -> Path:
    columns = ATTENDEE_COLUMNS
    with open(path, "w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, dialect="excel")  # CRLF line ends, quotes where needed
        writer.writerow([c.header for c in columns])
        for index, person in enumerate(data.attendees, start=1):
            line = [_text(c.get(person), c.kind) for c in columns]
            line[0] = index
            writer.writerow(line)
    return Path(path)
