"""The staff window: while the front screen is a guest kiosk, protocol alerts go to staff.

Kiosk mode hides the console, and with it the purple VIP banner. When the station has a second
screen, the banner moves to this window there for as long as kiosk mode lasts (and back after),
so a minister checking in at the self-service kiosk is announced to the protocol staff at once.
Stations without a second screen still reach the staff through the other desks' consoles, which
announce every protocol arrival recorded in the shared database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class StaffWindow(QWidget):
    def __init__(self, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("staffWindow")
        self.setWindowTitle(self.tr("의전 알림 — {0} 키오스크").format(station))
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        heading = QLabel(self.tr("{0}: 키오스크 모드 진행 중 — VIP 도착 알림은 여기에 나옵니다 (확인 Ctrl+K)").format(station))
        heading.setObjectName("eventMeta")
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        self.layout_.addStretch(1)

    def hold(self, bar: QWidget) -> None:
        self.layout_.insertWidget(1, bar)

    def show_on(self, screen: QScreen | None) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.availableGeometry().adjusted(40, 40, -40, -40))
        self.show()
