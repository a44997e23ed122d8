"""A verdict shown as ok survives the server's crash right after it: `pg_ctl stop -m immediate`.

Trials go through the console's own path (StationLink.scan) and through the CLI (`kiosk checkin`
as its own process, crash as soon as its JSON line is on stdout). The cluster is this module's
own, so crashing it disturbs no other test. Its WAL writer is set to wake only every 10 s: an
asynchronous commit then sits in the server's memory for seconds and an immediate stop loses it,
so a station that trades durability for speed fails here every time instead of now and then.
With synchronous commits the setting changes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.events import active_event
from kiosk.domain.models import CheckIn
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.postgres import StationDatabase, station_database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import ClusterUnavailable, PgCluster, start_cluster
from tests.pg.stations import REPO, make_event

TRIALS = 20
# A CLI process per trial (about 1.5 s each before the crash): ten keep the suite's time; the
# other two paths run TRIALS.
CLI_TRIALS = 10


@pytest.fixture(scope="module")
def crash_cluster() -> Iterator[PgCluster]:
    try:
        cluster = start_cluster(extra_options="-c wal_writer_delay=10000")
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so PostgreSQL tests must run: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server for these tests: {exc}")
    yield cluster
    cluster.destroy()


def _event(url: str, people: int) -> list[str]:
    db = Database.open(url)
    try:
        migrate.upgrade(db)
        return make_event(db, people=people, capacity=people)
    finally:
        db.dispose()


def _crash_and_restart(cluster: PgCluster) -> None:
    cluster.stop("immediate")  # SIGQUIT: no shutdown checkpoint, WAL buffers in memory are gone
    cluster.start()


def _count(url: str, station: str) -> int:
    db = Database.open(url)
    try:
        with db.session() as s:
            return s.query(CheckIn).filter(CheckIn.station == station).count()
    finally:
        db.dispose()


def _on_server(url: str, check_in_id: str) -> bool:
    db = Database.open(url)
    try:
        with db.session() as s:
            return s.get(CheckIn, check_in_id) is not None
    finally:
        db.dispose()


def test_console_path_ok_then_server_crash_loses_nothing(crash_cluster: PgCluster, tmp_path: Path) -> None:
    url = crash_cluster.create_database()
    codes = _event(url, TRIALS)
    link = StationLink(url, tmp_path / "replica.db", "입구1", retry_s=0)
    lost: list[str] = []
    try:
        for code in codes:
            if link.state is not LinkState.ONLINE:
                link.poll()
            assert link.state is LinkState.ONLINE, link.status().last_error
            verdict = link.scan(code)
            # Decided on the server (not in the offline journal): this is the server's promise.
            assert verdict.ok and link.state is LinkState.ONLINE and link.status().pending == 0
            _crash_and_restart(crash_cluster)
            if not _on_server(url, verdict.check_in_id or ""):
                lost.append(code)
    finally:
        link.close()
    assert lost == [], f"{len(lost)} of {TRIALS} acknowledged check-ins lost after a server crash"


def test_cli_checkin_ok_then_server_crash_loses_nothing(crash_cluster: PgCluster, tmp_path: Path) -> None:
    url = crash_cluster.create_database()
    codes = _event(url, CLI_TRIALS)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "XDG_DATA_HOME": str(tmp_path / "data"),  # the station's local copy lives here
        "KIOSK_LOG_DIR": str(tmp_path / "logs"),
        "KIOSK_BACKUP_DIR": str(tmp_path / "backups"),
    }
    lost = 0
    for done, code in enumerate(codes, start=1):
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", url, "--station", "cli-desk", "checkin", "--json", code],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
        )  # fmt: skip
        assert proc.stdout is not None
        line = proc.stdout.readline()  # the verdict, printed after the commit
        assert line, proc.communicate(timeout=60)[1]
        verdict = json.loads(line)
        assert verdict["status"] == "ok", verdict
        _crash_and_restart(crash_cluster)  # while the CLI may still be closing its connections
        proc.communicate(timeout=60)
        lost = done - _count(url, "cli-desk")
    assert lost == 0, f"{lost} of {CLI_TRIALS} acknowledged CLI check-ins lost after a server crash"


def test_server_function_ok_then_crash_loses_nothing(crash_cluster: PgCluster) -> None:
    """The one-statement path itself (migration 0008), scans and manual check-ins alike: its
    autocommit reply must come after the WAL flush, like a COMMIT's."""
    url = crash_cluster.create_database()
    codes = _event(url, TRIALS)
    db = station_database(url)
    statements: list[str] = []
    assert isinstance(db, StationDatabase) and db.door is not None
    event.listen(db.door, "before_cursor_execute", lambda *args: statements.append(args[2]))
    lost: list[str] = []
    try:
        with db.session() as s:
            found = active_event(s)
            assert found is not None
        desk = CheckInDesk(db, found.id)
        for i, code in enumerate(codes):
            statements.clear()
            if i % 2:
                verdict = desk.check_in_participant(token.parse(code).participant_id, "함수-desk")
            else:
                verdict = desk.scan(code, "함수-desk")
            # One statement; two after a crash: the pooled connection died with the server, so the
            # statement goes again on a fresh one (no pre-ping spent on every check-in instead).
            assert verdict.ok and len(statements) == (1 if i == 0 else 2), statements
            assert all("kiosk_door_check_in" in sql for sql in statements), statements
            _crash_and_restart(crash_cluster)
            if not _on_server(url, verdict.check_in_id or ""):
                lost.append(code)
    finally:
        db.dispose()
    assert lost == [], f"{len(lost)} of {TRIALS} acknowledged check-ins lost after a server crash"
