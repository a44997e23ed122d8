"""Backups: online copies with WAL contents, rotation, verification, restore with the old file kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import CheckIn, Participant
from kiosk.storage import backup as backups
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.lock import DatabaseLock


@pytest.fixture(autouse=True)
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "backups"
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(root))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    return root


def check_in_some(db: Database, desk: CheckInDesk, count: int, skip: int = 0) -> list[str]:
    with db.session() as session:
        ids = session.scalars(select(Participant.id).order_by(Participant.id)).all()[skip : skip + count]
    done = []
    for pid in ids:
        verdict = desk.check_in_participant(pid, "desk-1")
        assert verdict.ok, verdict
        done.append(verdict.check_in_id)
    return done


def count_check_ins(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM check_ins").fetchone()[0]


def test_backup_holds_committed_check_ins_still_in_the_wal(db, desk, db_path, tmp_path):
    check_in_some(db, desk, 5)
    assert Path(str(db_path) + "-wal").stat().st_size > 0  # not yet checkpointed into the file
    info = backups.take_backup(db_path, tmp_path / "b", "manual")
    check = backups.verify(info.path)
    assert check.ok and check.check_ins == 5 and check.revision == migrate.head_revision()
    assert not Path(str(info.path) + "-wal").exists()  # a standalone file
    assert backups.list_backups(tmp_path / "b")[0].path == info.path


def test_backup_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(backups.BackupError, match="없습니다"):
        backups.take_backup(tmp_path / "nothing.db", tmp_path / "b")


def _fake_copies(source: Path, folder: Path, stamps: list[datetime]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        shutil.copy(source, folder / f"kiosk-{stamp.strftime('%Y%m%dT%H%M%S%fZ')}-auto{backups.SUFFIX}")


def test_rotation_keeps_the_last_twenty_and_one_per_hour(db, db_path, tmp_path):
    first = backups.take_backup(db_path, tmp_path / "src", rotate_after=False)
    folder = tmp_path / "b"
    start = datetime(2017, 11, 22, 4, 0, tzinfo=UTC)
    # Six hours of copies every ten minutes: 36 files.
    stamps = [start + timedelta(minutes=10 * i) for i in range(36)]
    _fake_copies(first.path, folder, stamps)
    crashed = folder / f"kiosk-x{backups.SUFFIX}.partial"
    crashed.write_bytes(b"half")
    os.utime(crashed, (1_500_000_000, 1_500_000_000))  # left by a crash long ago
    (folder / f"kiosk-y{backups.SUFFIX}.partial").write_bytes(b"being written right now")
    removed = backups.rotate(folder)
    kept = backups.list_backups(folder)
    kept_stamps = {b.taken_at for b in kept}
    assert set(stamps[-20:]) <= kept_stamps
    # The newest copy of every hour survives, including hours older than the last twenty.
    for hour in range(6):
        newest_of_hour = max(s for s in stamps if s.hour == 4 + hour)
        assert newest_of_hour in kept_stamps
    assert len(kept) + len(removed) == 36
    assert len(kept) == 20 + 2  # 04:xx and 05:xx newest copies are older than the last twenty
    assert [p.name for p in folder.glob("*.partial")] == [f"kiosk-y{backups.SUFFIX}.partial"]


def test_verify_rejects_a_damaged_copy_and_a_foreign_file(db, db_path, tmp_path):
    info = backups.take_backup(db_path, tmp_path / "b")
    damaged = tmp_path / "damaged.db"
    data = bytearray(info.path.read_bytes())
    data[4096 : 4096 * 3] = b"\xde\xad" * 4096  # trash pages 2-3 (the first tables' b-trees)
    damaged.write_bytes(data)
    assert not backups.verify(damaged).ok
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert "kiosk" in backups.verify(foreign).detail
    (tmp_path / "text.db").write_text("hello")
    assert not backups.verify(tmp_path / "text.db").ok


def test_restore_brings_back_the_backup_and_keeps_the_current_file(db, desk, db_path, tmp_path):
    before = check_in_some(db, desk, 3)
    info = backups.take_backup(db_path, tmp_path / "b")
    after = check_in_some(db, desk, 4, skip=3)
    db.dispose()
    aside = backups.restore(info.path, db_path)
    # The restored database has exactly the backup's check-ins and opens normally.
    reopened = Database.open(db_path)
    migrate.upgrade(reopened)
    with reopened.session() as session:
        ids = set(session.scalars(select(CheckIn.id)))
    reopened.dispose()
    assert ids == set(before)
    # Nothing was lost: the file set aside still has every check-in (its WAL was kept with it).
    assert aside is not None and aside.exists()
    kept = Database.open(aside)
    with kept.session() as session:
        assert set(session.scalars(select(CheckIn.id))) == set(before) | set(after)
    kept.dispose()
    print(f"RESTORE VERIFIED: backup {len(before)} check-ins restored, {len(before) + len(after)} kept aside")


def test_restore_refuses_a_bad_backup_and_leaves_the_database_alone(db, desk, db_path, tmp_path):
    check_in_some(db, desk, 2)
    bad = tmp_path / "bad.kiosk-backup.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(backups.BackupError):
        backups.restore(bad, db_path)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CheckIn)) == 2


def test_cli_backup_list_and_restore(run_cli, db, desk, db_path, backup_root):
    check_in_some(db, desk, 2)
    result = run_cli("backup")
    assert result.code == 0, result.err
    assert "백업 완료" in result.out
    listing = run_cli("backup", "--list")
    assert listing.code == 0 and "(1개)" in listing.out
    made = backups.list_backups(backups.folder_for(backup_root, db_path))[0].path
    check_in_some(db, desk, 2, skip=2)
    db.dispose()
    restored = run_cli("restore", str(made))
    assert restored.code == 0, restored.err
    assert "체크인 2건" in restored.out and "이전 파일 보관" in restored.out
    assert count_check_ins(db_path) == 2


def test_cli_restore_refuses_while_the_gui_holds_the_database(run_cli, db, db_path, backup_root, tmp_path):
    info = backups.take_backup(db_path, tmp_path / "b")
    with DatabaseLock(db_path):
        result = run_cli("restore", str(info.path))
    assert result.code == 3
    assert "이미 다른 kiosk" in result.err


def test_cli_restore_of_a_missing_or_bad_file(run_cli, db, tmp_path):
    assert run_cli("restore", str(tmp_path / "none.db")).code == 2
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    result = run_cli("restore", str(junk))
    assert result.code == 2 and "검증 실패" in result.err


def test_backup_timer_copies_only_when_something_changed(qapp, db, desk, db_path, tmp_path):
    from kiosk.ui.backup_timer import BackupTimer

    timer = BackupTimer(db_path, tmp_path / "auto", interval_ms=600_000)
    taken = []
    timer.backupTaken.connect(taken.append)
    assert timer.tick() is False  # nothing happened since start-up
    check_in_some(db, desk, 1)
    assert timer.tick() is True and len(taken) == 1
    assert timer.tick() is False
    assert timer.final_backup() is False  # the last copy already has everything
    check_in_some(db, desk, 1, skip=1)
    assert timer.final_backup() is True
    assert [b.reason for b in backups.list_backups(tmp_path / "auto")] == ["exit", "auto"]
    assert backups.verify(Path(taken[-1])).check_ins == 2
