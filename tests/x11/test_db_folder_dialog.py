"""The console's real file dialog browses the database's folder; nothing acknowledged is lost.

On a real X display (Xvfb + openbox, keys through XTest): check a guest in, open 명단 가져오기 →
파일 선택… and browse the folder that holds door.db, door.db-wal and door.db-shm; then run CLI
commands from other processes (status, checkin), scan more guests, and SIGKILL the console.
Before, Qt's file dialog read the first bytes of -wal/-shm to guess their type, which dropped
SQLite's locks; `kiosk status` then believed it was alone, checkpointed and deleted the WAL, and
the console's later check-ins went into a deleted file.

Evidence: the console runs under strace (file syscalls only): after the dialog listed the
folder, no read-only open of the database files happened in the console; its POSIX locks on
the database and its -shm are the same as before (/proc/locks); its open WAL is never a deleted
file; and after SIGKILL every acknowledged check-in is in the database.
A second test deletes the WAL under the running console: the alarm window appears and further
scans are refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.domain import roles, token
from kiosk.domain.models import Event, Participant
from kiosk.storage.engine import Database
from kiosk.storage.lock import lock_path_for
from tests import posix_locks

PIN = "246810"
pytestmark = pytest.mark.skipif(not posix_locks.available(), reason="needs /proc (Linux)")


def _kiosk(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), "--station", "cli", *args],
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip


def _status(env: dict[str, str], db: Path) -> int:
    return int(json.loads(_kiosk(env, db, "status", "--json").stdout)["checked_in"])


def _prepare(env: dict[str, str], db: Path, n: int) -> list[str]:
    subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), "demo"], env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    database = Database.open(db)
    try:
        with database.write() as session:
            roles.set_pin(session, PIN)
        with database.session() as session:
            event = session.query(Event).one()
            ids = [p.id for p in session.query(Participant).order_by(Participant.id).limit(n)]
            return [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]
    finally:
        database.dispose()


def _console_pid(db: Path) -> int:
    try:
        return int(json.loads(lock_path_for(db).read_text() or "{}").get("pid", 0))
    except (OSError, ValueError):
        return 0


def _env(x_display, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {**x_display.env, "XDG_DATA_HOME": str(tmp_path / "data"), "KIOSK_LOG_DIR": str(tmp_path / "logs"),
            "KIOSK_BACKUP_DIR": str(tmp_path / "backups"), "KIOSK_STATION": "입구1"}  # fmt: skip


def test_file_dialog_on_the_database_folder_then_cli_then_kill(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("strace") is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set: strace is needed (scripts/bootstrap.sh --test installs it)")
        pytest.skip("strace not installed")
    folder = tmp_path / "event"
    folder.mkdir()
    db = folder / "door.db"
    env = _env(x_display, tmp_path)
    codes = _prepare(env, db, 7)
    trace = tmp_path / "console.strace"
    console = subprocess.Popen(
        ["strace", "-f", "-qq", "-e", "trace=openat,open,newfstatat,statx,stat,lstat", "-o", str(trace),
         sys.executable, "-m", "kiosk", "--db", str(db), "gui"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        window = x_display.wait_window("kiosk|체크인|행사", timeout=90)
        pid = _console_pid(db)
        assert pid
        x_display.activate(window)
        x_display.scan(codes[0])
        x_display.wait_until(lambda: _status(env, db) == 1, timeout=30)
        shm = Path(str(db) + "-shm")
        db_locks, shm_locks = posix_locks.locks_on(db, pid), posix_locks.locks_on(shm, pid)
        assert db_locks and shm_locks

        # 명단 가져오기 (supervisor PIN) → 파일 선택… → the database's folder.
        x_display.key("ctrl+i")
        x_display.wait_window("책임자 PIN|PIN", timeout=20)
        x_display.type_text(PIN)
        x_display.key("Return")
        x_display.wait_window("명단 가져오기|Import", timeout=20)
        x_display.key("Tab", "space")  # from the path field to 파일 선택…
        x_display.wait_window("명단 파일 선택|roster file", timeout=20)
        mark = trace.stat().st_size
        x_display.type_text(str(folder) + "/")
        x_display.key("Return")
        names = [re.escape(str(db) + suffix) for suffix in ("", "-wal", "-shm")]

        def listed() -> bool:  # Qt's file-information thread has looked at all three files
            text = trace.read_bytes()[mark:].decode(errors="replace")
            return all(re.search(r"stat\w*\([^\n]*\"" + n + '"', text) for n in names)

        x_display.wait_until(listed, timeout=30)
        before = x_display.screenshot(tmp_path / "dialog-filtered.png").read_bytes()
        x_display.key("alt+t", "Down")  # Files of type → 모든 파일 (*): the database files show too
        x_display.wait_until(
            lambda: x_display.screenshot(tmp_path / "dialog-on-db-folder.png").read_bytes() != before, timeout=20
        )
        if os.environ.get("KIOSK_KEEP_SHOTS"):
            shutil.copy(tmp_path / "dialog-on-db-folder.png", Path(os.environ["KIOSK_KEEP_SHOTS"]) / "file-dialog-db-folder.png")
        x_display.key("Escape")  # the file dialog
        x_display.key("Escape")  # the import dialog
        x_display.activate(window)

        # Other programs use the database meanwhile; then the door goes on.
        assert _status(env, db) == 1
        assert _kiosk(env, db, "checkin", codes[1]).returncode == 0
        for code in codes[2:]:
            x_display.scan(code)
        x_display.wait_until(lambda: _status(env, db) == len(codes), timeout=60)

        assert posix_locks.locks_on(db, pid) == db_locks
        assert posix_locks.locks_on(shm, pid) == shm_locks
        open_now = posix_locks.open_names(pid)
        assert str(db) + "-wal" in open_now and not any(n.endswith("(deleted)") for n in open_now)
        text = trace.read_bytes()[mark:].decode(errors="replace")
        sniffed = [line for line in text.splitlines()
                   if re.search(r"open(at)?\(.*\"" + re.escape(str(db)), line) and "O_RDONLY" in line]  # fmt: skip
        assert sniffed == []
        wal_before_kill = Path(str(db) + "-wal").stat().st_size
        assert wal_before_kill > 0
    finally:
        pid = _console_pid(db)
        if pid:
            os.kill(pid, signal.SIGKILL)  # the console itself, not strace
        console.wait(timeout=30)
    assert Path(str(db) + "-wal").exists()  # the WAL survived, with the check-ins in it
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        inside = conn.execute("SELECT count(*) FROM check_ins WHERE undone_at IS NULL").fetchone()[0]
    assert inside == len(codes)  # 0 acknowledged check-ins lost


def test_alarm_when_the_wal_is_deleted_under_the_console(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "door.db"
    env = _env(x_display, tmp_path)
    codes = _prepare(env, db, 3)
    console = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", str(db), "gui"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _alarm_flow(x_display, env, db, codes, tmp_path)
    finally:
        console.kill()
        console.wait(timeout=30)


def _alarm_flow(x_display, env: dict[str, str], db: Path, codes: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = x_display.wait_window("kiosk|체크인|행사", timeout=90)
    x_display.activate(window)
    x_display.scan(codes[0])
    x_display.wait_until(lambda: _status(env, db) == 1, timeout=30)
    wal = Path(str(db) + "-wal")
    os.unlink(wal)  # what a checkpointing program did once the console's locks were gone
    alarm = x_display.wait_window("체크인을 멈췄습니다|Check-in stopped", timeout=20)
    x_display.screenshot(tmp_path / "alarm.png")
    if os.environ.get("KIOSK_KEEP_SHOTS"):
        shutil.copy(tmp_path / "alarm.png", Path(os.environ["KIOSK_KEEP_SHOTS"]) / "database-lost-alarm.png")
    rescue = list((tmp_path / "backups").rglob("*-rescue.kiosk-backup.db"))
    assert len(rescue) == 1  # what the deleted WAL held, copied through the console's connection
    with closing(sqlite3.connect(rescue[0])) as conn:
        assert conn.execute("SELECT count(*) FROM check_ins").fetchone()[0] == 1
    # The door is closed: a scan now is not acknowledged (the alarm has the keyboard; and every
    # write refuses even if it had not).
    x_display.activate(alarm)
    x_display.scan(codes[1])
    with closing(sqlite3.connect(rescue[0])) as conn:
        assert conn.execute("SELECT count(*) FROM check_ins").fetchone()[0] == 1
