"""The PDF summary: QPdfWriter + QPainter on A4, the Korean font embedded, all text selectable.

Charts are drawn with QPainter rather than QtCharts: they need only a QGuiApplication (no
widgets), every label stays real PDF text in the same embedded font, the layout is exact, and
ten thousand rows render in about a second. Pages flow through `_Flow`, which first runs "dry"
to count the pages so each footer can say "3 / 12".
"""

from __future__ import annotations

import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from kiosk.report.charts import draw_arrivals, draw_group_bars, number
from kiosk.report.data import GroupCount, PersonRow, ReportData
from kiosk.report.xlsx import display_width

log = logging.getLogger(__name__)

DPI = 300
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
MARGIN_MM = 15.0
FOOTER_MM = 10.0
ROW_MM = 5.6
BAR_ROW_MM = 5.4
INK = QColor("#1d232a")
MUTED = QColor("#5f6b7a")
HEADER_FILL = QColor("#2d3e50")
STRIPE = QColor("#f4f6f8")
ALERT = QColor("#b3261e")
ALERT_FILL = QColor("#fbe9e7")
MIN_ROWS = 3  # no page starts or ends a table with fewer rows than this (unless it has fewer)

_app: QGuiApplication | None = None  # kept alive for the process once the CLI made one


def ensure_gui_application() -> QGuiApplication:
    """Fonts need a QGuiApplication. The GUI has one; the CLI gets a window-less one here."""
    global _app
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise RuntimeError("PDF rendering needs a QGuiApplication, but a QCoreApplication exists")
    argv = ["kiosk"]
    # Linux servers and SSH sessions have no display; the offscreen platform still has fontconfig.
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    # A QApplication (a QGuiApplication that also allows widgets), so that widgets created later
    # in the same process — tests, an embedding GUI — do not abort for want of one.
    from PySide6.QtWidgets import QApplication

    _app = QApplication(argv)
    return _app


def report_font(point_size: float, bold: bool = False) -> QFont:
    from kiosk.fonts import korean_font_family  # one list of Hangul fonts for every screen

    family = korean_font_family()
    if family is None:
        log.warning("no font with Hangul found; install fonts-noto-cjk (Linux)")
    font = QFont(family) if family else QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # Noto CJK swaps digits and punctuation for localised glyphs ('locl'); Qt's PDF text map
    # then loses them and "150" cannot be selected or searched. The default glyphs look the same.
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def mm(value: float) -> float:
    return value * DPI / 25.4


@dataclass(frozen=True)
class TableColumn:
    header: str
    width_mm: float
    get: Callable[[int, PersonRow], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


class _Flow:
    """A cursor running down the pages; blocks that do not fit start a new page."""

    def __init__(self, painter: QPainter | None, writer: QPdfWriter | None, title: str, total: int) -> None:
        self.p = painter  # None: a dry run that only counts pages
        self.writer = writer
        self.title = title
        self.total = total
        self.page = 1
        self.left = mm(MARGIN_MM)
        self.width = mm(PAGE_W_MM - 2 * MARGIN_MM)
        self.top = mm(MARGIN_MM)
        self.bottom = mm(PAGE_H_MM - MARGIN_MM - FOOTER_MM)
        self.y = self.top
        self.footer_font = report_font(7.5)

    def new_page(self) -> None:
        self._footer()
        if self.writer is not None:
            self.writer.newPage()
        self.page += 1
        self.y = self.top

    def finish(self) -> None:
        self._footer()

    def _footer(self) -> None:
        if self.p is None:
            return
        self.p.setFont(self.footer_font)
        self.p.setPen(MUTED)
        rect = QRectF(self.left, mm(PAGE_H_MM - MARGIN_MM - 6), self.width, mm(6))
        metrics = QFontMetricsF(self.footer_font, self.p.device())
        title = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, self.width - mm(25))
        self.p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        self.p.drawText(
            rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{self.page} / {self.total}"
        )

    def block(self, height_mm: float, draw: Callable[[QPainter, QRectF], None] | None = None) -> QRectF:
        height = mm(height_mm)
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page()
        rect = QRectF(self.left, self.y, self.width, height)
        if self.p is not None and draw is not None:
            self.p.save()
            draw(self.p, rect)
            self.p.restore()
        self.y += height
        return rect

    def keep(self, height_mm: float) -> None:
        """Start a new page unless the next height_mm fit here (a heading stays with its chart)."""
        if self.y + mm(height_mm) > self.bottom and self.y > self.top:
            self.new_page()

    def space(self, height_mm: float) -> None:
        self.y = min(self.y + mm(height_mm), self.bottom)

    def text(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        color: QColor = INK,
        height_mm: float | None = None,
    ) -> None:
        font = report_font(size, bold)
        h = height_mm if height_mm is not None else size * 0.3528 * 1.6 + 1
        # A long event name wraps: a Hangul glyph is about one em wide (display_width counts it
        # as 2), so this estimate reserves enough lines without measuring on the PDF device.
        em_mm = size * 0.3528
        lines = math.ceil(display_width(text) * em_mm / 2 / (PAGE_W_MM - 2 * MARGIN_MM - 2)) or 1
        h *= lines

        def draw(p: QPainter, r: QRectF) -> None:
            p.setFont(font)
            p.setPen(color)
            p.drawText(
                r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text
            )

        self.block(h, draw)

    def table(
        self, title: str, columns: Sequence[TableColumn], rows: Sequence[PersonRow], empty: str
    ) -> None:
        self.space(4)
        self.keep(8 + (1 + min(len(rows), MIN_ROWS)) * ROW_MM)  # the title with its header and first rows
        self.text(title, 13, bold=True, height_mm=8)
        if not rows:
            self.text(empty, 10, color=MUTED)
            return
        painter = _TablePainter(columns)
        done = 0
        while done < len(rows):
            if done or self.y + mm(2 * ROW_MM) > self.bottom:
                self.new_page()  # a chunk ends only where its page (or the table) ends
            fits = int((self.bottom - self.y) / mm(ROW_MM)) - 1  # one row for the header
            left_over = len(rows) - done - fits
            if 0 < left_over < MIN_ROWS and fits > MIN_ROWS:
                fits -= min(MIN_ROWS - left_over, fits - MIN_ROWS)  # no last page of one row
            chunk = rows[done : done + fits]
            first = done + 1
            self.block(
                ROW_MM * (len(chunk) + 1),
                lambda p, r, chunk=chunk, first=first: painter.draw(p, r, chunk, first),
            )
            done += len(chunk)


