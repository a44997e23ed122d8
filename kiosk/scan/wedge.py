"""Keyboard-wedge (USB HID) barcode scanners: they type the code, usually followed by Enter.

Three things go wrong at a Korean front desk, and this module handles each:

* The IME is in 한 mode, so "asd" arrives as "ㅁㄴㅇ" (or as composed syllables through
  QInputMethodEvent). The scan field refuses the IME (``inputMethodQuery(ImEnabled)`` answers
  False; ``WA_InputMethodEnabled`` alone does not work on QLineEdit) and still maps any jamo or
  syllables that get through back to their QWERTY keys.
* Scanners end a code with Enter, Tab, CR/LF or nothing at all: a fast burst followed by a
  short silence also ends a code. Typing by hand is slow, so a person typing into the scan field
  must still press Enter.
* Focus is elsewhere (the search box, a button): ``install_scanner_filter`` watches the whole
  window, holds back fast keystrokes for a few tens of milliseconds, and sends a burst to the
  scan field. Keys that turn out to be a person typing are replayed, in order, to where they
  were going, so normal typing stays untouched.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.domain.keyboard import clean_scanned_text, hangul_to_qwerty

# A scanner types a character every 1-15 ms; people rarely manage two within 35 ms.
BURST_GAP_MS = 35
# The shortest code worth treating as a scan (external registration codes can be short).
MIN_BURST_LENGTH = 4
# Outside the scan field a false alarm steals a person's typing, so a burst must be longer there:
# 6 keys in a row, each within BURST_GAP_MS, is beyond human roll-over (tokens have 25+ characters).
WINDOW_MIN_BURST_LENGTH = 6
# Silence that ends a scan sent without a suffix.
SUFFIX_TIMEOUT_MS = 120

_SUFFIX_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
_LINE_BREAKS = ("\r", "\n")


def _now_ms() -> float:
    return time.perf_counter() * 1000


def _typed_text(event: QKeyEvent) -> str:
    """The printable text a key press adds, or "" for control keys and shortcuts."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier):  # fmt: skip
        return ""
    text = event.text()
    if not text or any(ch in _LINE_BREAKS or ch == "\t" or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return ""
    return text


def _is_suffix(event: QKeyEvent) -> bool:
    return event.key() in _SUFFIX_KEYS or (bool(event.text()) and event.text() in ("\r", "\n", "\r\n", "\t"))


class ScanLineEdit(QLineEdit):
    """The scan field: emits ``scanned`` with the recovered code when a scan ends."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setPlaceholderText(self.tr("QR 코드를 스캔하거나 코드를 입력하고 Enter"))
        self.burst_gap_ms = BURST_GAP_MS
        self.min_burst_length = MIN_BURST_LENGTH
        self._last_key_ms = 0.0
        self._fast_keys = 0  # characters typed in one unbroken burst so far
        self._end_timer = QTimer(self)
        self._end_timer.setSingleShot(True)
        self._end_timer.setInterval(SUFFIX_TIMEOUT_MS)
        self._end_timer.timeout.connect(self._burst_ended)

    @property
    def suffix_timeout_ms(self) -> int:
        return self._end_timer.interval()

    @suffix_timeout_ms.setter
    def suffix_timeout_ms(self, value: int) -> None:
        self._end_timer.setInterval(value)

    # -- IME off ------------------------------------------------------------------------------

    def inputMethodQuery(self, query: Qt.InputMethodQuery):  # type: ignore[no-untyped-def]  # noqa: N802
        # Qt asks this before every focus change; False keeps the platform IME detached, so the
        # scanner's key codes arrive as plain Latin letters whatever mode the IME is in.
        if query == Qt.InputMethodQuery.ImEnabled:
            return False
        return super().inputMethodQuery(query)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        # Some platforms still deliver committed Hangul; the preedit (composition) is never shown.
        self.feed(event.commitString())
        event.accept()

    # -- keys ---------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab never reaches keyPressEvent: QWidget.event() turns it into focus navigation.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.finish()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if _is_suffix(event):
            self.finish()
            event.accept()
            return
        text = _typed_text(event)
        if text:
            self.feed(text)
            event.accept()
            return
        self._fast_keys = 0  # editing keys (Backspace, arrows, Ctrl+V) are a person at work
        super().keyPressEvent(event)

    def feed(self, text: str) -> None:
        """Text from a key, an IME commit or the window filter; a line break ends the scan."""
        for index, piece in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if index:
                self.finish()
            if piece:
                self._add(piece)

    def _add(self, text: str) -> None:
        now = _now_ms()
        if self._fast_keys and now - self._last_key_ms <= self.burst_gap_ms:
            self._fast_keys += len(text)
        else:
            # A pause: only an empty field starts a new burst; text typed slowly stays human.
            self._fast_keys = len(text) if not self.text() else 0
        self._last_key_ms = now
        self.insert(hangul_to_qwerty(text))
        if self._fast_keys:
            self._end_timer.start()

    def _burst_ended(self) -> None:
        if self._fast_keys >= self.min_burst_length:
            self.finish()

    def finish(self) -> None:
        """End the current scan: emit the recovered code (if any) and clear the field."""
        self._end_timer.stop()
        self._fast_keys = 0
        code = clean_scanned_text(self.text())
        self.clear()
        if code:
            self.scanned.emit(code)


class ScannerFilter(QObject):
    """Application-wide event filter routing scanner bursts in ``window`` to ``field``.

    Key presses and IME events (a scanner typing into a field whose IME is in 한 mode arrives as
    preedit/commit events) aimed at other widgets of the window are held back while they come
    faster than BURST_GAP_MS apart. WINDOW_MIN_BURST_LENGTH of them make a scan: the text goes to the
    field. Fewer, followed by a pause or an editing key, are replayed in order to their widgets.
    """

    def __init__(self, window: QWidget, field: ScanLineEdit) -> None:
        super().__init__(window)
        self._window = window
        self._field = field
        self._held: list[tuple[QWidget, QEvent, str, str | None]] = []  # (target, copy, text, preedit)
        self._routing = False  # a burst was recognised: input goes to the field until it ends
        self._text = ""  # what the burst typed so far (IME commits included)
        self._preedit = ""  # the IME's uncommitted composition at the end of the burst
        self._used_ime = False
        self._last_ms = -1e9
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._quiet)

    def _watched(self, obj: QObject) -> QWidget | None:
        if self._replaying or not isinstance(obj, QWidget) or not shiboken6.isValid(self._field):
            return None
        if obj is self._field or obj.window() is not self._window:
            return None
        # Key events are re-sent to parents when ignored: judge each one once, at the focus
        # widget. window.focusWidget() also answers while the window is being activated.
        if obj is not (self._window.focusWidget() or self._window):
            return None
        return obj

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        target = self._watched(obj)
        if target is None:
            return False
        if kind == QEvent.Type.KeyPress:
            return self._on_key(target, event)
        return self._on_input_method(target, event)

    def _on_key(self, target: QWidget, event: QKeyEvent) -> bool:
        if _is_suffix(event):
            if self._routing:
                self._end_burst()
                return True  # the scanner's Enter must not also submit the search box
            self._release()
            return False
        text = _typed_text(event)
        if not text or event.isAutoRepeat():
            # Backspace, arrows, shortcuts, a held-down key (auto-repeat is as fast as a
            # scanner): a person is at the keyboard.
            self._settle()
            return False
        return self._typing(target, event.clone(), text, None)

    def _on_input_method(self, target: QWidget, event: QInputMethodEvent) -> bool:
        commit, preedit = event.commitString(), event.preeditString()
        if not (commit or preedit or self._held or self._routing):
            return False
        return self._typing(target, event.clone(), commit, preedit)

    def _typing(self, target: QWidget, copy: QEvent, text: str, preedit: str | None) -> bool:
        now = _now_ms()
        fast = now - self._last_ms <= BURST_GAP_MS
        self._last_ms = now
        if self._routing and not fast:
            self._end_burst()
        if self._routing:
            self._take(text, preedit)
            self._timer.start(SUFFIX_TIMEOUT_MS)
            return True
        if self._held and not fast:
            self._release()
        self._held.append((target, copy, text, preedit))
        if sum(1 for *_rest, t, p in self._held if t or p) >= WINDOW_MIN_BURST_LENGTH:
            self._routing = True
            held, self._held = self._held, []
            for _target, _copy, t, p in held:
                self._take(t, p)
            self._timer.start(SUFFIX_TIMEOUT_MS)
        else:
            self._timer.start(BURST_GAP_MS + 5)
        return True

    def _take(self, text: str, preedit: str | None) -> None:
        self._text += text
        if preedit is not None:  # IME event: its preedit replaces the previous composition
            self._used_ime = True
            self._preedit = preedit

    def _end_burst(self) -> None:
        self._timer.stop()
        text = self._text + self._preedit
        used_ime = self._used_ime
        self._routing, self._text, self._preedit, self._used_ime = False, "", "", False
        if used_ime:
            # The IME still holds the composition the other widget never saw: drop it.
            QApplication.inputMethod().reset()
        self._field.clear()
        self._field.feed(text)
        self._field.finish()

    def _release(self) -> None:
        """Replay held input to the widgets it was meant for: it was a person typing."""
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event, _text, _preedit in held:
                if shiboken6.isValid(target):
                    QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    def _settle(self) -> None:
        if self._routing:
            self._end_burst()
        else:
            self._release()

    def _quiet(self) -> None:
        self._settle()


def install_scanner_filter(window: QWidget, field: ScanLineEdit) -> QObject:
    """Send scanner bursts typed anywhere in ``window`` to ``field``; returns the filter.

    The filter is a child of ``window`` and leaves with it; ``QApplication.removeEventFilter``
    on the returned object turns it off earlier.
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("install_scanner_filter needs a QApplication")
    scanner_filter = ScannerFilter(window, field)
    app.installEventFilter(scanner_filter)
    return scanner_filter
