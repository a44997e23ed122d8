"""First start without an event: the welcome screen, the new-event wizard driven by keys alone,
then import and a scan at the new event's desk; 행사 정보 편집 with its audit and capacity warning.

Screenshots of the welcome screen and each wizard page (1366×768) go to KIOSK_SCREENSHOTS
(`KIOSK_SCREENSHOTS=docs/screenshots pytest tests/gui/test_event_setup_gui.py` refreshes the README's).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from kiosk.domain import roles, token
from kiosk.domain.models import AuditEntry, Event, Participant
from kiosk.domain.roster_import import import_roster
from kiosk.storage.engine import Database
from kiosk.ui.event_files import OPEN_PROPERTY, take_open_request
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings

OUT = Path(os.environ.get("KIOSK_SCREENSHOTS") or tempfile.mkdtemp(prefix="kiosk-screenshots-"))
ROSTER = Path(__file__).parents[1] / "e2e" / "data" / "forum_roster.csv"
WIDTH, HEIGHT = 1366, 768


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Keys into whatever has focus, as a person would (Hangul as committed text). A person, not a
    scanner: keys 0 ms apart would be a scanner burst, which the console keeps out of every form."""
    for ch in text:
        qtbot.wait(45)
        target = QApplication.focusWidget()
        assert target is not None
        if ch.isascii():
            qtbot.keyClick(target, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def shot(window: QWidget, dialog: QWidget | None, name: str) -> None:
    """The screen as staff see it: the window at 1366×768 with the dialog centred over it."""
    image = window.grab()
    if dialog is not None:
        painter = QPainter(image)
        top_left = QPoint((image.width() - dialog.width()) // 2, (image.height() - dialog.height()) // 2)
        painter.drawPixmap(top_left, dialog.grab())
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawRect(top_left.x() - 1, top_left.y() - 1, dialog.width() + 1, dialog.height() + 1)
        painter.end()
    OUT.mkdir(parents=True, exist_ok=True)
    assert image.width() == WIDTH and image.height() == HEIGHT
    assert image.save(str(OUT / name), "PNG")


@pytest.fixture
def empty_window(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    w.sounds.enabled = False
    qtbot.addWidget(w)
    w.resize(WIDTH, HEIGHT)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.close()


def test_welcome_wizard_import_scan_by_keyboard(qtbot, empty_window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    w = empty_window
    assert w.welcome is not None and w.welcome.isVisible() and w.desk is None
    assert "행사 없음" in w.windowTitle() and "kiosk.db" in w.windowTitle()
    shot(w, None, "welcome.png")

    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 새 행사 만들기
    qtbot.waitUntil(lambda: w.files.wizard is not None and w.files.wizard.isVisible())
    wizard = w.files.wizard
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.basics.name)
    type_text(qtbot, "2026 지역균형발전 포럼")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "대전컨벤션센터")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "20260305")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "1800")  # starts 18:00, ends (default) 17:00: refused inline
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert wizard.currentPage() is wizard.basics and wizard.basics.error.isVisible()
    assert "끝나는 시각" in wizard.basics.error.text()
    wizard.basics.starts.setFocus()
    type_text(qtbot, "1330")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "1800")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.basics.timezone  # Asia/Seoul by default
    assert wizard.basics.timezone.currentText() == "Asia/Seoul"
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "300")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "대전광역시, 지역균형발전포럼")
    assert not wizard.basics.error.isVisible()  # corrected: the message goes
    shot(w, wizard, "event-wizard-1-basics.png")
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.program)

    sessions = [
        ("16:50", "18:00", "종합토론", "한소라(지역균형발전포럼)"),
        ("13:30", "14:00", "개회식", "이장우(대전광역시)"),
        ("14:00", "15:00", "기조강연", "박정민(충남대학교)"),
        ("15:20", "16:40", "세션 1: 혁신거점과 일자리", "정하늘(한국지역개발연구원), 최유진(세종시)"),
        ("17:30", "18:30", "만찬", ""),  # after the event ends: refused, then deleted
    ]
    for row in sessions:
        wizard.program.table.setFocus()
        key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        for n, text in enumerate(row):
            if text:
                type_text(qtbot, text)
            key(qtbot, Qt.Key.Key_Tab if n < 3 else Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert wizard.currentPage() is wizard.program and "행사 시간" in wizard.program.error.text()
    wizard.program.table.setFocus()
    wizard.program.table.setCurrentCell(4, 0)
    key(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    wizard.program.table.setCurrentCell(0, 0)  # 종합토론 goes last: down three times
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    titles = [wizard.program.table.item(r, 2).text() for r in range(wizard.program.table.rowCount())]
    assert titles == ["개회식", "기조강연", "세션 1: 혁신거점과 일자리", "종합토론"]
    assert not wizard.program.error.isVisible()
    shot(w, wizard, "event-wizard-2-program.png")
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.invitations)

    wizard.invitations.sender_name.setFocus()
    type_text(qtbot, "포럼 사무국")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "forum@daejeon.example")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "help@daejeon.example")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "개인정보는 행사 운영에만 쓰고 행사 후 30일 안에 파기합니다.")
    shot(w, wizard, "event-wizard-3-invitations.png")
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary)
    assert "대전컨벤션센터" in wizard.summary.summary.text() and "정하늘" in wizard.summary.summary.text()
    shot(w, wizard, "event-wizard-4-summary.png")
    with db.session() as s:
        assert s.scalars(select(Event)).first() is None  # nothing written before 마침
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.desk is not None and w.desk_page is not None)

    with db.session() as s:
        event = s.scalars(select(Event)).one()
        assert (event.name, event.venue, event.capacity, event.timezone) == (
            "2026 지역균형발전 포럼", "대전컨벤션센터", 300, "Asia/Seoul")  # fmt: skip
        assert event.starts_at.isoformat() == "2026-03-05T04:30:00+00:00"
        assert event.sender_email == "forum@daejeon.example" and event.reply_to == "help@daejeon.example"
        assert [p.title for p in event.program][-1] == "종합토론"
        assert json.loads(event.program[2].presenters)[1]["organization"] == "세종시"
    qtbot.waitUntil(lambda: "2026 지역균형발전 포럼" in w.windowTitle() and "kiosk.db" in w.windowTitle())

    import_roster(db, ROSTER, station="정문-1")
    w.refresh_all()
    with db.session() as s:
        event = s.scalars(select(Event)).one()
        guest = s.scalars(select(Participant).where(Participant.name == "박정민")).one()
        code = token.issue(event.token_tag, event.signing_secret, guest.id)
    field = w.desk_page.scan_field
    field.setFocus()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.desk_page.verdict.verdict is not None)
    assert w.desk_page.verdict.verdict.status.value == "ok"
    assert w.desk_page.verdict.verdict.participant.name == "박정민"


