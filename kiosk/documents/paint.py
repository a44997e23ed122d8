"""Small painting helpers shared by badges and certificates: fitted text, QR as vector squares."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter

from kiosk.invite.qr import make_matrix


def font(family: str | None, point_size: float, *, bold: bool = False) -> QFont:
    f = QFont(family) if family else QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    # As in the report: Noto CJK's localised digits would drop out of the PDF's text map.
    f.setFeature(QFont.Tag("locl"), 0)
    return f


def flat(text: str) -> str:
    """One line: tabs, line breaks and other control characters from a roster cell become spaces,
    so a name never runs onto a second line over the text below it."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text or "").split())


def fit_text(
    device: QPaintDevice,
    family: str | None,
    text: str,
    width_px: float,
    max_pt: float,
    min_pt: float,
    *,
    bold: bool = False,
) -> tuple[QFont, str]:
    """The largest font (max_pt down to min_pt, half a point at a time) in which the text fits
    the width; if even min_pt is too wide, the text at min_pt cut with an ellipsis."""
    text = flat(text)
    size = max_pt
    while True:
        f = font(family, size, bold=bold)
        metrics = QFontMetricsF(f, device)
        if metrics.horizontalAdvance(text) <= width_px:
            return f, text
        if size <= min_pt:
            return f, metrics.elidedText(text, Qt.TextElideMode.ElideRight, width_px)
        size = max(min_pt, size - 0.5)


def wrap_lines(device: QPaintDevice, f: QFont, text: str, width_px: float, max_lines: int) -> list[str]:
    """At most max_lines lines, broken between words (Korean words stay whole), the last one
    ending in an ellipsis when the text does not fit."""
    metrics = QFontMetricsF(f, device)
    lines: list[str] = []
    current = ""
    words = flat(text).split()
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width_px or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width_px) for line in lines[:max_lines]]


def paint_qr(painter: QPainter, rect: QRectF, text: str) -> None:
    """The QR of `text` (quiet zone included) filling the square rect, as vector squares.

    Runs of dark modules in a row become one rectangle: sharp at any printer resolution, and a
    sheet of 183 codes stays small and fast."""
    matrix = make_matrix(text)
    module = rect.width() / matrix.size
    painter.fillRect(rect, QColor("white"))
    black = QColor("black")
    for r, row in enumerate(matrix.rows):
        c = 0
        while c < matrix.size:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < matrix.size and row[c]:
                c += 1
            # A hair of overlap avoids white seams between modules in some PDF viewers.
            painter.fillRect(
                QRectF(rect.left() + start * module, rect.top() + r * module, (c - start) * module + module * 0.02,
                       module * 1.02),
                black,
            )  # fmt: skip
