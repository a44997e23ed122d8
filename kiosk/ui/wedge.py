"""Keyboard-wedge (USB HID) barcode scanners: they type the code, usually followed by Enter.

Three things go wrong at a Korean front desk, and this module handles each:

* The IME is in 한 mode, so "asd" arrives as "ㅁㄴㅇ" (or as composed syllables through
  QInputMethodEvent). The scan field refuses the IME (``inputMethodQuery(ImEnabled)`` answers
  False; ``WA_InputMethodEnabled`` alone does not work on QLineEdit) and still maps any jamo or
  syllables that get through back to their QWERTY keys.
* Scanners end a code with Enter, Tab, CR/LF or nothing at all: a fast burst followed by a
  short silence also ends a code. Typing by hand is slow, so a person typing into the scan field
  must still press Enter.
* Focus is elsewhere (the search box, a button, a dialog): ``kiosk.ui.burst_filter`` watches
  every window, holds back fast keystrokes for a few tens of milliseconds, and sends a burst to
  the scan field. Keys that turn out to be a person typing are replayed, in order, to where they
  were going, so normal typing stays untouched.

A scanner presses Shift for every capital letter (and AltGr on some layouts): those presses carry
no text and must not break a burst. Text a guest typed idly into the field before a scan is not
part of the scan: a burst after a long pause replaces it, and ``stray_clear_ms`` clears it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

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

# Text typed this long before a burst is a guest's stray keys, not the start of the code.
STRAY_GAP_MS = 150

# Keys that carry no text but are pressed inside a burst: Shift for capitals, AltGr / level-3
# shift on some layouts, the 한/영 and Hanja keys. They never end or break a burst.
MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_CapsLock,
    Qt.Key.Key_Mode_switch, Qt.Key.Key_Hangul, Qt.Key.Key_Hangul_Hanja, Qt.Key.Key_Multi_key,
}  # fmt: skip
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


def is_modifier(event: QKeyEvent) -> bool:
    return event.key() in MODIFIER_KEYS


def _is_suffix(event: QKeyEvent) -> bool:
    return event.key() in _SUFFIX_KEYS or (bool(event.text()) and event.text() in ("\r", "\n", "\r\n", "\t"))


class ScanLineEdit(QLineEdit):
    """The scan field: emits ``scanned`` with the recovered code when a scan ends."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no 실행 취소 by the mouse
        self.setPlaceholderText(self.tr("QR 코드를 스캔하거나 코드를 입력하고 Enter"))
        self.burst_gap_ms = BURST_GAP_MS
        self.min_burst_length = MIN_BURST_LENGTH
        self._last_key_ms = -1e9
        self._fast_keys = 0  # characters typed in one unbroken burst so far
        self._segment_start = 0  # where the current run of keys began in the text
        self._pause_before = 1e9  # silence before that run (ms)
        self._stray = QTimer(self)  # clears what a guest typed and left (0 = never)
        self._stray.setSingleShot(True)
        self._stray.timeout.connect(self._clear_stray)
        self._end_timer = QTimer(self)
        self._end_timer.setSingleShot(True)
        self._end_timer.setInterval(SUFFIX_TIMEOUT_MS)
        self._end_timer.timeout.connect(self._burst_ended)

    @property
    def stray_clear_ms(self) -> int:
        return self._stray.interval() if self._stray.property("enabled") else 0

    @stray_clear_ms.setter
    def stray_clear_ms(self, value: int) -> None:
        self._stray.setProperty("enabled", value > 0)
        self._stray.setInterval(max(value, 0))

    def _clear_stray(self) -> None:
        if not self._end_timer.isActive():
            self._fast_keys = 0
            self.setText("")

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
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            # The field's undo history is the codes scanned before: Ctrl+Z then Enter would check
            # the previous guest in again (at the kiosk: a refused guest let in by the next one).
            event.accept()
            return
        if _is_suffix(event):
            self.finish()
            event.accept()
            return
        text = _typed_text(event)
        if text:
            self.feed(text)
            event.accept()
            return
        if not is_modifier(event):
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
        gap = now - self._last_key_ms
        # Once a burst is under way, a stall of the whole machine (up to the suffix timeout) is
        # not the end of it: ending there would send a fragment of the code.
        going = self._fast_keys >= self.min_burst_length and gap <= self.suffix_timeout_ms
        if self._fast_keys and (gap <= self.burst_gap_ms or going):
            self._fast_keys += len(text)
        else:
            self._fast_keys = len(text)
            self._segment_start = len(self.text())
            self._pause_before = gap
        self._last_key_ms = now
        self.insert(hangul_to_qwerty(text))
        self._end_timer.start()
        if self._stray.property("enabled"):
            self._stray.start()

    def _burst_ended(self) -> None:
        if self.in_burst:
            self.finish()

    @property
    def in_burst(self) -> bool:
        """The last keys came as fast as a scanner types."""
        return self._fast_keys >= self.min_burst_length

    def finish(self) -> None:
        """End the current scan: emit the recovered code (if any) and clear the field."""
        self._end_timer.stop()
        self._stray.stop()
        text = self.text()
        if self.in_burst and self._segment_start and self._pause_before >= STRAY_GAP_MS:
            text = text[self._segment_start:]  # keys left in the field long before the scan
        self._fast_keys = 0
        code = clean_scanned_text(text)
        self.setText("")  # unlike clear(), also forgets the undo history (the codes scanned before)
        if code:
            self.scanned.emit(code)
