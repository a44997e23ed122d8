"""Commands that destroy data refuse while a console holds the database, and keep a copy first."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from kiosk.storage.backup import verify
from kiosk.storage.lock import lock_path_for
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "KIOSK_LOG_DIR": str(tmp_path / "logs"),
        "KIOSK_BACKUP_DIR": str(tmp_path / "backups"),
    }


def _kiosk(env: dict[str, str], *args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), "--station", "cli", *args],
                          env=env, capture_output=True, text=True, timeout=120, cwd=REPO)  # fmt: skip


def _rows(db: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("participants", "check_ins", "audit_entries")
        )


def _first_code(target: Path | str) -> str:
    from sqlalchemy import select

    from kiosk.domain import token
    from kiosk.domain.models import Event, Participant
    from kiosk.storage.engine import Database

    db = Database.open(target)
    try:
        with db.session() as s:
            event = s.scalars(select(Event)).one()
            pid = s.scalars(select(Participant.id).order_by(Participant.id)).first()
            return token.issue(event.token_tag, event.signing_secret, pid)
    finally:
        db.dispose()


def _lock_owner(db: Path) -> int:
    try:
        return int(json.loads(lock_path_for(db).read_text() or "{}").get("pid", 0))
    except (OSError, ValueError):
        return 0


def test_demo_reset_is_refused_while_a_console_holds_the_database(tmp_path: Path) -> None:
    env, db = _env(tmp_path), tmp_path / "live.db"
    assert _kiosk(env, "demo", db=db).returncode == 0
    assert _kiosk(env, "checkin", _first_code(db), db=db).returncode == 0
    before = _rows(db)
    console = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", str(db), "--station", "입구1", "gui"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while _lock_owner(db) != console.pid:
            assert console.poll() is None, console.stderr.read().decode() if console.stderr else ""
            assert time.monotonic() < deadline, "the console never took its lock"
            time.sleep(0.1)  # polling interval of a wait with a deadline
        reset = _kiosk(env, "demo", "--reset", db=db)
        assert reset.returncode == 3
        assert "거부" in reset.stderr and str(console.pid) in reset.stderr
        assert len(reset.stderr.strip().splitlines()) == 1
        assert _rows(db) == before  # nothing dropped
        purge = _kiosk(env, "purge-personal-data", "--yes", db=db)
        assert purge.returncode == 3 and _rows(db) == before
        assert console.poll() is None  # the console is still running, untouched
    finally:
        console.terminate()
        console.wait(timeout=30)


def test_demo_reset_keeps_a_restorable_copy_first(tmp_path: Path) -> None:
    env, db = _env(tmp_path), tmp_path / "event.db"
    assert _kiosk(env, "demo", db=db).returncode == 0
    assert _kiosk(env, "checkin", _first_code(db), db=db).returncode == 0
    before = _rows(db)
    reset = _kiosk(env, "demo", "--reset", db=db)
    assert reset.returncode == 0, reset.stderr
    copies = list((tmp_path / "backups").rglob("*-before-reset.kiosk-backup.db"))
    assert len(copies) == 1 and copies[0].as_posix() in reset.stdout.replace(os.sep, "/")
    check = verify(copies[0])
    assert check.ok and check.check_ins == before[1] == 1
    assert _rows(db)[1] == 0  # the reset itself happened
    restored = _kiosk(env, "restore", str(copies[0]), db=db)
    assert restored.returncode == 0, restored.stderr
    assert _rows(db)[1] == 1


def test_demo_reset_on_postgres_needs_yes_and_the_event_name(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    env = _env(tmp_path)
    assert _kiosk(env, "demo", db=pg_url).returncode == 0  # type: ignore[arg-type]
    assert _kiosk(env, "checkin", _first_code(pg_url), db=pg_url).returncode == 0  # type: ignore[arg-type]
    for args in ([], ["--yes"], ["--yes", "--confirm-event", "틀린 이름"]):
        reset = _kiosk(env, "demo", "--reset", *args, db=pg_url)  # type: ignore[arg-type]
        assert reset.returncode == 3 and "행사" in reset.stderr, (args, reset.stderr)
    status = json.loads(_kiosk(env, "status", "--json", db=pg_url).stdout)  # type: ignore[arg-type]
    assert status["checked_in"] == 1
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").glob("server-*"))


def test_demo_reset_on_postgres_confirmed_keeps_the_rows_in_a_file(pg_url: str,  # noqa: F811
    tmp_path: Path) -> None:
    from sqlalchemy import select

    from kiosk.domain.models import AuditEntry, CheckIn, Event
    from kiosk.storage.engine import Database
    from kiosk.storage.postgres import station_database

    env = _env(tmp_path)
    assert _kiosk(env, "demo", db=pg_url).returncode == 0  # type: ignore[arg-type]
    assert _kiosk(env, "checkin", _first_code(pg_url), db=pg_url).returncode == 0  # type: ignore[arg-type]
    server = Database.open(pg_url)
    with server.session() as s:
        name = s.scalars(select(Event.name)).one()
        audit = len(s.scalars(select(AuditEntry.id)).all())
    # Another kiosk program connected: refused even with the right name.
    station = station_database(pg_url)
    with station.engine.connect():
        held = _kiosk(env, "demo", "--reset", "--yes", "--confirm-event", name, db=pg_url)  # type: ignore[arg-type]
    station.dispose()
    assert held.returncode == 3 and "연결" in held.stderr
    done = _kiosk(env, "demo", "--reset", "--yes", "--confirm-event", name, db=pg_url)  # type: ignore[arg-type]
    assert done.returncode == 0, done.stderr
    copies = list((tmp_path / "backups").glob("server-*-before-reset.db"))
    assert len(copies) == 1
    copy = Database.open(copies[0])
    with copy.session() as s:
        assert len(s.scalars(select(CheckIn.id)).all()) == 1
        assert len(s.scalars(select(AuditEntry.id)).all()) == audit
    copy.dispose()
    server.dispose()


def test_demo_reset_of_a_real_event_file_needs_its_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Old code: a mistyped --db (or KIOSK_DB) turned the afternoon's real event into the demo
    without a question when no PIN was set; a wrong --confirm-event was accepted on SQLite."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "KIOSK_BACKUP_DIR": str(tmp_path / "backups"), "KIOSK_LOG_DIR": str(tmp_path / "logs")}
    db = tmp_path / "forum.kiosk.db"

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), *args], env=env, text=True,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip

    made = kiosk("event", "create", "--name", "2026 지역균형발전 포럼", "--venue", "대전컨벤션센터",
                 "--starts", "2026-03-05 13:30", "--ends", "2026-03-05 18:00", "--capacity", "300")  # fmt: skip
    assert made.returncode == 0, made.stderr
    for extra in ((), ("--confirm-event", "혁신도시 시즌2 콘퍼런스")):
        refused = kiosk("demo", "--reset", *extra)
        assert refused.returncode == 3 and "2026 지역균형발전 포럼" in refused.stderr
        assert json.loads(kiosk("event", "show", "--json").stdout)["name"] == "2026 지역균형발전 포럼"
    done = kiosk("demo", "--reset", "--confirm-event", "2026 지역균형발전 포럼")
    assert done.returncode == 0, done.stderr
    assert json.loads(kiosk("event", "show", "--json").stdout)["name"] == "혁신도시 시즌2 콘퍼런스"
    assert list((tmp_path / "backups").rglob("*before-reset*"))  # the real event is kept in a copy
