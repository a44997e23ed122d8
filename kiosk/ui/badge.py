"""Name badges from the console: one at a time, to a printer (with a preview) or a PDF.

The badge itself is painted by `kiosk.documents.badges` (shared with `kiosk badges`, the sheets
printed before the event), so the preview, a real printer and a PDF look the same. Every print
goes into the `badge_prints` log; a second badge for the same person needs a reason.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, Signal
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QWidget

from kiosk.documents.badges import BADGE_MM, CATEGORY_COLORS, BadgeData, badge_data_of, paint_badge
from kiosk.domain import badges
from kiosk.domain.badges import PrintRecord
from kiosk.domain.models import Event, Participant
from kiosk.storage.engine import Database

__all__ = [
    "BADGE_MM",
    "CATEGORY_COLORS",
    "BadgeData",
    "BadgePrinter",
    "badge_data",
    "paint_badge",
    "write_badge_pdf",
]

log = logging.getLogger(__name__)


def badge_data(db: Database, participant_id: int) -> BadgeData:
    with db.session() as session:
        p = session.get(Participant, participant_id)
        if p is None:
            raise LookupError(f"participant {participant_id} does not exist")
        event = session.get(Event, p.event_id)
        assert event is not None
        return badge_data_of(p, event)


def _set_badge_page(device: QPagedPaintDevice) -> None:
    size = QPageSize(
        BADGE_MM, QPageSize.Unit.Millimeter, "Badge 100x70", QPageSize.SizeMatchPolicy.ExactMatch
    )
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))


def write_badge_pdf(data: BadgeData, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setTitle(f"{data.name} badge")
    writer.setCreator("kiosk")
    _set_badge_page(writer)
    painter = QPainter(writer)
    try:
        paint_badge(painter, writer, data)
    finally:
        painter.end()
    return path


def badges_folder() -> Path:
    from kiosk.appdirs import data_dir

    return data_dir() / "badges"


class BadgePrinter(QObject):
    """Prints badges from the console; asks for a reason before a second badge."""

    printed = Signal(int, str)  # participant id, where (printer name or PDF path)
    needs_reason = Signal(int, object)  # participant id, list[PrintRecord]: already printed

    def __init__(self, db: Database, station: str, parent_widget: QWidget,
                 pdf_folder: Path | None = None) -> None:  # fmt: skip
        super().__init__(parent_widget)
        self.db = db
        self.station = station
        self.parent_widget = parent_widget
        self.pdf_folder = pdf_folder
        self.preview = None  # the open print preview, if any

    def history(self, participant_id: int) -> list[PrintRecord]:
        with self.db.session() as session:
            return badges.previous_prints(session, participant_id)

    def request(self, participant_id: int, *, operator: str = "", reason: str = "") -> bool:
        """Print, unless this person already has a badge and no reason for another was given."""
        history = self.history(participant_id)
        if history and not reason.strip():
            self.needs_reason.emit(participant_id, history)
            return False
        self._print(participant_id, operator, reason)
        return True

    def _print(self, participant_id: int, operator: str, reason: str) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog

        data = badge_data(self.db, participant_id)
        if not QPrinterInfo.availablePrinters():
            folder = self.pdf_folder or badges_folder()
            safe = re.sub(r"[^\w가-힣-]+", "_", data.name)[:40]  # file names have 255 bytes at most
            path = write_badge_pdf(data, folder / f"badge-{participant_id}-{safe}.pdf")
            self._log(participant_id, operator, reason, "pdf")
            self.printed.emit(participant_id, str(path))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _set_badge_page(printer)
        dialog = QPrintPreviewDialog(printer, self.parent_widget)
        dialog.setWindowTitle(self.tr("배지 미리보기 — {0}").format(data.name))

        def paint(device: QPrinter) -> None:
            painter = QPainter(device)
            try:
                paint_badge(painter, device, data)
            finally:
                painter.end()

        dialog.paintRequested.connect(paint)

        def done(result: int) -> None:
            self.preview = None
            if result:  # the preview's print button was used
                self._log(participant_id, operator, reason, "printer")
                self.printed.emit(participant_id, printer.printerName())

        dialog.finished.connect(done)
        self.preview = dialog
        dialog.open()

    def _log(self, participant_id: int, operator: str, reason: str, how: str) -> None:
        with self.db.write() as session:
            badges.record_print(
                session, participant_id, station=self.station, operator=operator, reason=reason, how=how
            )
