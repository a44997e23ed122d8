"""Name badges from the console: one at a time, to a printer (with a preview) or a PDF.

The badge itself is painted by `kiosk.documents.badges` (shared with `kiosk badges`, the sheets
printed before the event), so the preview, a real printer and a PDF look the same. Every print
goes into the `badge_prints` log; a second badge for the same person needs a reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
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

from kiosk.documents.badges import BADGE_MM, CATEGORY_COLORS, BadgeData, paint_badge
from kiosk.domain.badges import PrintRecord
from kiosk.ui.records_tasks import refused
from kiosk.ui.taskman import TaskManager

__all__ = [
    "BADGE_MM",
    "CATEGORY_COLORS",
    "BadgeData",
    "BadgePrinter",
    "paint_badge",
    "write_badge_pdf",
]

log = logging.getLogger(__name__)


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
    refused = Signal(str)  # not printed (or printed but not logged), and why: for the status line

    def __init__(self, tasks: TaskManager, parent_widget: QWidget, pdf_folder: Path | None = None) -> None:
        super().__init__(parent_widget)
        self.tasks = tasks
        self.parent_widget = parent_widget
        self.pdf_folder = pdf_folder
        self.preview = None  # the open print preview, if any

    @property
    def station(self) -> str:
        return self.tasks.service.station

    @station.setter
    def station(self, station: str) -> None:
        self.tasks.service.station = station

    def request(self, participant_id: int, *, operator: str = "", reason: str = "") -> bool:
        """Print, unless this person already has a badge and no reason for another was given.

        The print log and the badge's data are read on the worker; the answer comes back as
        `printed`, `needs_reason` or `refused`. Returns True once asked.
        """

        def answered(answer: tuple[list[PrintRecord], BadgeData]) -> None:
            history, data = answer
            if history and not reason.strip():
                self.needs_reason.emit(participant_id, history)
                return
            self._print(data, operator, reason)

        self.tasks.run(lambda svc: (svc.badge_prints(participant_id), svc.badge_data(participant_id)),
                       on_done=answered, on_error=refused(self.tasks, self.refused.emit))  # fmt: skip
        return True

    def _print(self, data: BadgeData, operator: str, reason: str) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog

        participant_id = data.participant_id
        if not QPrinterInfo.availablePrinters():
            folder = self.pdf_folder or badges_folder()
            safe = re.sub(r"[^\w가-힣-]+", "_", data.name)[:40]  # file names have 255 bytes at most
            target = folder / f"badge-{participant_id}-{safe}.pdf"

            def logged(_record: PrintRecord) -> None:
                # Logged first: a station apart is refused before a second badge can exist.
                path = write_badge_pdf(data, target)
                self.printed.emit(participant_id, str(path))

            self._log(participant_id, operator, reason, "pdf", logged)
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
                self._log(participant_id, operator, reason, "printer",
                          lambda _r: self.printed.emit(participant_id, printer.printerName()))  # fmt: skip

        dialog.finished.connect(done)
        self.preview = dialog
        dialog.open()

    def _log(self, participant_id: int, operator: str, reason: str, how: str,
             then: Callable[[PrintRecord], None]) -> None:  # fmt: skip
        self.tasks.run(lambda svc: svc.record_badge_print(participant_id, operator, reason, how),
                       on_done=then, on_error=refused(self.tasks, self.refused.emit))  # fmt: skip