def deputy_first(text: str) -> str:
    """A title too long for its column: "장관 (대리: 한지원 제2차관)" keeps who actually came
    ("대리: 한지원 제2차관"), since eliding from the right cut the deputy's name off."""
    head, sep, deputy = text.partition(" (대리: ")
    return f"대리: {deputy.removesuffix(')')}" if sep and head else text


class _TablePainter:
    """Draws a header and a run of rows: the hot loop of a 10,000-person report.

    Text goes out with drawText(x, y, text), the cheapest call Qt has; only text that might
    not fit its column is measured and elided.
    """

    def __init__(self, columns: Sequence[TableColumn]) -> None:
        self.columns = columns
        self.font, self.bold = report_font(8.5), report_font(8.5, True)
        self.pad = mm(1.2)
        self.row = mm(ROW_MM)
        self.widths = [mm(c.width_mm) - 2 * self.pad for c in columns]
        self.lefts: list[float] = []
        x = 0.0
        for c in columns:
            self.lefts.append(x + self.pad)
            x += mm(c.width_mm)
        self.metrics: QFontMetricsF | None = None

    def _measure(self, p: QPainter) -> QFontMetricsF:
        # Measured on the PDF's own device: a bare QFontMetricsF assumes the screen's DPI.
        if self.metrics is None:
            self.metrics = QFontMetricsF(self.font, p.device())
            self.em = self.metrics.horizontalAdvance("가")  # the widest common glyph
            self.baseline = (self.row + self.metrics.ascent() - self.metrics.descent()) / 2
        return self.metrics

    def _text(
        self, p: QPainter, x: float, y: float, width: float, align: Qt.AlignmentFlag, text: str
    ) -> None:
        if len(text) * self.em > width:
            if self.metrics.horizontalAdvance(text) > width:  # type: ignore[union-attr]
                text = deputy_first(text)
            text = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)  # type: ignore[union-attr]
        if align != Qt.AlignmentFlag.AlignLeft:
            advance = self.metrics.horizontalAdvance(text)  # type: ignore[union-attr]
            x += width - advance if align == Qt.AlignmentFlag.AlignRight else (width - advance) / 2
        p.drawText(round(x), round(y), text)  # the int overload: a quarter faster than QPointF

    def draw(self, p: QPainter, r: QRectF, rows: Sequence[PersonRow], first: int) -> None:
        self._measure(p)
        left, top = r.left(), r.top()
        p.fillRect(QRectF(left, top, r.width(), self.row), HEADER_FILL)
        p.setFont(self.bold)
        p.setPen(QColor("white"))
        for col, x, w in zip(self.columns, self.lefts, self.widths, strict=True):
            self._text(p, left + x, top + self.baseline, w, col.align, col.header)
        p.setFont(self.font)
        p.setPen(INK)
        for offset, row in enumerate(rows):
            index = first + offset
            y = top + (offset + 1) * self.row
            if index % 2 == 0:
                p.fillRect(QRectF(left, y, r.width(), self.row), STRIPE)
            for col, x, w in zip(self.columns, self.lefts, self.widths, strict=True):
                value = col.get(index, row)
                if value:
                    self._text(p, left + x, y + self.baseline, w, col.align, value)


