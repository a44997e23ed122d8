"""A notice over a dialog when a scan was typed into it: what the door did with the scan.

The scan never reaches the dialog (kiosk.ui.burst_filter); the person looking at the dialog
still has to learn that a guest was checked in (or was not) behind it. The notice is its own
small window that never takes focus, so the dialog's fields and buttons stay exactly as they were.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

NOTICE_MS = 5000
_COLOURS = {"ok": "#1e7b34", "vip": "#5b2a86", "already": "#9a6700", "refused": "#b42318", "checkout": "#1f5f99"}


class ScanNotice(QLabel):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("scanNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
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

    def show_over(self, window: QWidget, kind: str, text: str) -> None:
        colour = _COLOURS.get(kind, "#1d232a")
        self.setStyleSheet(f"background:{colour};color:white;font-size:15pt;font-weight:600;border-radius:6px;")
        self.setText(text)
        self.adjustSize()
        frame = window.frameGeometry()
        self.move(QPoint(frame.center().x() - self.width() // 2, max(frame.top() - self.height() - 4, 0)))
        if frame.top() - self.height() - 4 < 0:  # no room above: over the dialog's top edge
            self.move(QPoint(self.x(), frame.top() + 4))
        if self._over is not None and self._over is not window and shiboken6.isValid(self._over):
            self._over.removeEventFilter(self)
        self._over = window
        window.installEventFilter(self)
        self.show()
        self.raise_()
        self.hide_timer.start()
