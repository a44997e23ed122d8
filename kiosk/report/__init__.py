"""The attendance report: Excel for the ministry, CSV of attendees, a PDF summary with charts.

`export_report` writes every requested file from one `ReportData` (gathered by the door service
with its own session: this package opens none). The Excel and CSV writers are pure Python; the
PDF writer uses Qt (QPdfWriter) and is imported only when asked for.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from kiosk.report.data import ReportData, gather
from kiosk.storage.private import private_file
from kiosk.storage.written import record_written

FORMATS = {".xlsx": "Excel", ".csv": "CSV", ".pdf": "PDF"}

# (fraction done 0..1, what is happening) — called from whichever thread runs the export.
Progress = Callable[[float, str], None]


class ReportTargetError(ValueError):
    """The output path cannot take a report (unknown extension, missing or read-only folder)."""


def report_format(path: str | Path) -> str:
    """ ".xlsx", ".csv" or ".pdf" from the file name; ReportTargetError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ReportTargetError(
            f"지원하지 않는 형식입니다: '{Path(path).name}' (.xlsx, .csv, .pdf 중 하나로 지정하세요)"
        )
    return suffix


def check_target(path: str | Path) -> Path:
    """Fail early, before any work, if the report could not be written there."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ReportTargetError(f"파일 이름이 아니라 폴더입니다: {target}")
    report_format(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportTargetError(f"저장할 폴더가 없습니다: {folder}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ReportTargetError(f"이 위치에 쓸 권한이 없습니다: {target}")
    return target


def write_report(data: ReportData, path: str | Path) -> Path:
    """Write one file; the format comes from its extension.

    The file is written beside its target and renamed into place, so a failed export never
    leaves a half-written report where the old one was.
    """
    target = check_target(path)
    fmt = report_format(target)
    # Owner-only: a full report carries guests' phones and e-mails (see storage/private.py).
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp{fmt}")
    try:
        # Creating the file here turns "cannot write there" into one plain OSError, whatever
        # the writer (Qt's PDF writer would only print a warning).
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        private_file(tmp)
        if fmt == ".xlsx":
            from kiosk.report.xlsx import write_xlsx

            write_xlsx(data, tmp)
        elif fmt == ".csv":
            from kiosk.report.csv_export import write_csv

            write_csv(data, tmp)
        else:
            from kiosk.report.pdf import write_pdf

            write_pdf(data, tmp)
        private_file(tmp)  # writers that replace the file (zipfile, Qt) made it afresh
        os.replace(tmp, target)
        record_written(target)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return target


def export_report(
    data: ReportData | Callable[[], ReportData],
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
) -> list[Path]:
    """Check every target, then gather once (`data` may be a callable that does), then write
    every requested file."""
    targets = [check_target(p) for p in paths]
    say = progress or (lambda _f, _m: None)
    say(0.0, "데이터를 모으는 중…")
    if callable(data):
        data = data()
    written: list[Path] = []
    for index, target in enumerate(targets):
        say(0.1 + 0.9 * index / len(targets), f"{FORMATS[report_format(target)]} 파일 만드는 중…")
        written.append(write_report(data, target))
    say(1.0, "완료")
    return written


__all__ = [
    "FORMATS",
    "Progress",
    "ReportData",
    "ReportTargetError",
    "check_target",
    "export_report",
    "gather",
    "report_format",
    "write_report",
]
