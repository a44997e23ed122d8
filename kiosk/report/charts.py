"""The PDF's two charts, drawn with QPainter so every label stays selectable text.

- arrivals: bars of people arriving per 10 minutes (left axis), the cumulative count as a line
  and the room's capacity as a dashed line (right axis);
- groups: one row per guest group or region: invited, invited who came, their rate, walk-ins.
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
TICKS = 5  # gridlines above zero, shared by both axes
MAX_BARS = 72  # beyond this (arrivals over more than 12 hours) buckets are merged for drawing

LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight
VCENTER = Qt.AlignmentFlag.AlignVCenter
HCENTER = Qt.AlignmentFlag.AlignHCenter


def nice_step(value: float, ticks: int = 5) -> float:
    """The smallest round step (1, 2, 2.5, 5 ×10ⁿ, at least 1) with ticks × step >= value."""
    if value <= 0:
        return 1.0
    raw = value / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw:
            break
    return max(step, 1.0)  # people come whole


def number(value: float) -> str:
    """9600 -> "9,600": thousands separators, no trailing ".0"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


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
    plot = r.adjusted(mm(12), mm(14), -mm(14), -mm(8))
    if not bars or bars[-1].cumulative == 0:
        p.setPen(QPen(GRID, mm(0.3)))
        p.drawRect(plot)
        p.setPen(MUTED)
        p.setFont(font(10))
        p.drawText(plot, HCENTER | VCENTER, "아직 도착 기록이 없습니다.")
        return
    # Both axes get the same number of ticks, so every gridline is a round number on each
    # side and a reader can follow one line to either axis.
    left_step = nice_step(max(b.people for b in bars), TICKS)
    right_step = nice_step(max(capacity, bars[-1].cumulative) * 1.05, TICKS)
    left_max, right_max = left_step * TICKS, right_step * TICKS
    slot = plot.width() / len(bars)

    def y_left(v: float) -> float:
        return plot.bottom() - plot.height() * v / left_max

    def y_right(v: float) -> float:
        return plot.bottom() - plot.height() * v / right_max

    for i in range(TICKS + 1):
        y = y_left(i * left_step)  # == y_right(i * right_step)
        p.setPen(QPen(GRID, mm(0.2)))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(BAR)
        p.drawText(QRectF(r.left(), y - mm(2.5), mm(10.5), mm(5)), RIGHT | VCENTER, number(i * left_step))
        p.setPen(LINE)
        p.drawText(
            QRectF(plot.right() + mm(1.5), y - mm(2.5), mm(12), mm(5)), LEFT | VCENTER, number(i * right_step)
        )
    p.setPen(BAR)
    p.drawText(QRectF(r.left(), plot.top() - mm(5.5), mm(30), mm(4)), LEFT | VCENTER, "명 / 10분")
    p.setPen(LINE)
    p.drawText(
        QRectF(plot.right() - mm(30), plot.top() - mm(5.5), mm(44), mm(4)), RIGHT | VCENTER, "누적 (명)"
    )
    # bars
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BAR)
    for i, b in enumerate(bars):
        if b.people:
            x = plot.left() + i * slot + slot * 0.15
            p.drawRect(QRectF(x, y_left(b.people), slot * 0.7, plot.bottom() - y_left(b.people)))
    # capacity line: on the right axis, labelled there in its own colour, never read off the left
    cap_y = y_right(capacity)
    pen = QPen(CAPACITY, mm(0.45))
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(plot.left(), cap_y), QPointF(plot.right(), cap_y))
    p.setPen(CAPACITY)
    p.setBrush(QColor("white"))
    label = f"정원 {number(capacity)}명 (오른쪽 축)"
    box = QRectF(plot.right() - mm(42), cap_y - mm(5), mm(41), mm(4.5))
    p.drawText(box, RIGHT | VCENTER, label)
    p.setBrush(Qt.BrushStyle.NoBrush)
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


GROUP_COLUMNS = ("초청", "초청자 참석", "참석률", "현장등록 등")
OTHERS = QColor("#e0a030")


def draw_group_bars(
    p: QPainter,
    r: QRectF,
    groups: Sequence[GroupCount],
    font: FontFactory,
    mm: Mm,
    row_mm: float = 6.0,
    total: GroupCount | None = None,
) -> None:
    """One row per group: invited, invited who came, the rate over the invited only, and who
    came without an invitation (walk-ins) in a column and a bar segment of their own, so each
    row adds up by hand and no bar of attendance outgrows the invitation it is compared with."""
    label_w, col_w = mm(38), mm(17)
    numbers_w = col_w * len(GROUP_COLUMNS)
    bar_left = r.left() + label_w
    bar_w = r.width() - label_w - numbers_w - mm(2)
    numbers_left = r.right() - numbers_w
    row = mm(row_mm)
    small = font(8.5)
    p.setFont(small)
    # legend line
    legend = [(BAR, "초청자 참석"), (BAR_LIGHT, "초청"), (OTHERS, "현장등록 등")]
    x = bar_left
    for colour, text in legend:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRect(QRectF(x, r.top() + mm(1.5), mm(4), mm(3)))
        p.setPen(MUTED)
        p.drawText(QRectF(x + mm(5.5), r.top(), mm(24), mm(6)), LEFT | VCENTER, text)
        x += mm(26)
    for i, header in enumerate(GROUP_COLUMNS):
        p.drawText(QRectF(numbers_left + i * col_w, r.top(), col_w, mm(6)), RIGHT | VCENTER, header)
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
        came = bar_w * g.invited_arrived / biggest
        if g.invited_arrived:
            p.setBrush(BAR)
            p.drawRect(QRectF(bar_left, y + row * 0.3, came, row * 0.4))
        if g.others:
            p.setBrush(OTHERS)
            p.drawRect(QRectF(bar_left + came, y + row * 0.3, bar_w * g.others / biggest, row * 0.4))
        _numbers(p, g, QRectF(numbers_left, y, numbers_w, row), col_w)
    if total is not None:
        y = top + len(groups) * row
        p.setPen(QPen(INK, mm(0.25)))
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        bold = font(8.5, True)
        p.setFont(bold)
        p.drawText(QRectF(r.left(), y, label_w - mm(2), row), LEFT | VCENTER, total.label)
        _numbers(p, total, QRectF(numbers_left, y, numbers_w, row), col_w)


def _numbers(p: QPainter, g: GroupCount, r: QRectF, col_w: float) -> None:
    rate = f"{g.rate * 100:.0f}%" if g.rate is not None else "–"
    p.setPen(INK)
    for j, text in enumerate((number(g.invited), number(g.invited_arrived), rate, number(g.others))):
        p.drawText(QRectF(r.left() + j * col_w, r.top(), col_w, r.height()), RIGHT | VCENTER, text)