def _hhmm(person: PersonRow) -> str:
    at = person.first_arrival
    return f"{at.hour:02d}:{at.minute:02d}" if at else ""  # strftime is slow for 10,000 rows


RIGHT = Qt.AlignmentFlag.AlignRight
CENTER = Qt.AlignmentFlag.AlignHCenter
ATTENDEE_TABLE = [
    TableColumn("번호", 10, lambda i, p: f"{i:,}", RIGHT),
    TableColumn("성명", 22, lambda i, p: p.name),
    TableColumn("소속", 52, lambda i, p: p.organization),
    TableColumn("직위", 30, lambda i, p: p.title),
    TableColumn("구분", 24, lambda i, p: p.category_label),
    TableColumn("지역", 16, lambda i, p: p.region),
    TableColumn("도착", 14, lambda i, p: _hhmm(p), CENTER),
    TableColumn("동반", 12, lambda i, p: str(p.companions) if p.companions else "", RIGHT),
]
NO_SHOW_TABLE = [
    TableColumn("번호", 10, lambda i, p: f"{i:,}", RIGHT),
    TableColumn("성명", 24, lambda i, p: p.name),
    TableColumn("소속", 62, lambda i, p: p.organization),
    TableColumn("직위", 36, lambda i, p: p.title),
    TableColumn("구분", 28, lambda i, p: p.category_label),
    TableColumn("지역", 20, lambda i, p: p.region),
]
VIP_TABLE = [
    TableColumn("성명", 24, lambda i, p: p.name),
    TableColumn("소속", 56, lambda i, p: p.organization),
    TableColumn("직위", 34, lambda i, p: p.title),
    TableColumn("구분", 28, lambda i, p: p.category_label),
    TableColumn("도착", 24, lambda i, p: _hhmm(p) or "미도착", CENTER),
    TableColumn("동반", 14, lambda i, p: str(p.companions) if p.companions else "", RIGHT),
]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def over_capacity(data: ReportData) -> bool:
    return bool(data.event.capacity) and data.figures.peak_present > data.event.capacity


def _key_figures(data: ReportData) -> list[tuple[str, str]]:
    f = data.figures
    peak = f"{number(f.peak_present)} / {number(data.event.capacity)}"
    return [
        ("초청", f"{number(f.invited)}명"),
        ("참석 (현장등록 포함)", f"{number(f.arrived)}명"),
        ("참석률 (초청자 기준)", _percent(f.rate)),
        ("현장등록", f"{number(f.walk_ins)}명"),
        ("불참", f"{number(f.no_shows)}명"),
        ("동반인", f"{number(f.companions)}명"),
        ("총 입장 인원 (동반 포함)", f"{number(f.total_people)}명"),
        ("최대 재실 / 정원 — 정원 초과" if over_capacity(data) else "최대 재실 / 정원", peak),
    ]


