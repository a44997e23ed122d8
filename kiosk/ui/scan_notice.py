"""A notice over a dialog when a scan was typed into it: what the door did with the scan.

The scan never reaches the dialog (kiosk.ui.burst_filter); the person looking at the dialog
still has to learn that a guest was checked in (or was not) behind it. The notice is its own
small window that never takes focus, so the dialog's fields and buttons stay exactly as they were.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

NOTICE_MS = 5000
_COLOURS = {"ok": "#1e7b34", "vip": "#5b2a86", "already": "#9a6700", "refused": "#b42318", "checkout": "#1f5f99"}


class ScanNotice(QLabel):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("scanNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # clicks reach what is under it
        self.setWordWrap(True)
        self.setMinimumWidth(420)
        self.setMaximumWidth(640)
        self.setMargin(14)
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(NOTICE_MS)
        self.hide_timer.timeout.connect(self.hide)
        self._over: QWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The dialog closed: the notice about it goes with it.
        if watched is self._over and shiboken6.isValid(watched) and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.hide()
        return False

    def _place(self, window: QWidget) -> QPoint:
        """Beside the window, never over what someone is typing: above it, else below it, else to
        its right or left; only on a screen with no room around does it cover the bottom edge."""
        frame = window.frameGeometry()
        screen = window.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else frame.adjusted(0, -200, 0, 200)
        w, h, gap = self.width(), self.height(), 4
        x = min(max(frame.center().x() - w // 2, area.left()), max(area.left(), area.right() - w))
        if frame.top() - h - gap >= area.top():
            return QPoint(x, frame.top() - h - gap)
        if frame.bottom() + gap + h <= area.bottom():
            return QPoint(x, frame.bottom() + gap)
        y = frame.center().y() - h // 2
        if frame.right() + gap + w <= area.right():
            return QPoint(frame.right() + gap, y)
        if frame.left() - gap - w >= area.left():
            return QPoint(frame.left() - gap - w, y)
        return QPoint(x, frame.bottom() - h - gap)  # the buttons' row, not the title or a field

    def show_over(self, window: QWidget, kind: str, text: str) -> None:
        colour = _COLOURS.get(kind, "#1d232a")
        self.setStyleSheet(f"background:{colour};color:white;font-size:15pt;font-weight:600;border-radius:6px;")
        self.setText(text)
        self.adjustSize()
        self.move(self._place(window))
        if self._over is not None and self._over is not window and shiboken6.isValid(self._over):
            self._over.removeEventFilter(self)
        self._over = window
        window.installEventFilter(self)
        self.show()
        self.raise_()
        self.hide_timer.start()
