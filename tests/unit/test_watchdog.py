"""The console notices when its database or WAL is no longer the file on disk, and stops."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.domain.checkin import CheckInDesk
from kiosk.storage import watchdog
from kiosk.storage.backup import verify
from kiosk.storage.engine import Database
from kiosk.storage.watchdog import DatabaseFileLost

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file semantics (deleting an open file)")


@pytest.fixture
def watched(db: Database, db_path: Path):  # type: ignore[no-untyped-def]
    watchdog.watch(db_path)
    yield
    watchdog.unwatch(db_path)


def test_nothing_wrong_nothing_said(db: Database, demo_event_id: int, db_path: Path, watched) -> None:  # type: ignore[no-untyped-def]
    desk = CheckInDesk(db, demo_event_id)
    for pid in (1, 2, 3):
        assert desk.check_in_participant(pid, station="입구1").ok
    assert watchdog.watch(db_path).problem() is None


def test_wal_deleted_under_the_program_stops_every_write(db: Database, demo_event_id: int, db_path: Path, watched) -> None:  # type: ignore[no-untyped-def]
    desk = CheckInDesk(db, demo_event_id)
    assert desk.check_in_participant(1, station="입구1").ok
    watchdog.watch(db_path).problem()  # has seen the WAL it holds open
    os.unlink(str(db_path) + "-wal")  # what `kiosk status` did after the locks were lost
    with pytest.raises(DatabaseFileLost, match="wal_deleted"):
        desk.check_in_participant(2, station="입구1")


def test_database_replaced_is_noticed(db: Database, demo_event_id: int, db_path: Path, tmp_path: Path, watched) -> None:  # type: ignore[no-untyped-def]
    desk = CheckInDesk(db, demo_event_id)
    assert desk.check_in_participant(1, station="입구1").ok
    shutil.copy(db_path, tmp_path / "other.db")
    os.replace(tmp_path / "other.db", db_path)  # a restore by another program, a sync tool...
    with pytest.raises(DatabaseFileLost, match="db_replaced"):
        desk.check_in_participant(2, station="입구1")


def test_console_alarm_rescues_what_the_deleted_wal_held(qtbot, db: Database, demo_event_id: int, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.db_watch import DatabaseWatch

    watch = DatabaseWatch(db, tmp_path / "backups", show_dialog=False, interval_ms=50)
    try:
        watch.start()
        desk = CheckInDesk(db, demo_event_id)
        for pid in (1, 2, 3):
            assert desk.check_in_participant(pid, station="입구1").ok
        watch.tick()
        os.unlink(str(db_path) + "-wal")
        with qtbot.waitSignal(watch.lost, timeout=5000) as lost:
            pass
        assert lost.args == ["wal_deleted"]
        assert watch.rescued is not None
        check = verify(watch.rescued.path)
        assert check.ok and check.check_ins == 3  # the acknowledged check-ins, read from the deleted WAL
        with pytest.raises(DatabaseFileLost):
            desk.check_in_participant(4, station="입구1")
    finally:
        watch.stop()
