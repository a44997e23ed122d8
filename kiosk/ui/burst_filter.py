"""One application-wide filter that recognises scanner bursts whatever widget or window has focus.

A USB scanner is a keyboard: the code arrives as key presses a few milliseconds apart (with a
Shift press around every capital letter), then Enter. Wherever those keys are going (the search
box, the walk-in form, a file chooser, the PIN box, the import preview) the filter holds back fast
keystrokes for a few tens of milliseconds; once WINDOW_MIN_BURST_LENGTH of them have come that
fast it is a scan: the whole burst, its Enter included, goes to the door's scan field and nothing
of it reaches the widget (so a scan never presses a dialog's default button, never fills a form
field and is never counted as a PIN attempt). Keys that turn out to be a person typing are
replayed, in order, to where they were going.

A burst whose first keys were already given to a widget (a person typed just before, or the
keys were split by a pause) is not a whole code: it is reported as ``fragment`` instead of being
sent as a scan, so a piece of a code never becomes a red "not on the list".
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.wedge import (
    BURST_GAP_MS,
    SUFFIX_TIMEOUT_MS,
    WINDOW_MIN_BURST_LENGTH,
    ScanLineEdit,
    _is_suffix,
    _now_ms,
    _typed_text,
    is_modifier,
)

# A fast run of keys replayed to a widget this shortly before a burst began was the burst's beginning.
LOOKBACK_MS = 150
FRAGMENT_RUN = 3
# A timer firing this much later than asked means the event loop was blocked meanwhile.
LATE_MS = 15

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.InputMethod, QEvent.Type.ShortcutOverride)


class ScannerFilter(QObject):
    """Routes scanner bursts typed anywhere in the application to ``field``.

    ``window`` is the console: a burst typed in any other window (a dialog) also goes to the
    field, and ``elsewhere`` says which window it was typed in so the console can tell the
    person there what happened to the scan.
    """

    elsewhere = Signal(QWidget)
    fragment = Signal(QWidget)

    def __init__(self, window: QWidget, field: ScanLineEdit) -> None:
        super().__init__(window)
        self._window = window
        self._field = field
        self._held: list[tuple[QWidget, QEvent, str, str | None]] = []  # (target, copy, text, preedit)
        self._routing = False  # a burst was recognised: input goes to the field until it ends
        self._target: QWidget | None = None  # where the burst was typed
        self._broken = False  # the burst's first keys reached a widget before it was recognised
        self._text = ""  # what the burst typed so far (IME commits included)
        self._preedit = ""  # the IME's uncommitted composition at the end of the burst
        self._used_ime = False
        self._last_ms = -1e9
        self._last_stamp = 0  # the X server's time of the last key (0: not known)
        self._fast_run_replayed = False  # the keys just given back to a widget came at scanner speed
        self._replaying: set[int] = set()  # the held events being given back right now
        self._due_ms = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)

    @property
    def field(self) -> ScanLineEdit:
        return self._field

    def _watched(self, obj: QObject, event: QEvent) -> QWidget | None:
        if self._replaying and shiboken6.getCppPointer(event)[0] in self._replaying:
            return None  # a held key given back (or passed on to a parent): judged already
        if not isinstance(obj, QWidget) or not shiboken6.isValid(self._field):
            return None
        if isinstance(obj, ScanLineEdit) or not self._window.isVisible():
            return None  # a scan field recognises its own bursts; a closed console takes none
        # Key events are re-sent to parents when ignored: judge each one once, at the focus
        # widget (or the window itself when nothing in it has focus).
        popup = QApplication.activePopupWidget()  # a menu, a completer's list: keys go there
        focus = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
        if focus is not None:
            return obj if obj is focus else None
        return obj if obj.isWindow() else None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in _KEY_EVENTS:
            return False
        target = self._watched(obj, event)
        if target is None:
            return False
        if kind == QEvent.Type.KeyPress:
            return self._on_key(target, event)
        if kind == QEvent.Type.KeyRelease:
            return self._on_release(target, event)
        if kind == QEvent.Type.ShortcutOverride:
            # Inside a burst no key may fire a shortcut: claim it, the KeyPress then comes here.
            if self._routing and not is_modifier(event) and (_typed_text(event) or _is_suffix(event)):
                event.accept()
                return True
            return False
        return self._on_input_method(target, event)

    def _on_key(self, target: QWidget, event: QKeyEvent) -> bool:
        if is_modifier(event):
            return False  # Shift for a capital, AltGr, 한/영: part of the typing, never a break
        if _is_suffix(event):
            if self._routing:
                self._end_burst()
                return True  # the scanner's Enter must not also press a dialog's default button
            self._release()
            return False
        text = _typed_text(event)
        if not text or event.isAutoRepeat():
            # Backspace, arrows, shortcuts, a held-down key (auto-repeat is as fast as a
            # scanner): a person is at the keyboard.
            self._settle()
            return False
        return self._typing(target, event.clone(), text, None, event.timestamp())

    def _on_release(self, target: QWidget, event: QKeyEvent) -> bool:
        if is_modifier(event):
            return False
        if self._routing:
            return True
        if self._held:
            # Kept in order with its press: a button released before its replayed press would
            # stay down.
            self._held.append((target, event.clone(), "", None))
            return True
        return False

    def _on_input_method(self, target: QWidget, event: QInputMethodEvent) -> bool:
        commit, preedit = event.commitString(), event.preeditString()
        if not (commit or preedit or self._held or self._routing):
            return False
        return self._typing(target, event.clone(), commit, preedit)

    def _gap(self, stamp: int) -> float:
        """Milliseconds since the previous key: by the X server's clock when both keys carry it,
        so keys queued while this program was busy still count as the burst they were."""
        now = _now_ms()
        gap = stamp - self._last_stamp if stamp and self._last_stamp and stamp >= self._last_stamp else now - self._last_ms
        self._last_ms, self._last_stamp = now, stamp
        return gap

    def _arm(self, ms: int) -> None:
        self._due_ms = _now_ms() + ms
        self._timer.start(ms)

    def _on_timer(self) -> None:
        if _now_ms() - self._due_ms > LATE_MS:
            # The event loop was blocked (a search, a redraw): keys typed meanwhile may still be
            # queued behind this timer. Judge only after they have been delivered.
            self._arm(BURST_GAP_MS)
            return
        self._settle()

    def _typing(self, target: QWidget, copy: QEvent, text: str, preedit: str | None, stamp: int = 0) -> bool:
        gap = self._gap(stamp)
        if self._routing and gap > SUFFIX_TIMEOUT_MS:
            self._end_burst()
        if self._routing:
            # A stall of the machine inside a burst is not its end: only Enter or silence is.
            self._take(text, preedit)
            self._arm(SUFFIX_TIMEOUT_MS)
            return True
        if self._held and gap > BURST_GAP_MS:
            self._release()
        if not self._held:
            self._broken = self._fast_run_replayed and gap <= LOOKBACK_MS
        self._fast_run_replayed = False
        self._held.append((target, copy, text, preedit))
        if sum(1 for *_rest, t, p in self._held if t or p) >= WINDOW_MIN_BURST_LENGTH:
            self._routing = True
            self._target = target
            held, self._held = self._held, []
            for _target, _copy, t, p in held:
                self._take(t, p)
            self._arm(SUFFIX_TIMEOUT_MS)
        else:
            self._arm(BURST_GAP_MS + 5)
        return True

    def _take(self, text: str, preedit: str | None) -> None:
        self._text += text
        if preedit is not None:  # IME event: its preedit replaces the previous composition
            self._used_ime = True
            self._preedit = preedit

    def _end_burst(self) -> None:
        self._timer.stop()
        text = self._text + self._preedit
        target, broken, used_ime = self._target, self._broken, self._used_ime
        self._routing, self._text, self._preedit, self._used_ime = False, "", "", False
        self._target, self._broken = None, False
        if used_ime:
            # The IME still holds the composition the other widget never saw: drop it.
            QApplication.inputMethod().reset()
        window = target.window() if target is not None and shiboken6.isValid(target) else self._window
        if broken:
            self.fragment.emit(window)
            return
        self._field.clear()
        self._field.feed(text)
        self._field.finish()
        if window is not self._window:
            self.elsewhere.emit(window)

    def _release(self) -> None:
        """Replay held input to the widgets it was meant for: it was a person typing."""
        held, self._held = self._held, []
        # Three or more keys at scanner speed, then a pause: the burst may have been cut there
        # (a person's roll-over of two keys does not count, or a scan right after typing would
        # be lost).
        self._fast_run_replayed = sum(1 for *_rest, t, p in held if t or p) >= FRAGMENT_RUN
        # Judged per event, not by a flag: a replayed key may open a dialog whose own event loop
        # runs inside sendEvent, and the keys typed there must still be watched.
        before = QApplication.focusWidget()
        for target, event, _text, _preedit in held:
            if not shiboken6.isValid(target):
                continue
            # A key replayed just now may have moved the focus (the first key typed into a table
            # opens its cell editor): the keys after it go where that key sent the focus. A focus
            # change from elsewhere (a page turned meanwhile) does not take keys typed before it.
            focus = QApplication.focusWidget()
            moved = (
                focus is not None and focus is not before and focus is not target
                and focus.window() is target.window()
            )  # fmt: skip
            dest = focus if moved and not isinstance(focus, ScanLineEdit) else target
            pointer = shiboken6.getCppPointer(event)[0]
            self._replaying.add(pointer)
            try:
                QApplication.sendEvent(dest, event)
            finally:
                self._replaying.discard(pointer)

    def _settle(self) -> None:
        if self._routing:
            self._end_burst()
        else:
            self._release()


def install_scanner_filter(window: QWidget, field: ScanLineEdit) -> ScannerFilter:
    """Send scanner bursts typed anywhere in the application to ``field``; returns the filter.

    The filter is a child of ``window`` and leaves with it; ``QApplication.removeEventFilter``
    on the returned object turns it off earlier.
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("install_scanner_filter needs a QApplication")
    scanner_filter = ScannerFilter(window, field)
    app.installEventFilter(scanner_filter)
    return scanner_filter