def test_edit_event_is_audited_and_warns_below_people_present(
    qtbot, db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.checkin import CheckInDesk
    from kiosk.domain.event_setup import spec_of
    from kiosk.domain.event_toml import spec_from_toml
    from kiosk.ui.app import make_application

    make_application("ko")
    spec = spec_from_toml((Path(__file__).parents[1] / "e2e" / "data" / "forum_2026.toml").read_text("utf-8"))
    from kiosk.domain.event_setup import create_from_spec

    with db.write() as s:
        event_id = create_from_spec(s, spec).id
        roles.set_pin(s, "246810")
    import_roster(db, ROSTER)
    desk = CheckInDesk(db, event_id)
    assert desk.scan("F-001", "정문-1", "").status.value == "ok"
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    qtbot.addWidget(w)
    w.gate._become_supervisor()
    with db.session() as s:
        before = spec_of(s.get(Event, event_id))
    from dataclasses import replace

    w.files.save_edit(before, replace(before, venue="대전컨벤션센터 제2전시장"), confirm=False)
    w.tasks.settle()  # checked and stored on the database worker
    assert w.files.last_edit is True
    with db.session() as s:
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "event_edit")).all()
        assert entry.operator == "supervisor" and entry.station == "정문-1"
        assert json.loads(entry.detail) == {
            "field": "venue",
            "before": "대전컨벤션센터",
            "after": "대전컨벤션센터 제2전시장",
        }
    # Capacity below the one person inside: the supervisor is asked; No changes nothing.
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    answer = {"value": QMessageBox.StandardButton.No}
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or answer["value"])
    edited = replace(before, venue="대전컨벤션센터 제2전시장")
    lower = replace(edited, capacity=1)
    desk.scan("F-002", "정문-1", "")  # two inside now
    w.files.save_edit(edited, lower)
    w.tasks.settle()
    assert w.files.last_edit is False
    assert asked and "입장한 2명" in asked[0]
    with db.session() as s:
        assert s.get(Event, event_id).capacity == 300
    answer["value"] = QMessageBox.StandardButton.Yes
    w.files.save_edit(edited, lower)
    w.tasks.settle()
    assert w.files.last_edit is True
    with db.session() as s:
        assert s.get(Event, event_id).capacity == 1
    # The wizard opens pre-filled for the supervisor.
    w.files._edit()
    qtbot.waitUntil(lambda: w.files.wizard is not None and w.files.wizard.isVisible())
    wizard = w.files.wizard
    assert wizard.basics.venue.text() == "대전컨벤션센터 제2전시장" and wizard.program.table.rowCount() == 4
    wizard.reject()
    w.close()


