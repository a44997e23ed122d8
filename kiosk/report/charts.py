"""The PDF's two charts, drawn with QPainter so every label stays selectable text.

- arrivals: bars of people arriving per 10 minutes (left axis), the cumulative count as a line
  and the room's capacity as a dashed line (right axis);
- groups: one bar per guest group or region, arrived over invited.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from kiosk.report.data import ArrivalBucket, GroupCount

FontFactory = Callable[..., QFont]
Mm = Callable[[float], float]

INK = QColor("#1d232a")
MUTED = QColor("#5f6b7a")
GRID = QColor("#d5dbe1")
BAR = QColor("#0b5cad")
BAR_LIGHT = QColor("#dfe6ee")
LINE = QColor("#1b7f3b")
CAPACITY = QColor("#b3261e")
MAX_BARS = 72  # beyond this (arrivals over more than 12 hours) buckets are merged for drawing

LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight
VCENTER = Qt.AlignmentFlag.AlignVCenter
HCENTER = Qt.AlignmentFlag.AlignHCenter


def nice_ceiling(value: float, ticks: int = 5) -> tuple[float, float]:
    """An axis maximum at or above value and its tick step, both round numbers (1, 2, 2.5, 5 ×10ⁿ)."""
    if value <= 0:
        return float(ticks), 1.0
    raw = value / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw:
            break
    step = max(step, 1.0)  # people come whole
    return step * math.ceil(value / step), step


def merge_buckets(buckets: Sequence[ArrivalBucket], limit: int = MAX_BARS) -> tuple[list[ArrivalBucket], int]:
    """At most `limit` bars: neighbours are summed; returns the bars and the minutes per bar."""
    factor = max(1, math.ceil(len(buckets) / limit))
    if factor == 1:
        return list(buckets), 10
    merged = []
    for i in range(0, len(buckets), factor):
        chunk = buckets[i : i + factor]
        merged.append(
            ArrivalBucket(
                chunk[0].start,
                sum(b.guests for b in chunk),
                sum(b.companions for b in chunk),
                chunk[-1].cumulative,
            )
        )
    return merged, 10 * factor


def draw_arrivals(
    p: QPainter, r: QRectF, buckets: Sequence[ArrivalBucket], capacity: int, font: FontFactory, mm: Mm
) -> None:
    bars, minutes = merge_buckets(buckets)
    small = font(7.5)
    p.setFont(small)
    plot = r.adjusted(mm(12), mm(9), -mm(14), -mm(8))
    if not bars or bars[-1].cumulative == 0:
        p.setPen(QPen(GRID, mm(0.3)))
        p.drawRect(plot)
        p.setPen(MUTED)
        p.setFont(font(10))
        p.drawText(plot, HCENTER | VCENTER, "아직 도착 기록이 없습니다.")
        return
    left_max, left_step = nice_ceiling(max(b.people for b in bars))
    right_max, right_step = nice_ceiling(max(capacity, bars[-1].cumulative) * 1.05)
    slot = plot.width() / len(bars)

    def y_left(v: float) -> float:
        return plot.bottom() - plot.height() * v / left_max

    def y_right(v: float) -> float:
        return plot.bottom() - plot.height() * v / right_max

    # grid and the left axis (per bar)
    ticks = round(left_max / left_step)
    for i in range(ticks + 1):
        v = i * left_step
        y = y_left(v)
        p.setPen(QPen(GRID, mm(0.2)))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(BAR)
        p.drawText(QRectF(r.left(), y - mm(2.5), mm(10.5), mm(5)), RIGHT | VCENTER, f"{v:g}")
    # the right axis (cumulative, capacity)
    p.setPen(LINE)
    for i in range(round(right_max / right_step) + 1):
        v = i * right_step
        p.drawText(
            QRectF(plot.right() + mm(1.5), y_right(v) - mm(2.5), mm(12), mm(5)), LEFT | VCENTER, f"{v:g}"
        )
    # bars
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BAR)
    for i, b in enumerate(bars):
        if b.people:
            x = plot.left() + i * slot + slot * 0.15
            p.drawRect(QRectF(x, y_left(b.people), slot * 0.7, plot.bottom() - y_left(b.people)))
    # capacity line
    cap_y = y_right(capacity)
    pen = QPen(CAPACITY, mm(0.45))
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(plot.left(), cap_y), QPointF(plot.right(), cap_y))
    p.setPen(CAPACITY)
    p.drawText(
        QRectF(plot.left() + mm(1), cap_y - mm(5), mm(40), mm(4.5)), LEFT | VCENTER, f"정원 {capacity}명"
    )
    # cumulative line: the count at the end of each slot
    path = QPainterPath(QPointF(plot.left(), plot.bottom()))
    for i, b in enumerate(bars):
        path.lineTo(QPointF(plot.left() + (i + 1) * slot, y_right(b.cumulative)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(LINE, mm(0.6)))
    p.drawPath(path)
    # axis frame and time labels, spaced at least 13 mm apart on whole steps
    p.setPen(QPen(INK, mm(0.25)))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    every = max(1, math.ceil(mm(13) / slot))
    p.setPen(MUTED)
    for i in range(0, len(bars) + 1, every):
        x = plot.left() + i * slot
        start = bars[i].start if i < len(bars) else None
        label = f"{start:%H:%M}" if start is not None else ""
        if label:
            p.drawText(QRectF(x - mm(8), plot.bottom() + mm(1), mm(16), mm(5)), HCENTER | VCENTER, label)
    # legend
    _legend(p, QRectF(plot.left(), r.top(), plot.width(), mm(6)), minutes, mm)


def _legend(p: QPainter, r: QRectF, minutes: int, mm: Mm) -> None:
    x, mid = r.left(), r.center().y()
    p.setBrush(BAR)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRect(QRectF(x, mid - mm(1.5), mm(4), mm(3)))
    p.setPen(INK)
    p.drawText(
        QRectF(x + mm(5.5), r.top(), mm(50), r.height()), LEFT | VCENTER, f"{minutes}분 도착 (왼쪽 축)"
    )
    x += mm(52)
    p.setPen(QPen(LINE, mm(0.6)))
    p.drawLine(QPointF(x, mid), QPointF(x + mm(6), mid))
    p.setPen(INK)
    p.drawText(QRectF(x + mm(7.5), r.top(), mm(50), r.height()), LEFT | VCENTER, "누적 인원 (오른쪽 축)")
    x += mm(52)
    pen = QPen(CAPACITY, mm(0.45))
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(x, mid), QPointF(x + mm(6), mid))
    p.setPen(INK)
    p.drawText(QRectF(x + mm(7.5), r.top(), mm(40), r.height()), LEFT | VCENTER, "정원")


def draw_group_bars(
    p: QPainter, r: QRectF, groups: Sequence[GroupCount], font: FontFactory, mm: Mm, row_mm: float = 6.0
) -> None:
    label_w, number_w = mm(38), mm(40)
    bar_left = r.left() + label_w
    bar_w = r.width() - label_w - number_w
    row = mm(row_mm)
    small = font(8.5)
    p.setFont(small)
    # legend line
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BAR)
    p.drawRect(QRectF(bar_left, r.top() + mm(1.5), mm(4), mm(3)))
    p.setBrush(BAR_LIGHT)
    p.drawRect(QRectF(bar_left + mm(30), r.top() + mm(1.5), mm(4), mm(3)))
    p.setPen(MUTED)
    p.drawText(QRectF(bar_left + mm(5.5), r.top(), mm(24), mm(6)), LEFT | VCENTER, "참석")
    p.drawText(QRectF(bar_left + mm(35.5), r.top(), mm(40), mm(6)), LEFT | VCENTER, "초청 (현장등록 제외)")
    p.drawText(QRectF(bar_left + bar_w, r.top(), number_w, mm(6)), RIGHT | VCENTER, "참석 / 초청 (참석률)")
    if not groups:
        return
    top = r.top() + mm(8)
    biggest = max(max(g.invited, g.arrived) for g in groups) or 1
    for i, g in enumerate(groups):
        y = top + i * row
        p.setPen(INK)
        p.drawText(QRectF(r.left(), y, label_w - mm(2), row), LEFT | VCENTER, g.label)
        p.setPen(Qt.PenStyle.NoPen)
        if g.invited:
            p.setBrush(BAR_LIGHT)
            p.drawRect(QRectF(bar_left, y + row * 0.18, bar_w * g.invited / biggest, row * 0.64))
        if g.arrived:
            p.setBrush(BAR)
            p.drawRect(QRectF(bar_left, y + row * 0.3, bar_w * g.arrived / biggest, row * 0.4))
        rate = f" ({g.rate * 100:.0f}%)" if g.rate is not None else ""
        p.setPen(INK)
        p.drawText(
            QRectF(bar_left + bar_w, y, number_w, row), RIGHT | VCENTER, f"{g.arrived} / {g.invited}{rate}"
        )
