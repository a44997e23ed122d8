"""Name badges: one painter for the console's single badge and the sheets printed before the event.

A badge is a category colour band (with the group in words: colour alone fails the colour-blind),
the name (shrunk to fit, then cut with an ellipsis), title, organisation (two lines at most), the
event's date and the guest's QR code. Sheets: one badge per page or the common A4 label sheets of
8 (100×70 mm) and 10 (90×55 mm), with crop marks in the margins on every cut line.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPaintDevice, QPainter, QPen

from kiosk.documents.paint import fit_text, font, paint_qr, wrap_lines
from kiosk.domain import token
from kiosk.domain.labels import CATEGORY_KO
from kiosk.domain.models import Category, Event, Participant
from kiosk.domain.timefmt import korean_date

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


def badge_data_of(participant: Participant, event: Event) -> BadgeData:
    return BadgeData(
        participant_id=participant.id,
        name=participant.name,
        title=participant.title or "",
        organization=participant.organization or "",
        category=Category(participant.category),
        qr_text=token.issue(event.token_tag, event.signing_secret, participant.id),
        event_name=event.name,
        event_date=korean_date(event.starts_at, event.timezone),
    )


@dataclass(frozen=True)
class BadgeLayout:
    """Where badges sit on a page, in millimetres."""

    name: str
    page_w: float
    page_h: float
    cols: int
    rows: int
    badge_w: float
    badge_h: float
    left: float
    top: float

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        slot = index % self.per_page
        return self.left + (slot % self.cols) * self.badge_w, self.top + (slot // self.cols) * self.badge_h


LAYOUTS = {
    # One badge per page with a margin for the crop marks: cut along them for a 100×70 holder.
    "single": BadgeLayout("single", 120, 90, 1, 1, 100, 70, 10, 10),
    # The common A4 name-badge label sheets: 2 × 4 of 100 × 70 mm and 2 × 5 of 90 × 55 mm.
    "a4-8": BadgeLayout("a4-8", 210, 297, 2, 4, 100, 70, 5, 8.5),
    "a4-10": BadgeLayout("a4-10", 210, 297, 2, 5, 90, 55, 15, 11),
}


def paint_badge(
    painter: QPainter,
    device: QPaintDevice,
    data: BadgeData,
    origin_mm: tuple[float, float] = (0.0, 0.0),
    size_mm: tuple[float, float] = (100.0, 70.0),
) -> None:
    """Paint one badge with its top-left corner at origin_mm on the current page of `device`."""
    from kiosk.fonts import korean_font_family  # QtGui only: one list of Hangul fonts everywhere

    dpmm = device.logicalDpiX() / 25.4
    ox, oy = origin_mm
    w, h = size_mm
    k = h / 70.0  # type sizes follow the badge's height (70 mm is the reference badge)

    def mm(x: float, y: float, rw: float, rh: float) -> QRectF:
        return QRectF((ox + x) * dpmm, (oy + y) * dpmm, rw * dpmm, rh * dpmm)

    family = korean_font_family()
    left = 5 * k
    band = 12 * k
    qr_side = 28 * k
    text_w = w - left - qr_side - 6 * k
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(mm(0, 0, w, band), QColor(data.band_color))
    painter.setPen(QColor("white"))
    painter.setFont(font(family, 11 * k, bold=True))
    category = CATEGORY_KO.get(data.category, "")
    painter.drawText(
        mm(left, 0, w * 0.4, band), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, category
    )
    event_font, event_name = fit_text(device, family, data.event_name, (w * 0.6 - left) * dpmm, 7 * k, 5 * k)
    painter.setFont(event_font)
    painter.drawText(mm(w * 0.4, 0, w * 0.6 - left, band), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                     event_name)  # fmt: skip

    painter.setPen(QColor("#111111"))
    name_font, name = fit_text(device, family, data.name, (w - 2 * left) * dpmm, 30 * k, 14 * k, bold=True)
    painter.setFont(name_font)
    painter.drawText(mm(left, band + 3 * k, w - 2 * left, 16 * k),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)  # fmt: skip
    title_font, title = fit_text(device, family, data.title, text_w * dpmm, 13 * k, 8 * k, bold=True)
    painter.setFont(title_font)
    painter.drawText(mm(left, band + 21 * k, text_w, 9 * k),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)  # fmt: skip
    org_font, _ = fit_text(device, family, data.organization, text_w * dpmm, 11 * k, 8 * k)
    painter.setFont(org_font)
    line_h = 5.2 * k
    for i, line in enumerate(wrap_lines(device, org_font, data.organization, text_w * dpmm, 2)):
        painter.drawText(mm(left, band + 30 * k + i * line_h, text_w, line_h),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)  # fmt: skip
    painter.setFont(font(family, 7 * k))
    painter.setPen(QColor("#555555"))
    painter.drawText(mm(left, h - 10 * k, text_w, 7 * k),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, data.event_date)  # fmt: skip
    paint_qr(painter, mm(w - qr_side - 3 * k, h - qr_side - 3 * k, qr_side, qr_side), data.qr_text)
    painter.restore()


def paint_crop_marks(painter: QPainter, device: QPagedPaintDevice, layout: BadgeLayout) -> None:
    """Short hairlines in the margins, on every cut line of the grid (never over a badge)."""
    dpmm = device.logicalDpiX() / 25.4
    painter.save()
    painter.setPen(QPen(QColor("black"), 0.15 * dpmm))
    right = layout.left + layout.cols * layout.badge_w
    bottom = layout.top + layout.rows * layout.badge_h
    gap = 1.0

    def line(x1: float, y1: float, x2: float, y2: float) -> None:
        painter.drawLine(QPointF(x1 * dpmm, y1 * dpmm), QPointF(x2 * dpmm, y2 * dpmm))

    for c in range(layout.cols + 1):
        x = layout.left + c * layout.badge_w
        length = min(5.0, layout.top - gap - 0.5)
        line(x, layout.top - gap - length, x, layout.top - gap)
        line(x, bottom + gap, x, bottom + gap + min(5.0, layout.page_h - bottom - gap - 0.5))
    for r in range(layout.rows + 1):
        y = layout.top + r * layout.badge_h
        length = min(5.0, layout.left - gap - 0.5)
        line(layout.left - gap - length, y, layout.left - gap, y)
        line(right + gap, y, right + gap + min(5.0, layout.page_w - right - gap - 0.5), y)
    painter.restore()