def test_opening_a_newer_file_is_refused_inline(qtbot, empty_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from kiosk.domain.event_toml import spec_from_toml
    from kiosk.service.event_files import create_event_file

    spec = spec_from_toml((Path(__file__).parents[1] / "e2e" / "data" / "forum_2026.toml").read_text("utf-8"))
    future = create_event_file(tmp_path / "future.kiosk.db", spec)
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    assert not empty_window.files.request_open(future)
    assert empty_window.welcome.error.isVisible() and "더 새로운 버전" in empty_window.welcome.error.text()
    assert QApplication.instance().property(OPEN_PROPERTY) is None and empty_window.isVisible()
    good = create_event_file(tmp_path / "good.kiosk.db", spec)
    assert empty_window.files.request_open(good)
    assert take_open_request() == str(good)


def test_copy_as_new_event_from_the_file_menu(qtbot, db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """다른 이름으로 복사 (supervisor): a new file with program and roster, then opened; the menu
    has the file entries; old codes read wrong_event there."""
    from PySide6.QtWidgets import QInputDialog

    from kiosk.domain.checkin import CheckInDesk
    from kiosk.domain.event_setup import create_from_spec
    from kiosk.domain.event_toml import spec_from_toml
    from kiosk.ui.app import make_application

    make_application("ko")
    spec = spec_from_toml((Path(__file__).parents[1] / "e2e" / "data" / "forum_2026.toml").read_text("utf-8"))
    with db.write() as s:
        event_id = create_from_spec(s, spec).id
    import_roster(db, ROSTER)
    with db.session() as s:
        event = s.get(Event, event_id)
        guest_id = s.scalars(select(Participant.id).where(Participant.name == "이장우")).one()
        old_code = token.issue(event.token_tag, event.signing_secret, guest_id)
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    qtbot.addWidget(w)
    names = [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert names[:2] == ["새 행사…", "행사 열기…"] and "다른 이름으로 복사… (책임자)" in names
    w.gate._become_supervisor()
    target = tmp_path / "2027.kiosk.db"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2027 지역균형발전 포럼", True))
    monkeypatch.setattr("kiosk.ui.event_files.save_file_name", lambda *a, **k: str(target))
    w.files.copy_as_new()
    w.tasks.settle()  # the name is read and the copy made on the worker
    assert take_open_request() == str(target)
    copy = Database.open(target)
    try:
        with copy.session() as s:
            new = s.scalars(select(Event)).one()
            assert (
                new.name == "2027 지역균형발전 포럼" and len(new.program) == 4 and len(new.participants) == 6
            )
            assert new.signing_secret != event.signing_secret
            assert (
                s.scalars(select(AuditEntry).where(AuditEntry.action == "event_copy")).one().operator
                == "supervisor"
            )
        assert CheckInDesk(copy, new.id).scan(old_code, "정문-1", "").status.value == "wrong_event"
    finally:
        copy.dispose()
    recent = w.files.recent()
    assert recent and recent[0][0] == target.resolve() and recent[0][1] == "2027 지역균형발전 포럼"
