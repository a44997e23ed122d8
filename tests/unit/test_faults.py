"""Start-up faults: each gives a clear message (dialog and log), offers its remedy, never a crash."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from kiosk.cli import main as cli_main
from kiosk.domain.models import Participant
from kiosk.storage import backup as backups
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.health import Fault, FaultKind, check_database, classify
from kiosk.storage.lock import DatabaseLock
from kiosk.ui.faults import Choice, FaultDialog


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the GUI installs its own
    return tmp_path / "backups"


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096 * 4] = os.urandom(4096 * 4 - 100)  # header's tail and the schema pages
    path.write_bytes(data)
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)


@contextmanager
def mounted_tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A tiny file system of our own (root only); skips where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


# -- what is wrong -----------------------------------------------------------------------------


def test_corrupted_file_is_named_as_such(db, demo_event_id, db_path):
    db.dispose()
    corrupt(db_path)
    fault = check_database(db_path)
    assert fault is not None and fault.kind is FaultKind.CORRUPT and fault.can_restore
    with pytest.raises(Exception) as opened:  # noqa: PT011 - whichever layer notices first
        migrate.upgrade(Database.open(db_path))
    assert classify(opened.value).kind is FaultKind.CORRUPT


def test_database_of_a_newer_program_is_refused_not_touched(db, demo_event_id, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = db_path.read_bytes()
    assert check_database(db_path) is None  # a sound file...
    with pytest.raises(migrate.MigrationError) as refused:
        migrate.upgrade(Database.open(db_path))
    fault = classify(refused.value)
    assert fault.kind is FaultKind.NEWER_SCHEMA and fault.can_restore
    assert db_path.read_bytes() == before  # ...left exactly as it was


def test_read_only_folder(tmp_path):
    where = tmp_path / "ro"
    with mounted_tmpfs(where, "4m"):
        db = Database.open(where / "kiosk.db")
        migrate.upgrade(db)
        db.dispose()
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        fault = check_database(where / "kiosk.db")
        assert fault is not None and fault.kind is FaultKind.READ_ONLY and not fault.can_restore
        assert check_database(where / "sub" / "new.db").kind is FaultKind.READ_ONLY


def test_full_disk_never_acknowledges_a_check_in_it_could_not_store(tmp_path):
    from kiosk.domain.checkin import CheckInDesk
    from kiosk.domain.demo import load_demo

    where = tmp_path / "small"
    with mounted_tmpfs(where, "1m"):
        db = Database.open(where / "kiosk.db")
        migrate.upgrade(db)
        with db.write() as session:
            event_id = load_demo(session).id
        desk = CheckInDesk(db, event_id)
        with db.session() as session:
            ids = session.scalars(select(Participant.id)).all()
        filler = where / "filler"
        with open(filler, "wb", buffering=0) as fh:  # fill the disk to the last byte (unbuffered: nothing left to flush on close)
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        acknowledged, failure = [], None
        for pid in ids:
            try:
                verdict = desk.check_in_participant(pid, "desk-1")
            except OperationalError as exc:
                failure = exc
                break
            acknowledged.append(verdict.check_in_id)
        assert failure is not None, "the disk never filled up"
        assert classify(failure).kind is FaultKind.DISK_FULL
        assert check_database(where / "kiosk.db").kind is FaultKind.DISK_FULL
        # Space again: everything acknowledged is there, the file is sound, check-ins go on.
        filler.unlink()
        db.dispose()
        with sqlite3.connect(where / "kiosk.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {r[0] for r in conn.execute("SELECT id FROM check_ins")}
        conn.close()
        assert set(acknowledged) <= stored
        assert CheckInDesk(db, event_id).check_in_participant(ids[-1], "desk-1").ok
        db.dispose()


def test_environment_errors_classify():
    assert classify(PermissionError(13, "Permission denied", "/x")).kind is FaultKind.READ_ONLY
    assert classify(OSError(28, "No space left on device")).kind is FaultKind.DISK_FULL
    assert classify(sqlite3.OperationalError("attempt to write a readonly database")).kind is FaultKind.READ_ONLY
    assert classify(sqlite3.DatabaseError("file is not a database")).kind is FaultKind.CORRUPT
    assert classify(RuntimeError("boom")).kind is FaultKind.UNEXPECTED


# -- what the user sees --------------------------------------------------------------------------


def test_fault_dialog_offers_restore_with_the_backups(qtbot, db, demo_event_id, db_path, tmp_path):
    info = backups.take_backup(db_path, tmp_path / "b", "auto")
    fault = Fault(FaultKind.CORRUPT, "database disk image is malformed", db_path)
    dialog = FaultDialog(fault, backups.list_backups(tmp_path / "b"), diagnostics=lambda: "diag text")
    qtbot.addWidget(dialog)
    dialog.resize(700, 420)
    dialog.show()
    assert dialog.windowTitle() == "데이터베이스 파일이 손상되었습니다"
    assert dialog.restore_button.isVisible() and dialog.backup_list.count() == 1
    assert "자동" in dialog.backup_list.item(0).text() and "체크인 0" in dialog.backup_list.item(0).text()
    dialog.grab().save(str(tmp_path / "fault-corrupt.png"))
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "diag text"
    dialog.restore_button.click()
    assert dialog.outcome.choice is Choice.RESTORE and dialog.outcome.backup == info.path


@pytest.mark.parametrize("kind", [FaultKind.READ_ONLY, FaultKind.DISK_FULL, FaultKind.IN_USE, FaultKind.FONT])
def test_faults_a_backup_cannot_fix_offer_no_restore(qtbot, kind):
    dialog = FaultDialog(Fault(kind, "detail"), [], fatal=kind is not FaultKind.FONT)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible()
    assert dialog.windowTitle() and dialog.close_button.text() in ("종료", "계속")


class AutoPilot:
    """Answers the start-up dialogs the way a person would, then closes the main window."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.seen: list[str] = []
        self.main_window_shown = False
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.step)
        self.timer.start()

    def step(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FaultDialog):
            self.seen.append(modal.fault.kind.value)
            wanted = self.answer == "restore" and modal.restore_button.isVisibleTo(modal)
            button = modal.restore_button if wanted else modal.close_button
            button.click()
            return
        if any(isinstance(w, QMainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()):
            self.main_window_shown = True
            self.timer.stop()  # one quit: Qt 6 posts it, and a second one would end the next test's loop
            QApplication.instance().quit()


def run_gui_command(db_path: Path, answer: str) -> tuple[int, AutoPilot]:
    pilot = AutoPilot(answer)
    try:
        code = cli_main(["--db", str(db_path), "--station", "test-desk", "gui"])
    finally:
        pilot.timer.stop()
    return code, pilot


def test_second_instance_says_so_and_exits(qtbot, db, demo_event_id, db_path, caplog):
    with DatabaseLock(db_path), caplog.at_level(logging.ERROR):
        code, pilot = run_gui_command(db_path, "quit")
    assert code == 3 and pilot.seen == ["in_use"] and not pilot.main_window_shown
    assert "in_use" in caplog.text


def test_corrupted_database_is_restored_from_a_backup_at_start(qtbot, db, desk, demo_event_id, db_path, folders):
    with db.session() as session:
        first = session.scalars(select(Participant.id)).first()
    assert desk.check_in_participant(first, "desk-1").ok
    backups.take_backup(db_path, backups.folder_for(folders, db_path), "auto")
    db.dispose()
    corrupt(db_path)
    code, pilot = run_gui_command(db_path, "restore")
    assert code == 0 and pilot.seen[0] == "corrupt" and pilot.main_window_shown
    assert backups.verify(db_path).check_ins == 1
    assert list(db_path.parent.glob("kiosk.db.before-restore-*"))  # the damaged file kept aside
    kinds = [b.reason for b in backups.list_backups(backups.folder_for(folders, db_path))]
    assert "start" in kinds  # after the restore, the start-up copy of the sound file


def test_corrupted_database_without_backups_quits_with_the_file_untouched(qtbot, db, demo_event_id, db_path):
    db.dispose()
    corrupt(db_path)
    damaged = db_path.read_bytes()
    code, pilot = run_gui_command(db_path, "restore")
    assert code == 4 and pilot.seen == ["corrupt"] and not pilot.main_window_shown
    assert db_path.read_bytes() == damaged


def test_restore_chosen_in_the_running_window_restarts_with_the_backup(qtbot, db, desk, demo_event_id, db_path, folders):
    from kiosk.ui.backup_dialog import RESTORE_PROPERTY

    with db.session() as session:
        ids = session.scalars(select(Participant.id).limit(3)).all()
    assert desk.check_in_participant(ids[0], "desk-1").ok
    made = backups.take_backup(db_path, backups.folder_for(folders, db_path), "manual")
    assert desk.check_in_participant(ids[1], "desk-1").ok
    db.dispose()
    windows = []

    class RestoringPilot(AutoPilot):
        def step(self) -> None:
            shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
            if shown and shown[0] not in windows:
                windows.append(shown[0])
                app = QApplication.instance()
                if len(windows) == 1:  # what BackupDialog.request_restore does after "예"
                    app.setProperty(RESTORE_PROPERTY, str(made.path))
                else:
                    self.timer.stop()
                app.quit()

    pilot = RestoringPilot("quit")
    try:
        code = cli_main(["--db", str(db_path), "--station", "test-desk", "gui"])
    finally:
        pilot.timer.stop()
    assert code == 0 and len(windows) == 2
    assert backups.verify(db_path).check_ins == 1
    aside = next(db_path.parent.glob("kiosk.db.before-restore-*[0-9]Z"))
    assert backups.verify(aside).check_ins == 2  # the newer check-in was kept aside, not lost


def test_backup_dialog_lists_takes_and_requests_restore(qtbot, db, demo_event_id, db_path, folders, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from kiosk.ui.backup_dialog import RESTORE_PROPERTY, BackupDialog
    from tests.gui.records_support import make_tasks

    tasks = make_tasks(db, demo_event_id)
    dialog = BackupDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    tasks.settle()  # the list is read on the database worker
    assert dialog.loaded and dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    tasks.settle()
    assert dialog.list.count() == 1 and dialog.restore_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    quit_guard = QApplication.instance()
    monkeypatch.setattr(quit_guard, "quit", lambda: None)
    dialog.restore_button.click()
    assert quit_guard.property(RESTORE_PROPERTY).endswith(backups.SUFFIX)
    quit_guard.setProperty(RESTORE_PROPERTY, None)
    tasks.shutdown()


def test_missing_camera_backend_and_font_are_told_not_fatal(qtbot, monkeypatch):
    import kiosk.ui.theme as theme
    from kiosk.ui.faults import environment_faults

    assert not [f for f in environment_faults() if f.kind is FaultKind.FONT]  # fonts-noto-cjk is installed
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as on a machine without the backend
    monkeypatch.setattr(theme, "korean_font_family", lambda: None)
    found = {f.kind for f in environment_faults()}
    assert found == {FaultKind.CAMERA, FaultKind.FONT}
    for kind in found:
        dialog = FaultDialog(Fault(kind, "detail"), fatal=False)
        qtbot.addWidget(dialog)
        assert dialog.close_button.text() == "계속" and not dialog.restore_button.isVisibleTo(dialog)


def test_an_error_in_a_slot_is_logged_and_explained_not_a_crash(qtbot, caplog):
    from PySide6.QtCore import QObject, Signal

    from kiosk.ui.faults import install_excepthook

    install_excepthook(lambda: "diag")
    pilot = AutoPilot("quit")

    class Source(QObject):
        fired = Signal()

    def broken_slot() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    source = Source()
    source.fired.connect(broken_slot)
    try:
        with caplog.at_level(logging.ERROR):
            source.fired.emit()
            qtbot.waitUntil(lambda: bool(pilot.seen))
    finally:
        pilot.timer.stop()
    assert pilot.seen == ["disk_full"]
    assert "database or disk is full" in caplog.text
