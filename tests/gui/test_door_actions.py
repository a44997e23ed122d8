"""Door actions from the keyboard: the supervisor override at capacity from the verdict itself,
and the protocol alert for a VIP turned away at capacity. Real window, real database."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.domain.models import CheckIn, Event
from kiosk.storage.engine import Database
from kiosk.ui.main_window import MainWindow
from tests.gui import test_front_desk as _front_desk
from tests.gui.test_front_desk import audit, code_of, enter_pin, pid_of, press, scan

window = _front_desk.window  # the front-desk tests' fixtures, shared
with_pin = _front_desk.with_pin


def _fill_room(db: Database, event_id: int) -> None:
    with db.write() as s:
        s.get(Event, event_id).capacity = 1
    # one guest inside: the room is full


def test_override_at_capacity_from_the_verdict(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    _fill_room(db, demo_event_id)
    scan(qtbot, window, code_of(db, "마재영"))
    scan(qtbot, window, code_of(db, "강영민"))
    panel = window.desk_page.verdict
    assert panel.kind == "refused" and "F12" in panel.hint.text()
    press(qtbot, window, Qt.Key.Key_F12)
    enter_pin(qtbot, window)
    qtbot.waitUntil(lambda: window.override_dialog is not None and window.override_dialog.isVisible())
    dialog = window.override_dialog
    # An empty reason lets nobody in.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert panel.kind == "refused"
    press(qtbot, window, Qt.Key.Key_F12)  # supervisor now: no PIN again
    qtbot.waitUntil(lambda: window.override_dialog is not None and window.override_dialog.isVisible())
    dialog = window.override_dialog
    dialog.setTextValue("기조연설 패널")  # typed at once: keyClicks would be as fast as a scanner
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.kind == "ok")
    with db.session() as s:
        inside = s.scalars(select(CheckIn.participant_id).where(CheckIn.checked_out_at.is_(None))).all()
    assert sorted(inside) == sorted([pid_of(db, "마재영"), pid_of(db, "강영민")])
    entry = [e for e in audit(db, "checkin") if e.outcome == "ok"][-1]
    detail = json.loads(entry.detail)
    assert entry.operator == "supervisor"
    assert detail["override"] is True and detail["override_reason"] == "기조연설 패널" and detail["over_capacity"]


def test_override_needs_a_refused_verdict(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, window, code_of(db, "마재영"))
    assert window.override_capacity() is False
    assert window.gate.dialog is None


def test_a_vip_refused_at_capacity_raises_a_protocol_alert(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    _fill_room(db, demo_event_id)
    scan(qtbot, window, code_of(db, "마재영"))
    scan(qtbot, window, code_of(db, "조기현"))  # a VIP
    assert window.desk_page.verdict.kind == "refused"
    assert window.vip_alert.isVisible()
    assert "조기현" in window.vip_alert.headline.text() and "정원 초과" in window.vip_alert.headline.text()
    scan(qtbot, window, code_of(db, "조기현"))  # scanned again: one alert, not two
    assert len(window.vip_alert.queue) == 1
    assert [e.outcome for e in audit(db, "vip_alert")] == ["refused_at_capacity"]


def test_check_out_mode_and_re_entry_from_the_keyboard(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.desk_page.verdict
    code = code_of(db, "마재영")
    scan(qtbot, window, code)
    assert panel.kind == "ok"
    press(qtbot, window, Qt.Key.Key_F6)
    assert window.checkout_mode and window.mode_label.isVisible()
    scan(qtbot, window, code)
    assert panel.kind == "checkout" and "안녕히 가세요" in panel.headline.text()
    assert "퇴장 확인" in panel.detail.text() and window.sounds.last_kind == "checkout"
    with db.session() as s:
        entry = s.scalars(select(CheckIn).where(CheckIn.participant_id == pid_of(db, "마재영"))).one()
        came, left = entry.checked_in_at, entry.checked_out_at
    assert left is not None
    press(qtbot, window, Qt.Key.Key_F6)
    assert not window.checkout_mode and not window.mode_label.isVisible()
    scan(qtbot, window, code)
    assert panel.kind == "ok" and "재입장" in panel.detail.text()
    from kiosk.domain.timefmt import hhmm

    assert f"{hhmm(came)}–{hhmm(left)}" in panel.detail.text()
    assert "재입장" in [t.text() for t in panel.tag_labels]


# -- kiosk mode ------------------------------------------------------------------------------------


def _enter_kiosk(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # The PIN was set after the window read it: the window asks the service again, then enters.
    window.enter_kiosk_mode(full_screen=False)
    window.tasks.settle()
    assert window.kiosk_active
    qtbot.waitUntil(lambda: window.kiosk.isVisible())


def test_kiosk_asks_about_companions(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.models import Participant

    with db.session() as s:
        guest = s.scalars(select(Participant).where(Participant.companions_allowed >= 2).order_by(Participant.id)).first()
        name = guest.name
    _enter_kiosk(qtbot, window)
    scan(qtbot, window, code_of(db, name))
    bar = window.kiosk.companions
    assert bar is not None and bar.isVisible() and "함께 오신 분" in bar.label.text()
    qtbot.keyClick(window.kiosk, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    window.tasks.settle()
    if os.environ.get("KIOSK_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["KIOSK_SCREENSHOTS"], "kiosk-companions.png"))
    with db.session() as s:
        entry = s.scalars(select(CheckIn).where(CheckIn.participant_id == pid_of(db, name))).one()
        assert entry.companions == 2
    window.kiosk.show_prompt()
    assert not bar.isVisible()


def test_vip_at_the_kiosk_reaches_the_staff_window(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    _enter_kiosk(qtbot, window)
    staff = window.open_staff_window()
    qtbot.waitExposed(staff)
    scan(qtbot, window, code_of(db, "조기현"))
    assert window.vip_alert.window() is staff and window.vip_alert.isVisible()
    assert "조기현" in window.vip_alert.headline.text()
    window.leave_kiosk_mode()
    assert window.staff_window is None and window.vip_alert.window() is window and window.vip_alert.isVisible()


def test_vip_at_the_kiosk_reaches_another_stations_console(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.settings_dialog import LocalSettings

    other = MainWindow(db, "안내-2", local_settings=LocalSettings(tmp_path / "other.ini"))
    qtbot.addWidget(other)
    _enter_kiosk(qtbot, window)
    scan(qtbot, window, code_of(db, "조기현"))
    other.refresh_lists()  # its one-second timer does this
    other.tasks.settle()
    assert "조기현" in other.vip_alert.headline.text() and not other.vip_alert.isHidden()
    other.close()


def test_kiosk_mode_screenshot_renders_the_kiosk_screen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from PIL import Image

    from kiosk.domain import roles

    db_file = tmp_path / "kiosk.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = [sys.executable, "-m", "kiosk", "--db", str(db_file)]
    subprocess.run([*run, "demo"], env=env, check=True, capture_output=True, timeout=120)
    no_pin = subprocess.run([*run, "gui", "--kiosk-mode", "--screenshot", str(tmp_path / "no-pin.png")],
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    ours = [line for line in no_pin.stderr.splitlines() if "propagateSizeHints" not in line]  # Qt's offscreen noise
    assert no_pin.returncode == 2 and len(ours) == 1 and "PIN" in ours[0]
    database = Database.open(db_file)
    with database.write() as s:
        roles.set_pin(s, "246813")
    database.dispose()
    shot = tmp_path / "kiosk.png"
    done = subprocess.run([*run, "gui", "--kiosk-mode", "--screenshot", str(shot)], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = Image.open(shot).convert("RGB")
    assert image.size == (1366, 768)
    # The kiosk screen is dark from edge to edge (no menu bar, no light console background).
    corner = image.getpixel((5, 5))
    assert sum(corner) < 150, corner
    if os.environ.get("KIOSK_SCREENSHOTS"):
        image.save(os.path.join(os.environ["KIOSK_SCREENSHOTS"], "kiosk-mode-screenshot.png"))


def test_supervisor_mode_ends_when_idle_and_at_kiosk_mode(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.settings_dialog import LocalSettings

    local = LocalSettings(tmp_path / "idle.ini")
    local.put("supervisor_idle_minutes", 3)
    assert local.supervisor_idle_minutes == 3
    window.gate.set_idle_minutes(3)
    assert window.gate.idle.interval() == 180_000
    press(qtbot, window, Qt.Key.Key_F9)
    enter_pin(qtbot, window)
    assert window.gate.is_supervisor and window.role_label.text() == "책임자"
    window.gate.idle.setInterval(2000)  # minutes in real life
    window.gate.idle.start()
    qtbot.wait(700)
    before = window.gate.idle.remainingTime()
    assert 0 < before < 1700
    qtbot.keyClick(window.desk_page.scan_field, Qt.Key.Key_Left)  # someone is working: the clock restarts
    assert window.gate.idle.remainingTime() > before
    window.gate.idle.setInterval(300)  # minutes in real life
    window.gate.idle.start()
    qtbot.waitUntil(lambda: not window.gate.is_supervisor, timeout=3000)
    assert window.role_label.text() == "안내요원"
    window.activateWindow()  # the offscreen platform leaves no window active after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_F9)
    enter_pin(qtbot, window)
    assert window.gate.is_supervisor
    _enter_kiosk(qtbot, window)
    assert not window.gate.is_supervisor


def test_walk_in_form_esc_asks_and_a_scan_leaves_it_alone(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.desk_page import SIDE_RECENT, SIDE_WALKIN
    from tests.gui.test_scan_field import hid_type

    page = window.desk_page
    press(qtbot, window, Qt.Key.Key_F3)
    assert page.side_index == SIDE_WALKIN
    page.walkin.name.setText("홍길동")
    page.walkin.organization.setText("시민")
    page.walkin.name.setFocus()
    qtbot.waitUntil(lambda: page.walkin.name.hasFocus())
    hid_type(code_of(db, "마재영"))  # a guest's scan while the form is half typed
    qtbot.waitUntil(lambda: page.verdict.kind != "idle")
    window.tasks.settle()
    assert page.verdict.kind == "ok" and "마재영" in page.verdict.headline.text()
    assert page.walkin.name.text() == "홍길동" and page.walkin.organization.text() == "시민"
    assert page.side_index == SIDE_WALKIN
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible())
    qtbot.keyClick(window.discard_box, Qt.Key.Key_Escape)  # keep writing
    qtbot.waitUntil(lambda: window.discard_box is None)
    window.activateWindow()  # the offscreen platform leaves no window active after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    assert page.side_index == SIDE_WALKIN and page.walkin.name.text() == "홍길동"
    press(qtbot, window, Qt.Key.Key_F4)  # away and back: the form is as it was
    press(qtbot, window, Qt.Key.Key_F3)
    assert page.walkin.name.text() == "홍길동"
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible())
    [discard] = [b for b in window.discard_box.buttons() if b.text() == "지우기"]
    discard.click()
    qtbot.waitUntil(lambda: window.discard_box is None)
    assert page.side_index == SIDE_RECENT and page.walkin.name.text() == ""


# -- keyboard gaps ---------------------------------------------------------------------------------


def test_f4_focuses_the_recent_list_and_undo_does_not_slide_to_the_next_guest(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    for name in ("마재영", "강영민", "박성진"):
        scan(qtbot, window, code_of(db, name))
    recent = window.desk_page.recent
    recent.refresh()
    window.tasks.settle()
    press(qtbot, window, Qt.Key.Key_F4)
    assert QApplication.focusWidget() is recent.table
    # Ctrl+Z with nothing chosen: the newest row is highlighted and named, not taken silently.
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, window)
    qtbot.waitUntil(lambda: recent.undo_open)
    assert recent.selected() is not None and recent.selected().participant.name == "박성진"
    assert "박성진" in recent.undo_label.text()
    recent.reason.setText("잘못 스캔")
    qtbot.keyClick(recent.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not recent.undo_open)
    window.tasks.settle()  # the undo is made on the worker; the list follows
    assert recent.selected() is None  # the next Ctrl+Z must not take 강영민 unseen


def test_enter_and_f2_edit_the_selected_roster_row(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.participant_dialog import ParticipantDialog

    press(qtbot, window, Qt.Key.Key_F9)
    enter_pin(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    roster = window.roster_view
    roster.table.setFocus()
    roster.table.selectRow(0)
    qtbot.waitUntil(lambda: roster.table.hasFocus())

    def dialogs() -> list:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, ParticipantDialog) and w.isVisible()]

    from PySide6.QtCore import QTimer

    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2):
        seen: list[int] = []

        def close_it(seen: list[int] = seen) -> None:  # the edit dialog runs its own event loop (exec)
            open_now = dialogs()
            seen.append(len(open_now))
            for d in open_now:
                d.reject()

        QTimer.singleShot(300, close_it)
        qtbot.keyClick(roster.table, key)
        qtbot.waitUntil(lambda seen=seen: bool(seen), timeout=5000)
        assert seen == [1] and window.tabs.currentWidget() is roster  # F2 did not switch to name search
        roster.table.setFocus()


def _inside_window(window: MainWindow, widget) -> bool:  # type: ignore[no-untyped-def]
    top = widget.mapTo(window, widget.rect().topLeft()).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= window.height()


def test_undo_form_fits_768_pixels_with_the_vip_banner(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: with the VIP banner up, Ctrl+Z's form sat under the list, below the screen."""
    scan(qtbot, window, code_of(db, "김현미"))
    scan(qtbot, window, code_of(db, "석인숙"))
    assert window.vip_alert.isVisible()
    window.gate._become_supervisor()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    recent = window.desk_page.recent
    qtbot.waitUntil(lambda: recent.undo_box.isVisible())
    qtbot.wait(50)
    assert _inside_window(window, recent.reason) and _inside_window(window, recent.confirm_button)


