"""The scan field and the window-wide scanner filter, driven like a USB scanner would drive them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.burst_filter import install_scanner_filter
from kiosk.ui.wedge import ScanLineEdit

TOKEN = "K7QW31ABCDEFGHJKMNPQRSTVW7"


class Desk(QWidget):
    """A stand-in for the console: the scan field, a search box and a button."""

    def __init__(self) -> None:
        super().__init__()
        self.field = ScanLineEdit(self)
        self.search = QLineEdit(self)
        self.button = QPushButton("확인", self)
        layout = QVBoxLayout(self)
        for w in (self.field, self.search, self.button):
            layout.addWidget(w)
        self.scans: list[str] = []
        self.field.scanned.connect(self.scans.append)
        self.searches: list[str] = []
        self.search.returnPressed.connect(lambda: self.searches.append(self.search.text()))


@pytest.fixture
def desk(qtbot) -> Desk:  # type: ignore[no-untyped-def]
    window = Desk()
    qtbot.addWidget(window)
    window.filter = install_scanner_filter(window, window.field)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.field.setFocus()
    return window


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text))


def ime(widget: QWidget, commit: str = "", preedit: str = "") -> None:
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def test_scan_field_refuses_the_input_method(desk: Desk) -> None:
    assert desk.field.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is False
    assert desk.search.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is True


@pytest.mark.parametrize("suffix", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab])
def test_burst_with_suffix_key(qtbot, desk: Desk, suffix: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(desk.field, TOKEN)
    QTest.keyClick(desk.field, suffix)
    assert desk.scans == [TOKEN]
    assert desk.field.text() == ""
    assert desk.field.hasFocus() or QApplication.focusWidget() in (None, desk.field)


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_cr_lf_characters_end_a_scan(desk: Desk, ending: str) -> None:
    QTest.keyClicks(desk.field, "AB-1023")
    for ch in ending:
        press(desk.field, Qt.Key.Key_unknown, ch)
    assert desk.scans == ["AB-1023"]


def test_burst_without_suffix_ends_after_a_short_silence(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(desk.field, TOKEN)
    assert desk.scans == []
    qtbot.waitUntil(lambda: desk.scans == [TOKEN], timeout=1000)


def test_slow_typing_waits_for_enter(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    for ch in "AB12":
        QTest.keyClick(desk.field, ch)
        qtbot.wait(60)  # a person: well over the burst gap
    qtbot.wait(250)
    assert desk.scans == [] and desk.field.text() == "AB12"
    QTest.keyClick(desk.field, Qt.Key.Key_Return)
    assert desk.scans == ["AB12"]


def test_jamo_keystrokes_are_recovered(desk: Desk) -> None:
    # A scanner typing "k7qw31..." through a 한-mode IME that sends jamo as key text.
    for ch in "ㅏ7ㅂㅈ31ㅁㅠㅊㅇ":
        press(desk.field, Qt.Key.Key_unknown, ch)
    press(desk.field, Qt.Key.Key_Return)
    assert desk.scans == ["k7qw31abcd"]


def test_committed_input_method_text_is_accepted(desk: Desk) -> None:
    # Composed syllables, a compound vowel and a final cluster: 무 = an, 괘 = rho, 닭 = ekfr.
    ime(desk.field, commit="무")
    ime(desk.field, commit="괘")
    ime(desk.field, commit="닭12", preedit="ㅎ")  # the preedit is never shown
    assert desk.field.text() == "anrhoekfr12"
    ime(desk.field, commit="\r")
    assert desk.scans == ["anrhoekfr12"]


def test_burst_while_the_search_box_has_focus_goes_to_the_scan_field(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    QTest.keyClicks(desk.search, TOKEN)
    QTest.keyClick(desk.search, Qt.Key.Key_Return)
    assert desk.scans == [TOKEN]
    assert desk.search.text() == "" and desk.searches == []


def test_burst_while_a_button_has_focus(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.button.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.button)
    QTest.keyClicks(desk.button, TOKEN)
    qtbot.waitUntil(lambda: desk.scans == [TOKEN], timeout=1000)


def test_normal_typing_in_the_search_box_is_untouched(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    for ch in "kim":
        QTest.keyClick(desk.search, ch)
        qtbot.wait(70)
    QTest.keyClick(desk.search, Qt.Key.Key_Backspace)
    qtbot.wait(70)
    QTest.keyClick(desk.search, "x")
    qtbot.waitUntil(lambda: desk.search.text() == "kix", timeout=1000)
    QTest.keyClick(desk.search, Qt.Key.Key_Return)
    assert desk.searches == ["kix"] and desk.scans == []


def test_two_quick_keys_in_the_search_box_are_replayed_in_order(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    QTest.keyClicks(desk.search, "ab")  # a fast typist's roll-over: too short to be a scan
    QTest.keyClick(desk.search, Qt.Key.Key_Backspace)
    assert desk.search.text() == "a"
    QTest.keyClicks(desk.search, "z")
    qtbot.waitUntil(lambda: desk.search.text() == "az", timeout=1000)
    assert desk.scans == []


def test_hangul_typed_in_the_search_box_by_a_person_stays(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    ime(desk.search, preedit="ㄱ")
    qtbot.wait(60)
    ime(desk.search, preedit="기")
    qtbot.wait(60)
    ime(desk.search, commit="김")
    qtbot.waitUntil(lambda: desk.search.text() == "김", timeout=1000)
    assert desk.scans == []


def test_scanner_through_the_ime_of_the_search_box(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    # "K7ANQ1" with the IME in 한 mode: K composes ㅏ, the digit commits it, A N Q compose 뭅.
    desk.search.setText("김")
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    ime(desk.search, preedit="ㅏ")
    ime(desk.search, commit="ㅏ")
    press(desk.search, Qt.Key.Key_7, "7")
    ime(desk.search, preedit="ㅁ")
    ime(desk.search, preedit="무")
    ime(desk.search, preedit="뭅")
    ime(desk.search, commit="뭅")
    press(desk.search, Qt.Key.Key_1, "1")
    press(desk.search, Qt.Key.Key_Return)
    assert desk.scans == ["k7anq1"]
    assert desk.search.text() == "김" and desk.searches == []


def test_filter_ignores_other_windows(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    QTest.keyClicks(other, TOKEN)
    assert other.text() == TOKEN and desk.scans == []


def test_a_held_down_key_is_not_a_scan(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    QTest.keyClick(desk.search, "a")
    for _ in range(8):
        QApplication.sendEvent(
            desk.search,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a", True),
        )
    qtbot.waitUntil(lambda: desk.search.text() == "a" * 9, timeout=1000)
    assert desk.scans == []



def test_five_fast_keys_in_the_search_box_are_still_a_person(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: desk.focusWidget() is desk.search)
    QTest.keyClicks(desk.search, "kimhy")  # roll-over at its worst: below the window's threshold
    qtbot.waitUntil(lambda: desk.search.text() == "kimhy", timeout=1000)
    assert desk.scans == []


# -- a scanner as X11 delivers it: Shift around every capital, key releases, any focus -------------

SHIFT = Qt.KeyboardModifier.ShiftModifier


def hid_type(text: str, *, enter: bool = True) -> None:
    """Type like a USB scanner through X11: Shift press/release around capitals, then Enter."""

    def send(kind: QEvent.Type, key: int, mods: Qt.KeyboardModifier, chars: str = "") -> None:
        target = QApplication.focusWidget()
        assert target is not None
        QApplication.sendEvent(target, QKeyEvent(kind, key, mods, chars))

    for ch in text:
        key = ord(ch.upper())
        if ch.isupper():
            send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, SHIFT)
            send(QEvent.Type.KeyPress, key, SHIFT, ch)
            send(QEvent.Type.KeyRelease, key, SHIFT, ch)
            send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        else:
            send(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
            send(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, ch)
    if enter:
        send(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        send(QEvent.Type.KeyRelease, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")


def test_shift_presses_do_not_split_a_burst_in_the_search_box(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.search)
    hid_type(TOKEN)
    assert desk.scans == [TOKEN]
    assert desk.search.text() == "" and desk.searches == []


def test_shift_presses_do_not_split_a_suffixless_burst_in_the_field(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    hid_type(TOKEN, enter=False)
    qtbot.waitUntil(lambda: desk.scans == [TOKEN], timeout=1000)


def test_a_burst_never_reaches_a_dialog(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    dialog = QDialog(desk)
    name = QLineEdit(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    QVBoxLayout(dialog).addWidget(name)
    dialog.layout().addWidget(buttons)
    elsewhere: list[QWidget] = []
    desk.filter.elsewhere.connect(elsewhere.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    hid_type(TOKEN)
    assert desk.scans == [TOKEN]
    assert name.text() == "" and dialog.isVisible() and dialog.result() == 0
    assert elsewhere == [dialog]
    # A person typing in the dialog is untouched, Enter included.
    for ch in "Kim":
        QTest.keyClick(name, ch)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: name.text() == "Kim", timeout=1000)
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and desk.scans == [TOKEN]


def test_a_burst_whose_start_went_to_a_widget_is_a_fragment_not_a_scan(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.search)
    fragments: list[QWidget] = []
    desk.filter.fragment.connect(fragments.append)
    hid_type("K7Q", enter=False)
    qtbot.wait(60)  # the machine stalled: the first keys were given to the search box
    hid_type(TOKEN[3:])
    assert desk.scans == [] and fragments == [desk]


def test_stray_keys_left_in_the_field_are_not_part_of_the_next_scan(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    for ch in "zz":
        QTest.keyClick(desk.field, ch)
        qtbot.wait(50)
    qtbot.wait(700)
    hid_type(TOKEN)
    assert desk.scans == [TOKEN]


def test_keys_typed_a_moment_before_a_scan_are_not_part_of_it(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    """Staff typed "abc" slowly, then a guest scanned 0.3 s later. Old code (a 600 ms cut-off):
    "ABCK7Q…" was sent and the invited guest got a red "명단에 없는 코드"."""
    for ch in "abc":
        QTest.keyClick(desk.field, ch)
        qtbot.wait(120)
    qtbot.wait(300)
    hid_type(TOKEN)
    assert desk.scans == [TOKEN]


def test_ctrl_z_never_brings_back_the_previous_code(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    """Old code: Ctrl+Z then Enter in the (kiosk) scan field re-sent the code scanned before."""
    hid_type(TOKEN)
    assert desk.scans == [TOKEN]
    desk.field.setFocus()
    QTest.keyClick(desk.field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert desk.field.text() == "" and not desk.field.isUndoAvailable()
    QTest.keyClick(desk.field, Qt.Key.Key_Return)
    assert desk.scans == [TOKEN]


def test_stray_keys_are_cleared_after_idle_time(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.field.stray_clear_ms = 300
    QTest.keyClick(desk.field, "q")
    assert desk.field.text() == "q"
    qtbot.waitUntil(lambda: desk.field.text() == "", timeout=2000)
    assert desk.scans == []


def test_a_dialog_opened_by_a_replayed_key_is_still_sealed(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    """Space on a button is held, then given back; the click opens a dialog with its own event
    loop inside that replay. A scan typed into that dialog must still go to the door."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    seen: dict[str, object] = {}

    def open_dialog() -> None:
        dialog = QDialog(desk)
        edit = QLineEdit(dialog)
        QVBoxLayout(dialog).addWidget(edit)

        def scan_into_it() -> None:
            edit.setFocus()
            hid_type(TOKEN)
            seen["text"], seen["scans"] = edit.text(), list(desk.scans)
            dialog.reject()

        QTimer.singleShot(150, scan_into_it)
        dialog.exec()

    desk.button.clicked.connect(open_dialog)
    desk.button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.button)
    QTest.keyClick(desk.button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "scans" in seen, timeout=3000)
    assert seen == {"text": "", "scans": [TOKEN]}
