"""One program per database: a second instance is refused; a crashed owner's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.storage.lock import DatabaseInUse, DatabaseLock, lock_path_for

HOLDER = """
import sys, time
from kiosk.storage.lock import DatabaseLock
lock = DatabaseLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_second_instance_is_refused_and_told_who_has_it(tmp_path: Path):
    db = tmp_path / "kiosk.db"
    with DatabaseLock(db) as first:
        assert first.held
        with pytest.raises(DatabaseInUse) as refused:
            DatabaseLock(db).acquire()
        assert refused.value.owner is not None and refused.value.owner.pid == os.getpid()
        assert "이미 다른 kiosk" in str(refused.value)
    # Released: the next one gets it, and a clean release left no owner behind to "take over".
    with DatabaseLock(db) as again:
        assert again.took_over is None


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path):
    db = tmp_path / "kiosk.db"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUse) as refused:
            DatabaseLock(db).acquire()
        assert refused.value.owner is not None and refused.value.owner.pid == child.pid
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert lock_path_for(db).exists()  # a crash leaves the file behind...
    with DatabaseLock(db) as lock:  # ...and the next start takes it over
        assert lock.took_over is not None and lock.took_over.pid == child.pid
        assert json.loads(lock_path_for(db).read_text())["pid"] == os.getpid()


def test_left_over_or_garbled_lock_file_is_taken_over(tmp_path: Path):
    db = tmp_path / "kiosk.db"
    lock_path_for(db).write_text(json.dumps({"pid": 999_999_999, "host": "elsewhere", "since": "2017-11-22"}))
    with DatabaseLock(db) as lock:
        assert lock.took_over is not None and lock.took_over.host == "elsewhere"
    lock_path_for(db).write_bytes(b"\x00\xff garbage")
    with DatabaseLock(db) as lock:
        assert lock.held and lock.took_over is None


def test_lock_folder_is_created(tmp_path: Path):
    with DatabaseLock(tmp_path / "new" / "kiosk.db") as lock:
        assert lock.path.exists()
