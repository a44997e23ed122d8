"""Certificates of attendance as A4 PDF pages: one page per person who came.

`write_certificates` writes them all into one PDF, or one PDF per person into a folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPaintDevice, QPainter, QPdfWriter, QPen

from kiosk.documents.paint import fit_text, font, paint_qr, wrap_lines
from kiosk.domain.certificates import Certificate

RESOLUTION = 300
INK = QColor("#1d232a")
MUTED = QColor("#5f6b7a")
RED = QColor("#b3261e")
FRAME = QColor("#2d3e50")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _date(dt) -> str:  # type: ignore[no-untyped-def]
    return f"{dt.year}년 {dt.month}월 {dt.day}일"


def _time(dt) -> str:  # type: ignore[no-untyped-def]
    return f"{_date(dt)} {dt:%H:%M}"


def paint_certificate(painter: QPainter, device: QPaintDevice, c: Certificate) -> None:
    """One A4 page (210 × 297 mm)."""
    from kiosk.fonts import korean_font_family

    dpmm = device.logicalDpiX() / 25.4
    family = korean_font_family()

    def mm(x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * dpmm, y * dpmm, w * dpmm, h * dpmm)

    def text(rect: QRectF, value: str, size: float, *, bold: bool = False, color: QColor = INK,
             align: Qt.AlignmentFlag = LEFT, min_size: float | None = None) -> None:  # fmt: skip
        f, shown = fit_text(device, family, value, rect.width(), size, min_size or size * 0.7, bold=bold)
        painter.setFont(f)
        painter.setPen(color)
        painter.drawText(rect, align, shown)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(FRAME, 0.8 * dpmm))
    painter.drawRect(mm(12, 12, 186, 273))
    painter.setPen(QPen(FRAME, 0.25 * dpmm))
    painter.drawRect(mm(14.5, 14.5, 181, 268))

    text(mm(22, 20, 90, 8), f"제 {c.serial_text} 호", 11)
    if c.reissue:
        painter.setPen(QPen(RED, 0.5 * dpmm))
        painter.drawRect(mm(160, 19, 28, 10))
        text(mm(160, 19, 28, 10), "재발급", 14, bold=True, color=RED, align=CENTER)
        text(mm(118, 30, 70, 6), f"최초 발급 {_date(c.first_issued_at)} · {c.issue_count}번째 발급", 8,
             color=MUTED, align=RIGHT)  # fmt: skip
    text(mm(20, 40, 170, 18), "참 석 확 인 증", 32, bold=True, align=CENTER)
    text(mm(20, 58, 170, 7), "Certificate of Attendance", 11, color=MUTED, align=CENTER)

    rows = [
        ("성명", c.name),
        ("소속", c.organization or "–"),
        ("직위", c.title or "–"),
        ("행사명", c.event_name),
        ("일시", c.event_when),
        ("장소", c.venue),
        ("도착 시각", _time(c.arrived_at)),
        ("퇴장 시각", _time(c.left_at) if c.left_at else "기록 없음"),
    ]
    y = 78.0
    for i, (label, value) in enumerate(rows):
        if i in (3, 6):
            y += 4  # person, event, attendance: three groups
        painter.setPen(QPen(QColor("#dde3ea"), 0.2 * dpmm))
        painter.drawLine(mm(30, y + 10, 150, 0).topLeft(), mm(30, y + 10, 150, 0).topRight())
        text(mm(30, y, 36, 10), label, 12, color=MUTED)
        text(mm(66, y, 114, 10), value, 14 if i == 0 else 12.5, bold=i == 0)
        y += 11

    statement = f"위 사람은 「{c.event_name}」에 참석하였음을 확인합니다."
    painter.setFont(font(family, 14))
    painter.setPen(INK)
    for j, line in enumerate(wrap_lines(device, font(family, 14), statement, 150 * dpmm, 2)):
        painter.drawText(mm(30, 183 + j * 9, 150, 9), CENTER, line)
    text(mm(30, 205, 150, 9), _date(c.issued_on), 13, align=CENTER)
    issuer = c.hosts or f"{c.event_name} 사무국"
    text(mm(25, 218, 160, 11), issuer, 16, bold=True, align=CENTER, min_size=9)

    # Verification: the code as text and as a QR of exactly that text.
    painter.setPen(QPen(QColor("#c9d1da"), 0.3 * dpmm))
    painter.drawRect(mm(25, 240, 160, 38))
    paint_qr(painter, mm(28, 242, 34, 34), c.code)
    text(mm(66, 245, 115, 7), "진위 확인 코드 (Verification code)", 9, color=MUTED)
    text(mm(66, 253, 115, 9), c.code, 12, bold=True, min_size=7)
    text(mm(66, 263, 115, 6), f"확인: kiosk certificates verify {c.code}", 7.5, color=MUTED, min_size=5)
    text(mm(66, 269, 115, 6), "코드를 고치면 확인되지 않습니다. 발급 기록은 행사 데이터베이스에 있습니다.", 7.5,
         color=MUTED, min_size=5)  # fmt: skip
    painter.restore()


def _writer(path: Path, title: str) -> QPdfWriter:
    return _writer_for(str(path), title)


def _writer_for(target: str | QIODevice, title: str) -> QPdfWriter:
    """A QPdfWriter on a file name or an open QIODevice (an in-memory buffer for e-mail)."""
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))  # fmt: skip
    writer.setTitle(title)
    writer.setCreator("kiosk")
    return writer


def write_pdf(certificates: list[Certificate], path: Path) -> Path:
    """All certificates in one PDF, one page each (written whole, or not at all)."""
    from kiosk.report.pdf import ensure_gui_application

    ensure_gui_application()
    partial = path.with_name(path.name + ".part")
    title = f"{certificates[0].event_name} 참석확인증" if certificates else "참석확인증"
    writer = _writer(partial, title)
    painter = QPainter()
    try:
        if not painter.begin(writer):
            raise OSError(f"PDF 파일을 만들 수 없습니다: {path}")
        try:
            for i, c in enumerate(certificates):
                if i:
                    writer.newPage()
                paint_certificate(painter, writer, c)
        finally:
            painter.end()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def file_name(c: Certificate) -> str:
    # 40 characters at most: a 300-character name would exceed the file system's 255 bytes.
    safe = re.sub(r"[^\w가-힣-]+", "_", c.name).strip("_")[:40] or str(c.participant_id)
    return f"참석확인증-{c.serial_text}-{safe}.pdf"


def write_certificates(certificates: list[Certificate], out: Path) -> list[Path]:
    """FILE.pdf: one PDF; anything else is a folder with one PDF per person."""
    if out.suffix.lower() == ".pdf":
        return [write_pdf(certificates, out)]
    out.mkdir(parents=True, exist_ok=True)
    return [write_pdf([c], out / file_name(c)) for c in certificates]
