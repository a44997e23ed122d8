"""`kiosk badges`: every invitee's badge in one PDF, then the print log records them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.documents.badges import (
    LAYOUTS,
    BadgeData,
    BadgeLayout,
    badge_data_of,
    paint_badge,
    paint_crop_marks,
)
from kiosk.domain import badges
from kiosk.domain.models import Event
from kiosk.storage.engine import Database

RESOLUTION = 600  # dpi: QR modules and hairline crop marks stay exact


@dataclass(frozen=True)
class BadgeSheetResult:
    path: Path | None  # None when nobody needed a badge (no file written)
    badges: int
    pages: int
    reprints: int


def page_layout(layout: BadgeLayout) -> QPageLayout:
    size = QPageSize(QSizeF(layout.page_w, layout.page_h), QPageSize.Unit.Millimeter, f"kiosk {layout.name}",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)  # fmt: skip
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def write_badges_pdf(items: list[BadgeData], path: Path, layout: BadgeLayout, title: str) -> int:
    """Paint the badges, `layout.per_page` to a page; returns the number of pages."""
    from kiosk.report.pdf import ensure_gui_application

    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(layout))
    writer.setTitle(title)
    writer.setCreator("kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"PDF 파일을 만들 수 없습니다: {path}")
    pages = 1
    try:
        for i, data in enumerate(items):
            if i and i % layout.per_page == 0:
                writer.newPage()
                pages += 1
            if i % layout.per_page == 0:
                paint_crop_marks(painter, writer, layout)
            paint_badge(painter, writer, data, layout.origin(i), (layout.badge_w, layout.badge_h))
    finally:
        painter.end()
    return pages


def print_badges(
    db: Database,
    event_id: int,
    out: str | Path,
    *,
    layout: str = "a4-8",
    only_unprinted: bool = False,
    sort: str = "name",
    station: str = "",
) -> BadgeSheetResult:
    """Write the sheet (whole, or not at all), then log every badge on it as printed."""
    chosen = LAYOUTS[layout]
    target = Path(out)
    with db.session() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise LookupError(f"event {event_id} does not exist")
        people = badges.badge_roster(session, event_id, only_unprinted=only_unprinted, sort=sort)
        items = [badge_data_of(p, event) for p in people]
        title = f"{event.name} 배지"
    if not items:
        return BadgeSheetResult(None, 0, 0, 0)
    partial = target.with_name(target.name + ".part")
    try:
        pages = write_badges_pdf(items, partial, chosen, title)
        os.replace(partial, target)  # a half-written sheet never carries the name
    finally:
        partial.unlink(missing_ok=True)
    with db.write() as session:
        reprints = badges.record_batch(session, [d.participant_id for d in items], station=station,
                                       how=f"sheet:{layout}")  # fmt: skip
    return BadgeSheetResult(target, len(items), pages, reprints)
