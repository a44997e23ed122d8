"""The Excel workbook the ministry asks for.

Sheets: 요약, 참석자, 불참자, 현장등록, 구분별, 지역별, 기록. Korean headers, frozen header row,
autofilter, fitted column widths. Excel has no time zones, so times are written as the event's
local wall-clock time (Asia/Seoul) in real date cells; the summary sheet says so.
Written by `kiosk.report.ooxml` (see there why not cell by cell through openpyxl).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.report import ooxml
from kiosk.report.columns import (
    ATTENDEE_COLUMNS,
    AUDIT_COLUMNS,
    NO_SHOW_COLUMNS,
    WALK_IN_COLUMNS,
    Column,
    group_columns,
)
from kiosk.report.data import ReportData

SHEETS = ("요약", "참석자", "불참자", "현장등록", "구분별", "지역별", "기록")
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_STYLE = {"datetime": ooxml.DATETIME, "percent": ooxml.PERCENT}


def display_width(text: str) -> int:
    """Columns a string needs: Hangul and other wide characters take two.

    UTF-8 length is 1 byte for ASCII and 3 for Hangul, so (bytes + chars) / 2 gives 1 and 2
    without a per-character loop — fast enough for ten thousand rows.
    """
    return (len(text.encode("utf-8")) + len(text)) // 2


def cell_value(value: Any, kind: str) -> Any:
    """A Python value as Excel should hold it: naive local datetimes; text as it is (the sheet
    writer drops control characters and gives formula-like text the quotePrefix style)."""
    if value is None:
        return None
    if kind == "datetime" and isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    return value


def _width_of(value: Any, kind: str) -> int:
    if value is None:
        return 0
    if kind == "datetime":
        return 19
    if kind == "percent":
        return 6
    return display_width(str(value))


def list_sheet(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> ooxml.Sheet:
    """Header, numbered data rows, frozen header, autofilter and widths fitted to the content."""
    kinds = [c.kind for c in columns]
    styles = [_STYLE.get(k, ooxml.PLAIN) for k in kinds]
    numbered = columns[0].header == "번호"
    values: list[list[Any]] = []
    for index, row in enumerate(rows, start=1):
        line = [cell_value(c.get(row), c.kind) for c in columns]
        if numbered:
            line[0] = index
        values.append(line)
    widths = [display_width(c.header) + 3 for c in columns]  # room for the filter button
    for line in values:
        for i, value in enumerate(line):
            w = _width_of(value, kinds[i])
            if w > widths[i]:
                widths[i] = w
    sheet = ooxml.Sheet(
        title,
        widths=[min(max(w + 1, _MIN_WIDTH), _MAX_WIDTH) for w in widths],
        autofilter=(len(columns), len(values) + 1),
    )
    sheet.append((c.header, ooxml.HEADER) for c in columns)
    for line in values:
        sheet.append(zip(line, styles, strict=True))
    return sheet


def summary_items(data: ReportData) -> list[tuple[str, Any, str]]:
    """(label, value, kind) lines of the summary, in reading order."""
    e, f = data.event, data.figures
    peak = f"{f.peak_present}명" + (f" ({f.peak_at:%H:%M})" if f.peak_at else "")
    return [
        ("행사명", e.name, "text"),
        ("영문 행사명", e.name_en, "text"),
        ("주제", e.theme, "text"),
        ("장소", e.venue, "text"),
        ("일시", e.when, "text"),
        ("주최", e.hosts, "text"),
        ("후원", e.sponsor, "text"),
        ("정원", e.capacity, "int"),
        ("초청 인원", f.invited, "int"),
        ("참석 인원 (현장등록 포함, 동반인 제외)", f.arrived, "int"),
        ("초청자 참석", f.invited_arrived, "int"),
        ("참석률 (초청자 기준)", f.rate, "percent"),
        ("현장등록", f.walk_ins, "int"),
        ("불참", f.no_shows, "int"),
        ("초청 취소", f.cancelled, "int"),
        ("동반인", f.companions, "int"),
        ("총 입장 인원 (동반인 포함)", f.total_people, "int"),
        ("VIP 참석", f"{f.vip_arrived} / {f.vip_invited}명", "text"),
        ("최대 재실 인원 (동반인 포함)", peak, "text"),
        ("행사일 밖의 체크인 (도착 표에서 제외, 명단에는 포함)", f.outside_day, "int"),
        ("보고서 작성 시각", data.generated_at, "datetime"),
        (
            "시간대",
            f"모든 시각은 {e.timezone} (한국 표준시, UTC+9) 현지 시각입니다. Excel에는 시간대가 없습니다.",
            "text",
        ),
        ("연락처", "일부 가림 (마스킹)" if data.masked else "전체 표시 — 외부 공유 시 주의", "text"),
    ]


ARRIVAL_HEADERS = ("시각 (10분 단위)", "도착 (명)", "동반인 (명)", "누적 (명, 동반인 포함)", "정원 대비")
ARRIVAL_FIRST_COLUMN = 3  # D: the key/value block is A–B, C stays empty between the two tables


def summary_sheet(data: ReportData) -> ooxml.Sheet:
    """The key figures in A–B and the 10-minute arrivals in D–H, side by side from row 1, so
    each table has columns of its own (sorting or filtering one never scrambles the other)."""
    sheet = ooxml.Sheet("요약", widths=[38, 64, 3, 19, 10, 12, 24, 11])
    left = {"datetime": ooxml.LEFT_DATETIME, "percent": ooxml.LEFT_PERCENT}
    items = [
        ((label, ooxml.PLAIN), (cell_value(v, kind), left.get(kind, ooxml.LEFT)))
        for label, v, kind in summary_items(data)
    ]
    capacity = data.event.capacity or 0
    arrivals = [
        (
            (b.start.replace(tzinfo=None), ooxml.MINUTES),
            (b.guests, ooxml.PLAIN),
            (b.companions, ooxml.PLAIN),
            (b.cumulative, ooxml.PLAIN),
            (b.cumulative / capacity if capacity else None, ooxml.PERCENT),
        )
        for b in data.arrivals
    ]
    sheet.append([("항목", ooxml.HEADER), ("내용", ooxml.HEADER), (None, ooxml.PLAIN),
                  *((h, ooxml.HEADER) for h in ARRIVAL_HEADERS)])  # fmt: skip
    empty = ((None, ooxml.PLAIN),) * 2
    for i in range(max(len(items), len(arrivals))):
        pair = items[i] if i < len(items) else empty
        times = arrivals[i] if i < len(arrivals) else ()
        sheet.append([*pair, (None, ooxml.PLAIN), *times])
    return sheet


def write_xlsx(data: ReportData, path: str | Path) -> Path:
    sheets = [
        summary_sheet(data),
        list_sheet("참석자", ATTENDEE_COLUMNS, data.attendees),
        list_sheet("불참자", NO_SHOW_COLUMNS, data.no_shows),
        list_sheet("현장등록", WALK_IN_COLUMNS, data.walk_ins),
        list_sheet("구분별", group_columns("구분"), data.by_category),
        list_sheet("지역별", group_columns("지역"), data.by_region),
        list_sheet("기록", AUDIT_COLUMNS, data.audit),
    ]
    ooxml.save_workbook(path, sheets, title=f"{data.event.name} 참석 보고서")
    return Path(path)
