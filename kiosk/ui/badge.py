"""Name badges: name, title, organization, a category colour band and the guest's QR code.

Drawn with QPainter, so the same code paints the print preview, a real printer and a PDF
(QPdfWriter embeds the Korean font, so the PDF prints the same on any computer). Every print
goes into the `badge_prints` log; a second badge for the same person needs a reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QWidget

from kiosk.domain import badges, token
from kiosk.domain.badges import PrintRecord
from kiosk.domain.labels import CATEGORY_KO
from kiosk.domain.models import Category, Event, Participant
from kiosk.domain.timefmt import korean_date
from kiosk.invite.qr import make_matrix
from kiosk.storage.engine import Database
from kiosk.ui.theme import korean_font_family

log = logging.getLogger(__name__)

BADGE_MM = QSizeF(100, 70)  # fits the common 100×70 mm badge holder

CATEGORY_COLORS = {
    Category.MINISTRY: "#0b5cad",
    Category.COMMITTEE: "#00796b",
    Category.LAWMAKER: "#5b2a86",
    Category.LOCAL_GOVERNMENT: "#1b7f3b",
    Category.REGIONAL_INSTITUTION: "#c05600",
    Category.ACADEMIA: "#6d4c41",
    Category.PRESS: "#455a64",
    Category.FORUM: "#1a237e",
    Category.STAFF: "#212121",
    Category.WALK_IN: "#ad1457",
    Category.OTHER: "#616161",
}


@dataclass(frozen=True)
class BadgeData:
    participant_id: int
    name: str
    title: str
    organization: str
    category: Category
    qr_text: str
    event_name: str
    event_date: str

    @property
    def band_color(self) -> str:
        return CATEGORY_COLORS.get(self.category, "#616161")


def badge_data(db: Database, participant_id: int) -> BadgeData:
    with db.session() as session:
        p = session.get(Participant, participant_id)
        if p is None:
            raise LookupError(f"participant {participant_id} does not exist")
        event = session.get(Event, p.event_id)
        assert event is not None
        return BadgeData(
            participant_id=p.id,
            name=p.name,
            title=p.title,
            organization=p.organization,
            category=Category(p.category),
            qr_text=token.issue(event.token_tag, event.signing_secret, p.id),
            event_name=event.name,
            event_date=korean_date(event.starts_at, event.timezone),
        )


def _fitted_font(family: str | None, text: str, max_pt: float, min_pt: float, width_px: float,
                 device: QPagedPaintDevice, bold: bool = False) -> QFont:  # fmt: skip
    """The largest font (down to min_pt) in which `text` fits the width: long names shrink."""
    size = max_pt
    while True:
        font = QFont(family) if family else QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        if size <= min_pt or QFontMetricsF(font, device).horizontalAdvance(text) <= width_px:
            return font
        size -= 1


def paint_badge(painter: QPainter, device: QPagedPaintDevice, data: BadgeData) -> None:
    """Paint one badge on the current page of `device` (printer or PDF)."""
    dpmm = device.logicalDpiX() / 25.4

    def mm(x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * dpmm, y * dpmm, w * dpmm, h * dpmm)

    family = korean_font_family()
    width = BADGE_MM.width()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    # The colour band, with the group in words too: colour alone fails the colour-blind.
    painter.fillRect(mm(0, 0, width, 12), QColor(data.band_color))
    painter.setPen(QColor("white"))
    band_font = QFont(family) if family else QFont()
    band_font.setPointSizeF(11)
    band_font.setBold(True)
    painter.setFont(band_font)
    painter.drawText(mm(5, 0, 60, 12), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                     CATEGORY_KO.get(data.category, ""))  # fmt: skip
    small = QFont(band_font)
    small.setPointSizeF(7)
    small.setBold(False)
    painter.setFont(small)
    painter.drawText(mm(40, 0, width - 45, 12), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                     data.event_name)  # fmt: skip

    painter.setPen(QColor("#111111"))
    name_font = _fitted_font(family, data.name, 30, 14, (width - 10) * dpmm, device, bold=True)
    painter.setFont(name_font)
    painter.drawText(mm(5, 15, width - 10, 16), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, data.name)
    text_width = 60
    title_font = _fitted_font(family, data.title, 13, 8, text_width * dpmm, device, bold=True)
    painter.setFont(title_font)
    painter.drawText(mm(5, 33, text_width, 9), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, data.title)
    org_font = _fitted_font(family, data.organization, 11, 7, text_width * dpmm, device)
    painter.setFont(org_font)
    painter.drawText(
        mm(5, 42, text_width, 16),
        Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
        data.organization,
    )
    painter.setFont(small)
    painter.setPen(QColor("#555555"))
    painter.drawText(mm(5, 60, 60, 7), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, data.event_date)

    # The QR as vector squares: sharp at any printer resolution.
    matrix = make_matrix(data.qr_text)
    side_mm = 28.0
    module = side_mm / matrix.size
    x0, y0 = width - side_mm - 3, 70 - side_mm - 3
    painter.fillRect(mm(x0, y0, side_mm, side_mm), QColor("white"))
    black = QColor("black")
    for r, row in enumerate(matrix.rows):
        for c, dark in enumerate(row):
            if dark:
                # A hair of overlap avoids white seams between modules in some PDF viewers.
                painter.fillRect(mm(x0 + c * module, y0 + r * module, module * 1.02, module * 1.02), black)
    painter.restore()


def _set_badge_page(device: QPagedPaintDevice) -> None:
    size = QPageSize(BADGE_MM, QPageSize.Unit.Millimeter, "Badge 100x70", QPageSize.SizeMatchPolicy.ExactMatch)
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
            safe = re.sub(r"[^\w가-힣-]+", "_", data.name)
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
            badges.record_print(session, participant_id, station=self.station, operator=operator, reason=reason, how=how)
