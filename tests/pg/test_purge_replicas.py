"""Purging a shared server removes every station's copy of it on this PC, and no other server's.

Before: the purge removed only the console's own `replica-KEY.db`; the copies the stations PC1
and PC2 made on this computer (`replica-KEY-XXXXXXXX.db`, with their -wal files) kept every phone
and e-mail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.storage.engine import Database
from kiosk.sync.replica import default_replica_path
from tests.pg.cluster import PgCluster
from tests.pg.stations import make_event

REPO = Path(__file__).resolve().parents[2]
PHONE, EMAIL = "010-7346-9921", "walkin.purge@example.kr"


def _kiosk(root: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ, "XDG_DATA_HOME": str(root / "share"), "KIOSK_LOG_DIR": str(root / "logs"),
        "KIOSK_BACKUP_DIR": str(root / "backups"), "KIOSK_WRITTEN_LIST": str(root / "logs" / "written.txt"),
        "QT_QPA_PLATFORM": "offscreen",
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", url, *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _walk_in(root: Path, url: str, station: str, name: str) -> None:
    done = _kiosk(root, url, "--station", station, "walkin", "--name", name, "--organization", "현장",
                  "--phone", PHONE, "--email", EMAIL)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_purge_removes_every_station_replica_of_the_server_and_keeps_other_servers(
    pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    make_event(pg_db, people=3, capacity=50)
    other_url = pg_cluster.create_database()
    other = Database.open(other_url)
    try:
        from kiosk.storage import migrate

        migrate.upgrade(other)
        make_event(other, people=1, capacity=50)
    finally:
        other.dispose()
    url = pg_url
    # A station's replica is refreshed when it connects: the second walk-in copies the first down.
    for station, name in (("PC1", "홍길동"), ("PC1", "박민수"), ("PC2", "김철수")):
        _walk_in(tmp_path, url, station, name)
    for name in ("이영희", "최지우"):
        _walk_in(tmp_path, other_url, "PC1", name)
    data = tmp_path / "share" / "kiosk"
    mine = [default_replica_path(url, data, station=s) for s in ("PC1", "PC2")]
    theirs = default_replica_path(other_url, data, station="PC1")
    for path in [*mine, theirs]:
        assert path.exists(), sorted(p.name for p in data.iterdir())
        assert any(EMAIL.encode() in p.read_bytes() for p in path.parent.glob(path.name + "*"))

    done = _kiosk(tmp_path, url, "purge-personal-data", "--yes", "--confirm-event", "부하 시험 행사")
    assert done.returncode == 0, done.stderr
    for path in mine:
        assert str(path) in done.stdout  # listed before it goes
        assert not list(path.parent.glob(path.name + "*")), path
    assert theirs.exists()
    leaks = [p.name for p in data.iterdir() if p.is_file() and EMAIL.encode() in p.read_bytes()]
    assert all(name.startswith(theirs.name) for name in leaks), leaks
