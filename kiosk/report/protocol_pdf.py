"""Protocol documents with Qt's PDF writer: the MC's introduction card, the seating plan and
name plates (명패). All text stays real, selectable PDF text in the embedded Korean font.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from sqlalchemy.orm import Session

from kiosk.domain.models import Event, utcnow
from kiosk.domain.protocol import ProtocolEntry, present_in_order
from kiosk.domain.protocol_seating import Seat, Seating, seating
from kiosk.domain.timefmt import local
from kiosk.report.pdf import DPI, HEADER_FILL, INK, MUTED, STRIPE, ensure_gui_application, mm, report_font

PAGE_SIZES = {"A4": (QPageSize.PageSizeId.A4, 210.0, 297.0), "A5": (QPageSize.PageSizeId.A5, 148.0, 210.0)}
DEPUTY_INK = QColor("#8a4b00")
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
CENTRE = Qt.AlignmentFlag.AlignCenter


def _write(path: str | Path, title: str, page: QPageSize.PageSizeId, landscape: bool,
           draw: Callable[[QPainter, QPdfWriter], None]) -> Path:  # fmt: skip
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(page), orientation, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator("kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"PDF 파일을 만들 수 없습니다: {path}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter, writer)
    finally:
        painter.end()
    return Path(path)


# -- the MC's introduction card ---------------------------------------------------------------------


def write_intro_card(
    entries: list[ProtocolEntry], event_name: str, at: datetime, path: str | Path, *,
    size: str = "A4", zone: str = "Asia/Seoul",
) -> Path:  # fmt: skip
    """내빈 소개: the guests present at `at`, in precedence order, one large line each."""
    if size not in PAGE_SIZES:
        raise ValueError("용지는 A4 또는 A5입니다")
    page_id, width_mm, height_mm = PAGE_SIZES[size]
    scale = 1.0 if size == "A4" else 0.78
    stamp = f"{local(at, zone):%Y-%m-%d %H:%M} 현재 · 참석 내빈 {len(entries)}명"

    def draw(p: QPainter, writer: QPdfWriter) -> None:
        margin = mm(16 * scale)
        width = mm(width_mm) - 2 * margin
        bottom = mm(height_mm) - margin - mm(8)
        body = report_font(21 * scale)
        small = report_font(11 * scale)
        page_no = 1

        def header() -> float:
            p.setPen(INK)
            p.setFont(report_font(26 * scale, bold=True))
            p.drawText(QRectF(margin, margin, width, mm(13 * scale)), Qt.AlignmentFlag.AlignLeft, "내빈 소개")
            p.setFont(small)
            p.setPen(MUTED)
            p.drawText(QRectF(margin, margin + mm(13 * scale), width, mm(6 * scale)),
                       Qt.AlignmentFlag.AlignLeft, f"{event_name} · {stamp}")  # fmt: skip
            p.setPen(QPen(HEADER_FILL, mm(0.5)))
            y = margin + mm(21 * scale)
            p.drawLine(QPointF(margin, y), QPointF(margin + width, y))
            return y + mm(5 * scale)

        def footer() -> None:
            p.setFont(small)
            p.setPen(MUTED)
            p.drawText(
                QRectF(margin, bottom, width, mm(8)), Qt.AlignmentFlag.AlignRight, f"{page_no}쪽 · {stamp}"
            )

        y = header()
        if not entries:
            p.setFont(body)
            p.setPen(MUTED)
            p.drawText(
                QRectF(margin, y, width, mm(20)), WRAP, "지금 소개할 내빈이 없습니다 (도착한 의전 대상 없음)."
            )
        metrics = QFontMetricsF(body, writer)
        number_w = mm(16 * scale)
        for index, entry in enumerate(entries, start=1):
            text = entry.introduction
            box = metrics.boundingRect(QRectF(0, 0, width - number_w, mm(200)), WRAP, text)
            height = box.height() + mm(6 * scale)
            if y + height > bottom:
                footer()
                writer.newPage()
                page_no += 1
                y = header()
            if index % 2 == 0:
                p.fillRect(QRectF(margin, y - mm(1.5), width, height - mm(1)), STRIPE)
            p.setFont(body)
            p.setPen(DEPUTY_INK if entry.deputy else INK)
            p.drawText(QRectF(margin, y, number_w, box.height()), Qt.AlignmentFlag.AlignLeft, f"{index}.")
            p.drawText(QRectF(margin + number_w, y, width - number_w, box.height() + mm(1)), WRAP, text)
            y += height
        footer()

    return _write(path, f"{event_name} 내빈 소개 {stamp}", page_id, False, draw)


# -- seating plan ---------------------------------------------------------------------------------


def _seat_lines(seat: Seat) -> tuple[str, str, str]:
    e = seat.entry
    if e is None:
        return "", "", ""
    if e.deputy is not None:
        return e.deputy.name, e.deputy.title, f"({e.name} {e.title} 대리)"
    return e.name, e.title, e.organization


def write_seating_plan(seating: Seating, event_name: str, at: datetime, path: str | Path, *,
                       zone: str = "Asia/Seoul") -> Path:  # fmt: skip
    """A4 landscape: the stage on top, each row as seen by the guests facing it."""

    def draw(p: QPainter, writer: QPdfWriter) -> None:
        margin = mm(12)
        width = mm(297) - 2 * margin
        p.setPen(INK)
        p.setFont(report_font(18, bold=True))
        p.drawText(
            QRectF(margin, margin, width, mm(10)), Qt.AlignmentFlag.AlignLeft, f"좌석 배치도 · {event_name}"
        )
        p.setFont(report_font(9))
        p.setPen(MUTED)
        note = (f"{local(at, zone):%Y-%m-%d %H:%M} 기준 · 의전 순위 1위 중앙, 2위 그 오른쪽, 3위 왼쪽 순"
                " · 좌석 번호는 무대를 바라보는 참석자 기준 왼쪽부터 · * 수동 지정")  # fmt: skip
        p.drawText(QRectF(margin, margin + mm(10), width, mm(6)), Qt.AlignmentFlag.AlignLeft, note)
        stage = QRectF(margin + width * 0.2, margin + mm(19), width * 0.6, mm(11))
        p.fillRect(stage, HEADER_FILL)
        p.setPen(QColor("white"))
        p.setFont(report_font(13, bold=True))
        p.drawText(stage, CENTRE, "무대 (STAGE)")
        y = stage.bottom() + mm(8)
        label_w = mm(14)
        most = max((len(seats) for _label, seats in seating.rows), default=1)
        seat_w = (width - label_w) / most
        seat_h = mm(26)
        for label, seats in seating.rows:
            p.setPen(INK)
            p.setFont(report_font(11, bold=True))
            p.drawText(QRectF(margin, y, label_w, seat_h), CENTRE, label)
            offset = margin + label_w + (most - len(seats)) * seat_w / 2
            for seat in seats:
                box = QRectF(offset + (seat.number - 1) * seat_w + mm(0.8), y, seat_w - mm(1.6), seat_h)
                p.setPen(QPen(MUTED, mm(0.3)))
                p.fillRect(box, STRIPE if seat.entry else QColor("white"))
                p.drawRect(box)
                p.setFont(report_font(7.5))
                mark = "*" if seat.pinned else ""
                p.drawText(box.adjusted(mm(1), mm(0.8), -mm(1), 0), Qt.AlignmentFlag.AlignLeft,
                           f"{seat.number}{mark}")  # fmt: skip
                name, title, extra = _seat_lines(seat)
                p.setPen(DEPUTY_INK if seat.deputy else INK)
                p.setFont(report_font(11.5, bold=True))
                p.drawText(box.adjusted(0, mm(5), 0, 0), Qt.AlignmentFlag.AlignHCenter, name)
                p.setFont(report_font(8))
                inner = box.adjusted(mm(1), mm(11.5), -mm(1), 0)
                p.drawText(
                    inner, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, f"{title}\n{extra}"
                )
            y += seat_h + mm(4)
        if seating.unseated:
            p.setPen(INK)
            p.setFont(report_font(10))
            names = ", ".join(e.display for e in seating.unseated)
            p.drawText(
                QRectF(margin, y, width, mm(20)), WRAP, f"좌석 미배정 {len(seating.unseated)}명: {names}"
            )

    return _write(path, f"{event_name} 좌석 배치도", QPageSize.PageSizeId.A4, True, draw)


# -- name plates ----------------------------------------------------------------------------------


def _fitted(p: QPainter, text: str, points: float, width: float, bold: bool = False) -> QFont:
    """The largest size up to `points` at which `text` fits on one line (long foreign names)."""
    font = report_font(points, bold=bold)
    actual = QFontMetricsF(font, p.device()).horizontalAdvance(text)
    if actual > width > 0:
        font = report_font(max(points * width / actual * 0.98, 8), bold=bold)
    return font


def write_name_plates(seats: list[Seat], event_name: str, path: str | Path) -> Path:
    """One A4 tent card per seated guest: folded along the middle, readable from both sides."""

    def half(p: QPainter, rect: QRectF, seat: Seat) -> None:
        name, title, extra = _seat_lines(seat)
        p.setPen(INK)
        p.setFont(_fitted(p, title, 30, rect.width() - mm(20)))
        p.drawText(QRectF(rect.left(), rect.top() + mm(14), rect.width(), mm(16)), CENTRE, title)
        p.setFont(_fitted(p, name, 84, rect.width() - mm(20), bold=True))
        p.drawText(QRectF(rect.left(), rect.top() + mm(30), rect.width(), mm(40)), CENTRE, name)
        p.setFont(report_font(14))
        p.setPen(MUTED)
        org = extra if seat.deputy else (seat.entry.organization if seat.entry else "")
        p.drawText(QRectF(rect.left(), rect.top() + mm(74), rect.width(), mm(10)), CENTRE, org)

    def draw(p: QPainter, writer: QPdfWriter) -> None:
        w, h = mm(297), mm(210)
        for i, seat in enumerate(seats):
            if i:
                writer.newPage()
            lower = QRectF(0, h / 2, w, h / 2)
            half(p, lower, seat)
            p.save()  # the upper half reads from the other side of the fold
            p.translate(w, h / 2)
            p.rotate(180)
            half(p, QRectF(0, 0, w, h / 2), seat)
            p.restore()
            p.setPen(QPen(MUTED, mm(0.2), Qt.PenStyle.DashLine))
            p.drawLine(QPointF(mm(8), h / 2), QPointF(w - mm(8), h / 2))
            p.setFont(report_font(7))
            p.drawText(QRectF(mm(8), h - mm(8), w - mm(16), mm(5)), Qt.AlignmentFlag.AlignRight,
                       f"{seat.row} {seat.number}번 · 가운데 점선을 따라 접으세요")  # fmt: skip
        if not seats:
            p.setFont(report_font(16))
            p.drawText(QRectF(0, 0, w, h), CENTRE, "좌석에 배정된 내빈이 없습니다.")

    return _write(path, f"{event_name} 명패", QPageSize.PageSizeId.A4, True, draw)


# -- one call per document: the door service passes its session (this module opens none) -----------


def issue_intro_card(session: Session, event_id: int, path: str | Path, *, size: str = "A4") -> int:
    """Write the card for those present now; returns how many guests it names."""
    event = session.get(Event, event_id)
    assert event is not None
    entries = present_in_order(session, event_id)
    write_intro_card(entries, event.name, utcnow(), path, size=size, zone=event.timezone)
    return len(entries)


def issue_seating(session: Session, event_id: int, path: str | Path, *, nameplates: bool = False) -> int:
    """Write the seating plan (or, with nameplates, one tent card per seated guest)."""
    event = session.get(Event, event_id)
    assert event is not None
    plan = seating(session, event_id)
    if nameplates:
        write_name_plates(plan.seated, event.name, path)
    else:
        write_seating_plan(plan, event.name, utcnow(), path, zone=event.timezone)
    return len(plan.seated)
