"""Large, calm, high-contrast: fonts and colours shared by every screen."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# One list of Hangul fonts for screens, reports and documents (kiosk.fonts: QtGui only).
from kiosk.fonts import KOREAN_FONTS, bundled_korean_family, korean_font_family

log = logging.getLogger(__name__)

__all__ = ["COLORS", "KOREAN_FONTS", "apply_theme", "bundled_korean_family", "korean_font_family"]

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
        {console_stylesheet()}
        """
    )
    return family


def console_stylesheet() -> str:
    """The check-in console's widgets (kiosk.ui.main_window and its parts)."""
    c = COLORS
    return f"""
        QLabel#eventTitle {{ font-size: 20pt; font-weight: 800; }}
        QLabel#eventMeta {{ font-size: 12pt; color: {c['muted']}; }}
        QLabel#bigCounter {{ font-size: 24pt; font-weight: 800; }}
        QLabel#counterCaption {{ font-size: 11pt; color: {c['muted']}; }}
        QLabel#counterNote {{ font-size: 10pt; color: {c['muted']}; }}
        QLabel#capacityNotice {{ font-size: 12pt; }}
        QLabel#clock {{ font-size: 20pt; font-weight: 700; padding-left: 12px; }}
        QLabel#roleBadge {{ font-size: 12pt; font-weight: 700; padding: 4px 12px; border-radius: 12px; }}
        QLabel#scanLabel {{ font-size: 14pt; font-weight: 700; }}
        QLineEdit#scanField {{ font-size: 16pt; padding: 6px 10px; border: 2px solid {c['accent']};
                               border-radius: 8px; }}
        QLineEdit#searchField {{ font-size: 15pt; padding: 6px 10px; border: 2px solid {c['accent']};
                                 border-radius: 8px; }}
        QLineEdit, QComboBox, QSpinBox {{ font-size: 13pt; padding: 4px 6px; }}
        QLineEdit#pinField {{ font-size: 22pt; letter-spacing: 6px; }}
        QLabel#verdictHeadline {{ font-size: 30pt; font-weight: 800; }}
        QLabel#verdictDetail {{ font-size: 16pt; }}
        QLabel#verdictHint {{ font-size: 12pt; }}
        QLabel#verdictTag {{ font-size: 12pt; font-weight: 700; padding: 3px 10px; border-radius: 10px;
                             background: rgba(255,255,255,0.22); }}
        QLabel#panelHeading, QLabel#dialogHeading {{ font-size: 15pt; font-weight: 800; }}
        QLabel#warningHeading {{ font-size: 13pt; font-weight: 800; color: {c['warning']}; }}
        QLabel#confirmName {{ font-size: 24pt; font-weight: 800; }}
        QLabel#mutedText {{ color: {c['muted']}; font-size: 11pt; }}
        QLabel#errorText {{ color: {c['refused']}; font-size: 12pt; font-weight: 700; }}
        QLabel#shortcutBar {{ color: {c['muted']}; font-size: 10pt; }}
        QLabel#vipHeadline {{ font-size: 16pt; font-weight: 800; }}
        QLabel#vipDetail {{ font-size: 11pt; }}
        QPushButton#vipAck {{ font-size: 13pt; font-weight: 700; padding: 6px 16px; background: white;
                              color: {c['vip']}; border-radius: 8px; }}
        QFrame#inlineConfirm {{ background: #e8f1fb; border: 2px solid {c['accent']}; border-radius: 10px; }}
        QFrame#inlineWarning {{ background: #fff4e0; border: 2px solid {c['warning']}; border-radius: 10px; }}
        QFrame#companionsBar {{ background: {c['surface']}; border-radius: 10px; }}
        QLabel#companionsLabel {{ font-size: 13pt; font-weight: 700; }}
        QPushButton {{ font-size: 12pt; padding: 6px 12px; }}
        QPushButton#companionButton {{ min-width: 48px; }}
        QPushButton#companionButton:checked {{ background: {c['ok']}; color: white; font-weight: 700; }}
        QPushButton#primaryButton {{ background: {c['accent']}; color: white; font-weight: 700;
                                     border-radius: 8px; padding: 8px 16px; }}
        QPushButton#dangerButton {{ background: {c['refused']}; color: white; font-weight: 700;
                                    border-radius: 8px; padding: 8px 16px; }}
        QPushButton#sideTab {{ font-size: 11pt; padding: 6px 8px; border: 1px solid #c9d1da;
                               border-radius: 8px; background: white; }}
        QPushButton#sideTab:checked {{ background: {c['idle']}; color: white; font-weight: 700; }}
        QTabWidget#mainTabs QTabBar::tab {{ font-size: 12pt; padding: 6px 16px; }}
        QListWidget#searchResults {{ font-size: 14pt; }}
        QListWidget#searchResults::item {{ padding: 6px; }}
        QListWidget#searchResults::item:selected {{ background: {c['accent']}; color: white; }}
        QTableWidget, QTreeWidget {{ font-size: 12pt; }}
        QWidget#kioskScreen {{ background: #0f1720; }}
        QLabel#kioskEvent {{ color: #cfd8e3; font-size: 22pt; font-weight: 700; }}
        QLabel#kioskHeadline {{ font-size: 54pt; font-weight: 800; }}
        QLabel#kioskDetail {{ font-size: 24pt; }}
    """
