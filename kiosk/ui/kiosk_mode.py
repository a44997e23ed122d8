"""Self-service kiosk mode: the screen the guests see.

Only "QR 코드를 보여 주세요" and, after a scan, the greeting. No roster, no counters, no phone
numbers or e-mail addresses: nothing a guest could read about another guest. The result stays a
few seconds, then the prompt returns. Leaving needs the supervisor PIN (Ctrl+Shift+Q).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.domain.checkin import CheckInVerdict
from kiosk.ui.companions import CompanionsBar
from kiosk.ui.scan_field import make_scan_field
from kiosk.ui.verdict_panel import VerdictPanel

log = logging.getLogger(__name__)
RESET_MS = 6000
STRAY_CLEAR_MS = 2000
EXIT_KEYS = "Ctrl+Shift+Q"


class KioskScreen(QWidget):
    scanned = Signal(str)
    exit_requested = Signal()

    def __init__(self, event_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 28)
        layout.setSpacing(20)
        self.event_label = QLabel(event_name)
        self.event_label.setObjectName("kioskEvent")
        self.event_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.event_label)
        self.panel = VerdictPanel(guest_facing=True)
        self.panel.setObjectName("verdictPanel")
        self.panel.headline.setObjectName("kioskHeadline")
        self.panel.detail.setObjectName("kioskDetail")
        self.panel.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.panel, 1)
        self.preview_slot = QVBoxLayout()
        layout.addLayout(self.preview_slot)
        # The scan field must be able to hold focus, so it is tiny rather than hidden.
        self.field = make_scan_field(self)
        self.field.setObjectName("kioskScanField")
        self.field.setFixedSize(2, 2)
        self.field.setStyleSheet("border: none; background: transparent; color: transparent;")
        self.field.scanned.connect(self.scanned)  # type: ignore[attr-defined]
        # A guest's idle keys would otherwise sit unseen in the field and spoil the next scan.
        self.field.stray_clear_ms = STRAY_CLEAR_MS
        layout.addWidget(self.field, 0, Qt.AlignmentFlag.AlignRight)
        self.companions: CompanionsBar | None = None
        self.reset = QTimer(self)
        self.reset.setSingleShot(True)
        self.reset.setInterval(RESET_MS)
        self.reset.timeout.connect(self.show_prompt)
        shortcut = QShortcut(QKeySequence(EXIT_KEYS), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.exit_requested)

    def add_companions(self, bar: CompanionsBar) -> None:
        """The companions question under the greeting: a touch button per count (or Alt+digit)."""
        self.companions = bar
        bar.guest_question = self.tr("함께 오신 분이 있으면 인원을 눌러 주세요 (본인 제외)")
        bar.setObjectName("kioskCompanions")
        bar.setStyleSheet("QLabel { color: white; font-size: 18pt; font-weight: 600; }"
                          "QPushButton { font-size: 18pt; min-width: 84px; min-height: 48px; }")  # fmt: skip
        self.layout().insertWidget(2, bar, 0, Qt.AlignmentFlag.AlignHCenter)
        bar.changed.connect(lambda *_a: self.reset.start())  # an answer gives the guest time to read it
        for n in range(10):
            key = QShortcut(QKeySequence(f"Alt+{n}"), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda k=n: bar.set_count(k))

    def show_prompt(self) -> None:
        self.panel.show_idle()
        if self.companions is not None:
            self.companions.clear()
        self.field.setFocus()

    def show_verdict(self, verdict: CheckInVerdict, operator: str = "") -> str:
        kind = self.panel.show_verdict(verdict)
        if self.companions is not None:
            self.companions.follow(verdict, operator)
        self.reset.start()
        self.field.setFocus()
        return kind


class KioskHold(QObject):
    """Keeps the kiosk window full screen, on top and active while kiosk mode is on.

    A guest can reach the window manager without the program: openbox's Alt+Space menu →
    Iconify, a click on another window, a keyboard shortcut of the desktop. Nothing of that goes
    through the program's PIN, so the window puts itself back: at once on a state change, and
    every quarter second for what the window manager does without telling (another window
    raised over it). The program's own dialogs (the PIN box) are left alone.
    """

    INTERVAL_MS = 250

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.restores = 0
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self._managed():
            # Changing a flag hides the window: shown again below, full screen, focus back.
            self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.window.showFullScreen()
        self.window.activateWindow()
        if self._managed():  # without a window manager nobody but the program moves the window
            self.window.installEventFilter(self)
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.window.removeEventFilter(self)
        if self._managed():
            self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, False)
        self.window.activateWindow()

    @staticmethod
    def _managed() -> bool:
        """A real window system (a window manager decides stacking and activation)."""
        return QGuiApplication.platformName() not in ("offscreen", "minimal")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Hide):
            QTimer.singleShot(0, self.check)
        return False

    def lost(self) -> bool:
        w = self.window
        if w.isMinimized() or not w.isVisible() or not w.isFullScreen():
            return True
        # Covered: no window of ours (the kiosk, or a PIN box over it) is active.
        return QApplication.activeModalWidget() is None and QApplication.activeWindow() is None

    def check(self) -> None:
        if not self.timer.isActive() or not self.lost():
            return
        self.restores += 1
        log.warning("kiosk mode: window taken back (minimised, covered or not full screen; %d)", self.restores)
        w = self.window
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowFullScreen)
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