def test_walk_in_duplicate_warning_leaves_the_register_button_on_screen(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.desk_page import SIDE_WALKIN

    window.show_side(SIDE_WALKIN)
    form = window.desk_page.walkin
    form.name.setText("김현미")
    form.organization.setText("국토교통부")
    form.phone.setText("010-1234-5678")
    form.submit()
    qtbot.waitUntil(lambda: form.dup_box.isVisible())
    qtbot.wait(50)
    assert _inside_window(window, form.submit_button)


def test_an_unacknowledged_vip_alert_comes_back_after_a_restart(qtbot, window: MainWindow, db: Database, demo_event_id: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The console closed (or killed) with a protocol alert nobody confirmed: it used to be gone."""
    from kiosk.ui.settings_dialog import LocalSettings

    def reopen() -> MainWindow:
        again = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "again.ini"))
        qtbot.addWidget(again)
        again.show()
        qtbot.waitExposed(again)
        again.tasks.settle()
        return again

    scan(qtbot, window, code_of(db, "조기현"))
    assert "조기현" in window.vip_alert.headline.text()
    window.tasks.settle()  # "shown" is in the audit log
    window.close()
    again = reopen()
    qtbot.waitUntil(lambda: not again.vip_alert.isHidden(), timeout=5000)
    assert "조기현" in again.vip_alert.headline.text()
    again.vip_alert.acknowledge()  # confirmed now
    again.tasks.settle()
    again.close()
    third = reopen()
    third.tasks.settle()
    assert third.vip_alert.isHidden()  # a confirmed alert stays confirmed
    assert [e.outcome for e in audit(db, "vip_alert")] == ["shown", "acknowledged"]
    third.close()


def test_closing_with_a_half_typed_walk_in_asks_first(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Q (and the close button) closed the console and the typed walk-in was gone."""
    page = window.desk_page
    press(qtbot, window, Qt.Key.Key_F3)
    page.walkin.name.setText("홍길동")
    page.walkin.organization.setText("시민")
    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible())
    assert window.isVisible()
    qtbot.keyClick(window.discard_box, Qt.Key.Key_Escape)  # keep writing
    qtbot.waitUntil(lambda: window.discard_box is None)
    assert window.isVisible() and page.walkin.name.text() == "홍길동"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible())
    [discard] = [b for b in window.discard_box.buttons() if b.text() == "지우고 닫기"]
    discard.click()
    qtbot.waitUntil(lambda: not window.isVisible())
