"""The whole door, offscreen, against a real temporary database: what a steward and a supervisor do.

Scanner input goes through the real scan field (keystrokes + Enter); shortcuts are pressed as
keys on the window. Nothing is mocked: verdicts come from the check-in engine and are read back
from the database.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from kiosk.domain import roles, token
from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, BadgePrint, CheckIn, Event, Participant
from kiosk.storage.engine import Database
from kiosk.ui.desk_page import SIDE_RECENT, SIDE_SEARCH, SIDE_WALKIN
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings

PIN = "246813"


# -- helpers ------------------------------------------------------------------------------------


def pid_of(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalars(select(Participant.id).where(Participant.name == name)).first()


def code_of(db: Database, name: str) -> str:
    pid = pid_of(db, name)
    with db.session() as s:
        event = s.get(Event, s.get(Participant, pid).event_id)
        return token.issue(event.token_tag, event.signing_secret, pid)


def counts(db: Database, event_id: int):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return headcount(s, s.get(Event, event_id))


def audit(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def scan(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    """Type the code into the scan field as a scanner does, Enter last."""
    field = window.desk_page.scan_field if not window.kiosk_active else window.kiosk.field
    field.setFocus()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    window.tasks.settle()  # the verdict is decided on the worker and shown when it comes back


def press(qtbot, window: MainWindow, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)
    window.tasks.settle()


def enter_pin(qtbot, window: MainWindow, pin: str = PIN) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.gate.dialog is not None and window.gate.dialog.isVisible())
    dialog = window.gate.dialog
    dialog.pin.setText(pin)
    if dialog.mode == "set":
        dialog.confirm.setText(pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)  # the PIN is checked on the database worker
    window.tasks.settle()


@pytest.fixture
def window(qtbot, db: Database, demo_event_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path / "badges")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.kiosk_active = False  # a test may end in kiosk mode, where closing asks for the PIN
    w.close()
    w.deleteLater()


@pytest.fixture
def with_pin(db: Database) -> str:
    with db.write() as s:
        roles.set_pin(s, PIN)
    return PIN


# -- scanning -----------------------------------------------------------------------------------


def test_scan_ok_then_twice(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.desk_page.verdict
    scan(qtbot, window, code_of(db, "마재영"))
    assert panel.kind == "ok"
    assert panel.headline.text() == "마재영 실장님, 환영합니다"
    assert "정문-1" in panel.detail.text()
    assert window.sounds.last_kind == "ok"
    # Counters and lists follow the verdict on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.counters.checked_in.value.text() == "1 / 150")
    assert window.desk_page.recent.rows[0].participant.name == "마재영"
    assert window.desk_page.scan_field.hasFocus()  # ready for the next guest

    scan(qtbot, window, code_of(db, "마재영"))
    assert panel.kind == "already"
    assert "마재영" in panel.headline.text() and "정문-1" in panel.detail.text()
    assert window.sounds.last_kind == "already"
    assert counts(db, demo_event_id).checked_in == 1


def test_forged_and_foreign_codes_are_refused(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    genuine = code_of(db, "마재영")
    body = genuine[:-1]
    # Change one MAC character and recompute the check character: only the signature is wrong.
    tampered = body[:-1] + ("0" if body[-1] != "0" else "1")
    forged = tampered + token._check_char(tampered)
    panel = window.desk_page.verdict
    scan(qtbot, window, forged)
    assert panel.kind == "refused" and panel.headline.text() == "위조되었거나 손상된 코드입니다"
    assert window.sounds.last_kind == "refused"
    scan(qtbot, window, "HELLO-WORLD")
    assert panel.kind == "refused"
    assert counts(db, demo_event_id).checked_in == 0
    press(qtbot, window, Qt.Key.Key_Escape)
    assert panel.kind == "idle"


# -- manual check-in ----------------------------------------------------------------------------


def test_manual_check_in_with_inline_confirmation(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_F2)
    page = window.desk_page
    assert page.side_index == SIDE_SEARCH and page.search.query.hasFocus()
    page.search.query.setText("김")  # one character: nobody is shown
    page.search.search()
    assert page.search.results.count() == 0
    page.search.query.setText("백운규")
    qtbot.waitUntil(lambda: page.search.results.count() >= 1)
    qtbot.keyClick(page.search.query, Qt.Key.Key_Return)
    window.tasks.settle()
    assert page.search.confirming
    assert page.search.confirm_name.text() == "백운규"
    assert "산업통상자원부" in page.search.confirm_detail.text() and "장관" in page.search.confirm_detail.text()
    assert counts(db, demo_event_id).checked_in == 0  # nothing happens before the confirmation
    qtbot.keyClick(page.search.query, Qt.Key.Key_Up)  # one companion came along
    qtbot.keyClick(page.search.query, Qt.Key.Key_Return)
    window.tasks.settle()
    assert page.verdict.kind == "vip"
    assert page.verdict.headline.text() == "백운규 장관님, 환영합니다"
    assert page.side_index == SIDE_RECENT
    c = counts(db, demo_event_id)
    assert (c.checked_in, c.present, c.companions) == (1, 2, 1)
    with db.session() as s:
        assert s.scalars(select(CheckIn.method)).one() == "manual"


# -- walk-ins -----------------------------------------------------------------------------------


def _fill_walk_in(qtbot, window: MainWindow, name: str, org: str, phone: str = "") -> None:  # type: ignore[no-untyped-def]
    window.show_side(SIDE_WALKIN)
    form = window.desk_page.walkin
    form.name.setText(name)
    form.organization.setText(org)
    form.phone.setText(phone)


def test_walk_ins_until_full_then_supervisor_override(qtbot, window: MainWindow, db: Database,
                                                      demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    with db.write() as s:
        s.get(Event, demo_event_id).capacity = 2
    form = window.desk_page.walkin
    _fill_walk_in(qtbot, window, "홍길동", "부산일보", "010-1111-2222")
    form.badge.setChecked(True)  # and a badge for him
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    window.tasks.settle()
    assert window.desk_page.verdict.kind == "ok" and "홍길동" in window.desk_page.verdict.headline.text()
    _fill_walk_in(qtbot, window, "임꺽정", "청석골")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    window.tasks.settle()
    assert counts(db, demo_event_id).present == 2
    qtbot.waitUntil(lambda: window.counters.level == "full")

    _fill_walk_in(qtbot, window, "장길산", "광대패")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    window.tasks.settle()
    assert window.desk_page.verdict.kind == "refused"
    assert window.desk_page.verdict.headline.text() == "정원이 찼습니다"
    assert form.override_button.isVisible()
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Participant.name == "장길산")) == 0

    qtbot.mouseClick(form.override_button, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, window)
    assert window.gate.is_supervisor
    assert window.desk_page.verdict.kind == "ok"
    assert counts(db, demo_event_id).present == 3 and counts(db, demo_event_id).walk_ins == 3
    assert [e.outcome for e in audit(db, "walkin")] == ["ok", "ok", "capacity_full", "override"]
    with db.session() as s:
        printed = s.scalars(select(BadgePrint.participant_id)).all()
    assert printed == [pid_of(db, "홍길동")]


def test_walk_in_duplicate_offers_the_roster_record(qtbot, window: MainWindow, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    _fill_walk_in(qtbot, window, "김 현미", "국토교통부")
    form = window.desk_page.walkin
    qtbot.keyClick(form.organization, Qt.Key.Key_Return)
    window.tasks.settle()
    assert form.dup_box.isVisible() and form.duplicates[0].participant.name == "김현미"
    assert counts(db, demo_event_id).checked_in == 0
    assert form.use_first_duplicate()
    window.tasks.settle()
    assert window.desk_page.verdict.headline.text() == "김현미 장관님, 환영합니다"
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Participant.is_walk_in.is_(True))) == 0


# -- VIP, companions, undo ---------------------------------------------------------------------


def test_vip_alert_companions_and_undo(qtbot, window: MainWindow, db: Database, demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, window, code_of(db, "조기현"))  # a lawmaker, two aides allowed
    panel = window.desk_page.verdict
    assert panel.kind == "vip" and window.sounds.last_kind == "vip"
    assert window.vip_alert.isVisible() and "조기현" in window.vip_alert.headline.text()
    scan(qtbot, window, code_of(db, "마재영"))  # the door goes on; the alert stays
    assert window.vip_alert.isVisible()

    scan(qtbot, window, code_of(db, "조기현"))
    assert panel.kind == "already"
    scan(qtbot, window, code_of(db, "김현미"))
    companions = window.desk_page.companions
    assert companions.isVisible() and companions.allowed == 2
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    c = counts(db, demo_event_id)
    assert (c.checked_in, c.present, c.companions) == (3, 5, 2)
    assert "수행원 2명" in [t.text() for t in panel.tag_labels]
    assert not window.set_companions(3)  # more than allowed: refused

    assert len(window.vip_alert.queue) == 2
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert not window.vip_alert.isVisible()
    assert [e.outcome for e in audit(db, "vip_alert")] == ["shown", "shown", "acknowledged", "acknowledged"]
    window.tabs.setCurrentIndex(2)
    window.tasks.settle()
    assert window.protocol.vips.rowCount() == 2

    # A minister checked in at another desk is announced here too, once.
    from kiosk.domain.checkin import CheckInDesk

    CheckInDesk(db, demo_event_id).check_in_participant(pid_of(db, "백운규"), "정문-2")
    window.refresh_lists()
    window.tasks.settle()
    window.refresh_lists()
    window.tasks.settle()
    assert window.vip_alert.queue and window.vip_alert.queue[0].station == "정문-2"
    assert len(window.vip_alert.queue) == 1
    window.vip_alert.acknowledge()

    # Undo 김현미: select her row, Ctrl+Z, supervisor PIN, then a reason is required.
    window.tabs.setCurrentIndex(0)
    recent = window.desk_page.recent
    recent.refresh()
    window.tasks.settle()
    assert recent.select_check_in(next(r.check_in_id for r in recent.rows if r.participant.name == "김현미"))
    window.desk_page.focus_scan()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, window)
    assert recent.undo_open and "김현미" in recent.undo_label.text()
    assert not recent.confirm_undo()  # no reason yet
    assert recent.undo_error.text()
    recent.reason.setText("동명이인을 잘못 체크인")
    qtbot.keyClick(recent.reason, Qt.Key.Key_Return)
    window.tasks.settle()
    assert not recent.undo_open
    c = counts(db, demo_event_id)
    assert (c.checked_in, c.present) == (3, 3)  # 조기현, 마재영, 백운규
    assert json.loads(audit(db, "undo")[0].detail)["reason"] == "동명이인을 잘못 체크인"


def test_wrong_pins_lock_the_supervisor_out(qtbot, window: MainWindow, db: Database, with_pin: str) -> None:  # type: ignore[no-untyped-def]
    window.supervisor.toggle()
    for _ in range(5):
        enter_pin(qtbot, window, "000000")
    assert "잠겼습니다" in window.gate.dialog.message.text()
    enter_pin(qtbot, window, PIN)  # right PIN, but locked for a minute
    assert not window.gate.is_supervisor
    window.gate.dialog.reject()


# -- badges ---------------------------------------------------------------------------------------


def test_badge_print_log_and_reprint(qtbot, window: MainWindow, db: Database, with_pin: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, window, code_of(db, "마재영"))
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # no printer here: a PDF
    window.tasks.settle()  # logged on the worker, then written
    pdfs = list((tmp_path / "badges").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # a second one: refused
    window.tasks.settle()
    assert window.desk_page.verdict.headline.text() == "이미 배지를 출력했습니다"
    with db.session() as s:
        assert s.scalar(select(func.count(BadgePrint.id))) == 1
    window.supervisor.reprint_badge("분실")
    enter_pin(qtbot, window)
    window.tasks.settle()
    with db.session() as s:
        rows = s.scalars(select(BadgePrint).order_by(BadgePrint.id)).all()
    assert [(r.reprint, r.reason) for r in rows] == [(False, ""), (True, "분실")]


# -- kiosk mode -----------------------------------------------------------------------------------


def test_kiosk_mode_needs_a_pin_to_leave(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    assert not window.enter_kiosk_mode()  # no supervisor PIN yet: refused, explained in the panel
    assert "PIN" in window.desk_page.verdict.headline.text()
    with db.write() as s:
        roles.set_pin(s, PIN)
    press(qtbot, window, Qt.Key.Key_F11)
    assert window.kiosk_active and window.isFullScreen() and not window.menuBar().isVisible()
    assert window.kiosk.panel.headline.text() == "QR 코드를 보여 주세요"

    scan(qtbot, window, code_of(db, "이형준"))
    assert window.kiosk.panel.headline.text() == "이형준 의원님, 환영합니다"
    # Guest-facing: no organization, phone or e-mail, and no roster shortcut works.
    shown = window.kiosk.panel.detail.text()
    assert "국회" not in shown and "@" not in shown and "010" not in shown
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.kiosk_active and window.stack.currentWidget() is window.kiosk
    window.close()  # Alt+F4 by a guest asks for the PIN instead
    assert window.kiosk_active
    enter_pin(qtbot, window, "111111")
    assert window.kiosk_active and "틀렸습니다" in window.gate.dialog.message.text()
    window.gate.dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(window.kiosk.field, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    enter_pin(qtbot, window)
    assert not window.kiosk_active and window.menuBar().isVisible()
    assert window.stack.currentIndex() == 0


def test_kiosk_mode_never_offers_to_choose_the_pin(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        roles.set_pin(s, PIN)
    window.enter_kiosk_mode()  # the PIN was set behind the window's back: the service is asked
    window.tasks.settle()
    assert window.kiosk_active
    with db.write() as s:  # the PIN disappears (a reset database, say)
        s.delete(s.get(roles.Setting, roles.PIN_HASH_KEY))
    window.request_leave_kiosk()
    qtbot.waitUntil(lambda: window.gate.dialog is not None)
    assert window.gate.dialog.mode == "check"
    window.gate.dialog.reject()
    assert window.kiosk_active


# -- settings and language ------------------------------------------------------------------------


def test_settings_change_station_capacity_and_language(qtbot, window: MainWindow, db: Database,
                                                       demo_event_id: int, with_pin: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    press(qtbot, window, Qt.Key.Key_F10)
    enter_pin(qtbot, window)
    qtbot.waitUntil(lambda: window.supervisor.settings_dialog is not None and window.supervisor.settings_dialog.isVisible())
    dialog = window.supervisor.settings_dialog
    qtbot.waitUntil(lambda: not dialog.busy)  # the shared settings are read on the worker
    dialog.station.setText("정문-2")
    dialog.capacity.setValue(160)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    qtbot.waitUntil(lambda: window.station == "정문-2")
    window.tasks.settle()
    assert window.station == "정문-2" and window.local.station == "정문-2"
    assert counts(db, demo_event_id).capacity == 160
    assert window.language == "en"
    assert window.windowTitle() == "Innovation City Season 2 Conference — kiosk.db — Check-in kiosk"
    assert window.shortcut_bar.text().startswith("F2 name search")
    assert len(window.statusBar().findChildren(QLabel, "shortcutBar")) == 1
    assert window.counters.checked_in.caption.text() == "Checked in / capacity"
    scan(qtbot, window, code_of(db, "마재영"))
    assert window.desk_page.verdict.headline.text() == "마재영 실장님, 환영합니다"  # names stay Korean
    assert "Checked in" in window.desk_page.verdict.detail.text()
    assert window.set_language("ko")
    window.tasks.settle()
    assert window.windowTitle() == "혁신도시 시즌2 콘퍼런스 — kiosk.db — 체크인 키오스크"
    assert json.loads(audit(db, "capacity")[0].detail) == {"before": 150, "after": 160}


# -- camera ---------------------------------------------------------------------------------------


def test_camera_frames_check_guests_in(qtbot, db: Database, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import qrcode
    from PIL import Image
    from PySide6.QtGui import QImage

    from kiosk.scan.pipeline import PushFrameSource
    from kiosk.ui.app import make_application

    make_application("ko")
    source = PushFrameSource()
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), frame_source=source)
    qtbot.addWidget(w)
    w.show()
    assert w.camera.start("")
    w.actions_by_name["camera"].trigger()  # F8
    assert w.desk_page.camera_slot.count() == 1  # the preview sits in the side panel

    qr = qrcode.make(code_of(db, "강영민"), border=4).get_image().convert("L").resize((300, 300))
    frame = Image.new("L", (640, 480), 150)
    frame.paste(qr, (170, 90))
    image = QImage(frame.tobytes(), 640, 480, 640, QImage.Format.Format_Grayscale8).copy()
    source.push(image)
    qtbot.waitUntil(lambda: w.desk_page.verdict.kind == "ok", timeout=10000)
    assert w.desk_page.verdict.headline.text() == "강영민 단장님, 환영합니다"
    with db.session() as s:
        assert s.scalars(select(CheckIn.method)).one() == "qr"
    w.close()


def test_scanner_burst_lands_in_the_scan_field_from_anywhere(qtbot, window: MainWindow, db: Database,
                                                             demo_event_id: int) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    press(qtbot, window, Qt.Key.Key_F2)
    query = window.desk_page.search.query
    assert query.hasFocus()
    qtbot.keyClicks(query, code_of(db, "강영민"))  # a scanner types fast, then Enter
    qtbot.keyClick(query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.desk_page.verdict.kind == "ok")
    assert window.desk_page.verdict.headline.text() == "강영민 단장님, 환영합니다"
    assert query.text() == ""  # the search box did not get the code


def test_sounds_are_loaded_at_start_up_not_on_the_first_scan(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Loading the audio backend stalled the event loop 40-260 ms on the first guest's verdict."""
    assert window.sounds.enabled
    qtbot.waitUntil(lambda: window.sounds.loaded, timeout=2000)  # no scan yet
    assert window.sounds.last_kind is None


