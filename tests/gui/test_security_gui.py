"""Issue 16 in the window: with no PIN yet, the first supervisor action asks to choose one and says
that whoever chooses it becomes the supervisor; 4-digit PINs are refused."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.domain import roles
from kiosk.storage.engine import Database
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pin_dialog import PinDialog

REPO = Path(__file__).resolve().parents[2]


def test_choosing_the_first_pin_warns_who_becomes_supervisor(qtbot, db: Database, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    parent = MainWindow(db, "정문-1")
    qtbot.addWidget(parent)
    ran = []
    parent.gate.require("설정을 바꾸려면 책임자 PIN이 필요합니다.", lambda: ran.append(True))
    qtbot.waitUntil(lambda: parent.gate.dialog is not None and parent.gate.dialog.isVisible())
    dialog: PinDialog = parent.gate.dialog
    assert dialog.mode == "set"
    assert dialog.warning.isVisible() and "책임자가 됩니다" in dialog.warning.text()
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS", tmp_path))
    dialog.grab().save(str(shots / "pin-first-set.png"))
    dialog.pin.setText("1234")
    dialog.confirm.setText("1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert "6~12" in dialog.message.text() and not ran
    for easy in ("000000", "111111", "123456", "654321", "012345"):  # old code: accepted
        dialog.pin.setText(easy)
        dialog.confirm.setText(easy)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert "너무 쉽습니다" in dialog.message.text() and not ran, easy
    with db.session() as s:
        assert not roles.pin_is_set(s)
    dialog.pin.setText("246813")
    dialog.confirm.setText("246813")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ran == [True])
    with db.session() as s:
        assert roles.pin_is_set(s)
    parent.close()


def test_checking_a_pin_shows_no_set_warning(qtbot, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        roles.set_pin(s, "246813")
    from tests.gui.records_support import make_tasks

    tasks = make_tasks(db, demo_event_id)
    dialog = PinDialog(tasks, "이유", mode="check")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.warning.isVisible()
    tasks.shutdown()


def test_console_start_reports_a_broken_audit_chain_and_restores_triggers(db: Database, db_path: Path, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Old code: after DROP TRIGGER + DELETE the triggers stayed dropped and nothing was said."""
    from kiosk.domain.checkin import CheckInDesk

    desk = CheckInDesk(db, demo_event_id)
    for code in ("X-1", "X-2", "X-3"):
        desk.scan(code, station="s")
    db.dispose()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DROP TRIGGER audit_entries_no_delete")
        conn.execute("DELETE FROM audit_entries WHERE id = 2")
        conn.commit()
    logs = tmp_path / "logs"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(logs),
           "KIOSK_BACKUP_DIR": str(tmp_path / "b")}  # fmt: skip
    shot = tmp_path / "start.png"
    done = subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db_path), "gui", "--screenshot", str(shot)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "audit log:" in (logs / "kiosk.log").read_text(encoding="utf-8")
    with closing(sqlite3.connect(db_path)) as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "audit_entries_no_delete" in names