def _draw_figures(data: ReportData) -> Callable[[QPainter, QRectF], None]:
    items = _key_figures(data)
    alert = {len(items) - 1} if over_capacity(data) else set()
    label_font, value_font = report_font(8.5), report_font(17, True)

    def draw(p: QPainter, r: QRectF) -> None:
        cols, gap = 4, mm(3)
        w = (r.width() - gap * (cols - 1)) / cols
        h = (r.height() - gap) / 2
        for i, (label, value) in enumerate(items):
            cell = QRectF(r.left() + (i % cols) * (w + gap), r.top() + (i // cols) * (h + gap), w, h)
            warn = i in alert
            p.setPen(QPen(ALERT, mm(0.5)) if warn else Qt.PenStyle.NoPen)
            p.setBrush(QBrush(ALERT_FILL if warn else STRIPE))
            p.drawRoundedRect(cell, mm(2), mm(2))
            inner = cell.adjusted(mm(3), mm(1.5), -mm(3), -mm(1.5))
            p.setPen(ALERT if warn else MUTED)
            p.setFont(label_font)
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
            p.setPen(ALERT if warn else INK)
            p.setFont(value_font)
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, value)

    return draw


def _at_most(groups: list[GroupCount], limit: int = 30) -> list[GroupCount]:
    """Thirty bars fit a page; the smallest groups beyond that are summed into one."""
    if len(groups) <= limit:
        return groups
    rest = groups[limit - 1 :]
    other = GroupCount(
        f"그 외 {len(rest)}곳",
        sum(g.invited for g in rest),
        sum(g.arrived for g in rest),
        sum(g.invited_arrived for g in rest),
        sum(g.companions for g in rest),
    )
    return [*groups[: limit - 1], other]


def _outside_day_note(outside: int, arrived: int, day: str) -> str:
    if outside == arrived:
        return f"주의: 체크인 {number(outside)}건 모두 행사일({day}) 밖의 날짜입니다 (시계 설정 또는 시험 데이터 확인)"
    return f"주의: 행사일({day}) 밖의 체크인 {number(outside)}건 — 도착 차트에서 제외, 명단과 합계에는 포함"


def _layout(flow: _Flow, data: ReportData) -> None:
    e, f = data.event, data.figures
    flow.text(e.name, 20, bold=True, height_mm=11)
    if e.name_en:
        flow.text(e.name_en, 10.5, color=MUTED, height_mm=6)
    flow.text(f"{e.when} · {e.venue}", 11, height_mm=7)
    hosts = " · ".join(
        x for x in (f"주최 {e.hosts}" if e.hosts else "", f"후원 {e.sponsor}" if e.sponsor else "") if x
    )
    if hosts:
        flow.text(hosts, 9.5, color=MUTED, height_mm=5.5)
    note = f"참석 보고서 · 작성 {data.generated_at:%Y-%m-%d %H:%M} · 시각은 {e.timezone} 현지 시각"
    if data.masked:
        note += " · 연락처 가림"
    flow.text(note, 8.5, color=MUTED, height_mm=5.5)
    if f.outside_day:
        day = f"{e.starts_at:%Y-%m-%d}"
        flow.text(_outside_day_note(f.outside_day, f.arrived, day), 9.5, bold=True, color=ALERT, height_mm=6)
    flow.space(3)
    flow.block(32, _draw_figures(data))
    flow.space(5)
    flow.keep(8 + 80)
    flow.text("10분 단위 도착 인원과 누적 인원 (동반인 포함)", 13, bold=True, height_mm=8)
    flow.block(80, lambda p, r: draw_arrivals(p, r, data.arrivals, e.capacity, report_font, mm))
    for heading, groups in (("구분별 참석", data.by_category), ("지역별 참석", _at_most(data.by_region))):
        height = 8 + BAR_ROW_MM * (max(len(groups), 1) + 1)  # and the 합계 row
        total = GroupCount(
            "합계",
            sum(g.invited for g in groups),
            sum(g.arrived for g in groups),
            sum(g.invited_arrived for g in groups),
            sum(g.companions for g in groups),
        )
        flow.space(4)
        flow.keep(8 + height)
        flow.text(heading, 13, bold=True, height_mm=8)
        flow.block(
            height,
            lambda p, r, groups=groups, total=total: draw_group_bars(
                p, r, groups, report_font, mm, BAR_ROW_MM, total
            ),
        )
    flow.table(
        f"VIP ({number(f.vip_arrived)} / {number(f.vip_invited)}명 도착)",
        VIP_TABLE,
        data.vips,
        "VIP로 지정된 사람이 없습니다.",
    )
    flow.new_page()
    flow.table(
        f"참석자 명단 ({number(f.arrived)}명, 도착 순)", ATTENDEE_TABLE, data.attendees, "참석자가 없습니다."
    )
    flow.space(4)
    flow.table(f"불참자 명단 ({number(f.no_shows)}명)", NO_SHOW_TABLE, data.no_shows, "불참자가 없습니다.")
    flow.finish()


def write_pdf(data: ReportData, path: str | Path) -> Path:
    ensure_gui_application()
    title = f"{data.event.name} 참석 보고서"
    dry = _Flow(None, None, title, 0)
    _layout(dry, data)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle(title)
    writer.setCreator("kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"PDF 파일을 만들 수 없습니다: {path}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _layout(_Flow(painter, writer, title, dry.page), data)
    finally:
        painter.end()
    return Path(path)


__all__ = ["ensure_gui_application", "report_font", "write_pdf"]
