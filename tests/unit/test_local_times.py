"""Times stored in UTC are shown in the event's zone (Asia/Seoul), not the laptop's UTC."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from kiosk.storage.backup import BackupInfo
from kiosk.storage.lock import DatabaseInUse, LockOwner


def test_already_running_says_when_in_local_time() -> None:
    owner = LockOwner(4321, "desk-1", "2026-11-30T12:05:09+00:00")
    assert owner.describe() == "PID 4321, desk-1, 2026-11-30 21:05:09"
    assert "21:05:09" in str(DatabaseInUse(Path("door.db"), owner))
    assert LockOwner(1, "h", "garbage").describe().endswith("garbage")


def test_backup_list_in_local_time(tmp_path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.faults import describe_backup

    info = BackupInfo(tmp_path / "x.db", datetime(2026, 11, 30, 23, 30, 0, tzinfo=UTC), "auto", 0)
    assert describe_backup(info).startswith("2026-12-01 08:30:00")


def test_english_dates_and_plural() -> None:
    from kiosk.domain.timefmt import event_when

    start = datetime(2017, 11, 22, 5, 0, tzinfo=UTC)
    end = datetime(2017, 11, 22, 8, 0, tzinfo=UTC)
    assert event_when(start, end) == "2017년 11월 22일 (수) 14:00–17:00"
    assert event_when(start, end, language="en") == "Wed 22 November 2017, 14:00–17:00"