def test_no_audio_device_means_silence_not_a_crash(window: MainWindow) -> None:
    window.sounds.enabled = True
    window.sounds.play("vip")  # this machine has no audio output
    assert window.sounds.last_kind == "vip"


def test_a_database_that_cannot_be_written_is_said_plainly(qtbot, window: MainWindow, db: Database,
                                                           demo_event_id: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    from sqlalchemy.exc import OperationalError

    def full_disk(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        # A full disk or a locked file cannot be produced portably in a test; the engine's error is.
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(window.service, "scan", full_disk)
    scan(qtbot, window, code_of(db, "마재영"))
    assert window.desk_page.verdict.kind == "refused"
    assert "다시 스캔" in window.desk_page.verdict.headline.text()
    assert counts(db, demo_event_id).checked_in == 0


def test_capacity_bar_warns_at_90_and_100_percent(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.headcount import Headcount
    from kiosk.ui.counters import CountersBar

    bar = CountersBar()
    qtbot.addWidget(bar)
    levels = []
    for present in (134, 135, 150, 151):
        bar.show_counts(Headcount(capacity=150, invited=183, checked_in=present, present=present,
                                  companions=0, walk_ins=0, not_arrived=183 - present))  # fmt: skip
        levels.append((bar.level, bar.remaining.value.text()))
    assert levels == [("normal", "16"), ("warning", "15"), ("full", "0"), ("full", "0")]


def test_first_supervisor_action_chooses_the_pin_and_supervisor_mode_times_out(
    qtbot, window: MainWindow, db: Database  # type: ignore[no-untyped-def]
) -> None:
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.gate.dialog is not None)
    assert window.gate.dialog.mode == "set"
    enter_pin(qtbot, window, "135790")
    assert window.gate.is_supervisor and window.role_label.text() == "책임자"
    with db.session() as s:
        assert roles.pin_is_set(s) and "135790" not in s.get(roles.Setting, roles.PIN_HASH_KEY).value
    window.gate.idle.setInterval(50)  # five idle minutes, shortened
    window.gate.touch()
    qtbot.waitUntil(lambda: not window.gate.is_supervisor)
    assert window.role_label.text() == "안내요원"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_shortcut_hints_fit_beside_a_stations_badge(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    """The hint line was cut mid-word ("F11 키오", "Esc cl") once a station's badge took its place."""
    window.set_language(language)
    try:
        badge = QLabel("● 오프라인 (로컬 저장 중) · 미전송 15건 · 동기화 확인 2건")  # as wide as a station's badge
        window.add_status_widget(badge)
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: badge.isVisible())
        bar = window.shortcut_bar
        qtbot.waitUntil(lambda: bar.fontMetrics().horizontalAdvance(bar.text()) <= bar.contentsRect().width())
        shown = [hint for hint in bar.text().split(" · ") if hint != "…"]
        every = bar.toolTip().split(" · ")
        assert shown == every[: len(shown)] and len(shown) >= 6  # whole hints, the door's first
        assert bar.text().endswith("…") == (len(shown) < len(every))
    finally:
        window.set_language("ko")  # the translator is the application's: later tests read Korean
