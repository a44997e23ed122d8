"""Large, calm, high-contrast: fonts and colours shared by every screen."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Fonts with Hangul, in order of preference, per OS.
KOREAN_FONTS = [
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "맑은 고딕",
    "Apple SD Gothic Neo",
    "NanumGothic",
    "나눔고딕",
    "Source Han Sans K",
]

COLORS = {
    "ok": "#1b7f3b",
    "vip": "#5b2a86",
    "warning": "#b86e00",
    "refused": "#b3261e",
    "idle": "#2d3e50",
    "text": "#1d232a",
    "muted": "#5f6b7a",
    "surface": "#f4f6f8",
    "accent": "#0b5cad",
}


def korean_font_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in KOREAN_FONTS:
        if name in families:
            return name
    # Any family that claims the Korean writing system will do.
    korean = QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    return korean[0] if korean else None


def apply_theme(app: QApplication) -> str | None:
    """Set the application font; returns the Korean family in use (None: Hangul may not render)."""
    family = korean_font_family()
    font = QFont(family) if family else QFont()
    font.setPointSize(12)
    app.setFont(font)
    if family is None:
        log.warning("no font with Hangul found; install fonts-noto-cjk (Linux)")
    app.setStyleSheet(
        f"""
        QWidget {{ color: {COLORS['text']}; }}
        QMainWindow, QDialog {{ background: white; }}
        QLabel#eventTitle {{ font-size: 24pt; font-weight: 700; }}
        QLabel#eventMeta {{ font-size: 13pt; color: {COLORS['muted']}; }}
        QLabel#bigCounter {{ font-size: 64pt; font-weight: 800; }}
        QLabel#counterCaption {{ font-size: 15pt; color: {COLORS['muted']}; }}
        QFrame#card {{ background: {COLORS['surface']}; border-radius: 12px; }}
        """
    )
    return family
