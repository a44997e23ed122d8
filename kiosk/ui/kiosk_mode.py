"""Self-service kiosk mode: the screen the guests see.

Only "QR 코드를 보여 주세요" and, after a scan, the greeting. No roster, no counters, no phone
numbers or e-mail addresses: nothing a guest could read about another guest. The result stays a
few seconds, then the prompt returns. Leaving needs the supervisor PIN (Ctrl+Shift+Q).
"""

from __future__ import annotations

import contextlib
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
        # The whole window, wherever the focus landed: entered from the console (F11) the window is
        # shown again for the stay-on-top flag and Qt may give the focus back to a console widget;
        # the shortcut of a hidden page (the console's) never fires, so this is the kiosk's alone.
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
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
    Iconify or "send to desktop 2", Alt+Tab, a keyboard shortcut of the desktop. Nothing of that
    goes through the program's PIN. So the kiosk holds the keyboard (an X keyboard grab, as kiosk
    software does): the window manager's key bindings never see a key, and an open window-manager
    menu can never swallow a guest's scan. The grab is taken again every quarter second (a grab
    the window manager held meanwhile makes ours fail until it lets go), and moves to the
    program's own dialog (the PIN box) while one is open. What the window manager still does
    without keys (another window raised over it, an iconify request) is undone at once on a
    state change and at the next quarter second.
    """

    INTERVAL_MS = 250

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.restores = 0
        self._grabbed = None  # the QWindow holding the keyboard grab
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
            app_widgets = QApplication.instance()
            if app_widgets is not None:
                app_widgets.installEventFilter(self)
            self.timer.start()
            QTimer.singleShot(0, self.hold_keyboard)
            app = QGuiApplication.instance()
            if app is not None:  # a dialog of ours opened or closed: the grab follows at once
                app.focusWindowChanged.connect(self._focus_moved)

    def _focus_moved(self, _window: object) -> None:
        QTimer.singleShot(0, self.hold_keyboard)

    def hold_keyboard(self) -> bool:
        """Grab the keyboard for the kiosk (or for our dialog over it); False when not possible now."""
        if not self.timer.isActive():
            return False
        target = QApplication.activeModalWidget() or self.window
        handle = target.windowHandle()
        if handle is None or not target.isVisible():
            return False
        self._grabbed = handle
        return bool(handle.setKeyboardGrabEnabled(True))

    def _release_keyboard(self) -> None:
        handle = getattr(self, "_grabbed", None)
        if handle is not None:
            handle.setKeyboardGrabEnabled(False)
            self._grabbed = None

    def stop(self) -> None:
        self.timer.stop()
        self._release_keyboard()
        app = QGuiApplication.instance()
        if app is not None and self._managed():
            with contextlib.suppress(RuntimeError, TypeError):  # never connected (stopped before a start)
                app.focusWindowChanged.disconnect(self._focus_moved)
        self.window.removeEventFilter(self)
        if self._managed():
            self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, False)
        self.window.activateWindow()

    @staticmethod
    def _managed() -> bool:
        """A real window system (a window manager decides stacking and activation)."""
        return QGuiApplication.platformName() not in ("offscreen", "minimal")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.WindowStateChange, QEvent.Type.Hide):
            QTimer.singleShot(0, self.check)
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget) and watched.isWindow():
            # A dialog of ours (the PIN box) opened or closed: keys held for a window the dialog
            # blocks would be dropped by Qt, so the grab follows the dialog at once.
            QTimer.singleShot(0, self.hold_keyboard)
        return False

    def lost(self) -> bool:
        w = self.window
        if w.isMinimized() or not w.isVisible() or not w.isFullScreen():
            return True
        # Covered: no window of ours (the kiosk, or a PIN box over it) is active.
        return QApplication.activeModalWidget() is None and QApplication.activeWindow() is None

    def check(self) -> None:
        if not self.timer.isActive():
            return
        self.hold_keyboard()
        if not self.lost():
            return
        self.restores += 1
        log.warning("kiosk mode: window taken back (minimised, covered or not full screen; %d)", self.restores)
        w = self.window
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowFullScreen)
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
