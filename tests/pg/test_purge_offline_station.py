"""A station offline during the purge does not bring phones and e-mails back when it reconnects.

Before: the walk-in it registered offline (phone, e-mail, note) was synced to the purged server
with all of them, and stayed in the station's replica: the purge was silently undone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, update

from kiosk.domain.models import AuditEntry, CheckIn, Participant
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event

REPO = Path(__file__).resolve().parents[2]
PHONE, EMAIL = "010-5521-8834", "offline.guest@example.kr"


def _kiosk(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ, "XDG_DATA_HOME": str(root / "share"), "KIOSK_LOG_DIR": str(root / "logs"),
        "KIOSK_BACKUP_DIR": str(root / "backups"), "KIOSK_WRITTEN_LIST": str(root / "logs" / "written.txt"),
        "QT_QPA_PLATFORM": "offscreen",
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _contacts(db: Database) -> list[tuple[str | None, str | None, str]]:
    with db.session() as s:
        return [(p.phone, p.email, p.notes) for p in s.scalars(select(Participant)) if p.phone or p.email or p.notes]


def test_offline_walk_in_synced_after_the_purge_arrives_without_contacts(
    pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    make_event(pg_db, people=2, capacity=50)
    with pg_db.write() as s:
        s.execute(update(Participant).values(phone="010-1111-2222", email="invited@example.kr"))
    proxy = CuttableProxy(pg_cluster.port)
    replica = tmp_path / "pc1" / "replica.db"
    replica.parent.mkdir()
    link = StationLink(via(pg_url, proxy), replica, "PC1", retry_s=0)
    try:
        link.sync()
        proxy.cut()
        request = WalkInRequest("오프라인", "현장기관", phone=PHONE, email=EMAIL)
        result = link.call(lambda d: register_walk_in(d, request, "PC1"))
        assert result.verdict.ok and link.state is LinkState.OFFLINE and link.status().pending == 1
        assert EMAIL.encode() in b"".join(p.read_bytes() for p in replica.parent.iterdir())

        purged = _kiosk(tmp_path, "--db", pg_url, "purge-personal-data", "--yes", "--confirm-event", "부하 시험 행사")
        assert purged.returncode == 0, purged.stderr

        proxy.restore()
        status = link.poll()
        assert status.state is LinkState.ONLINE and status.pending == 0
        with pg_db.session() as s:
            person = s.scalars(select(Participant).where(Participant.name == "오프라인")).one()
            assert (person.phone, person.email, person.notes, person.organization) == (None, None, "", "현장기관")
            assert s.scalars(select(CheckIn).where(CheckIn.participant_id == person.id)).one().station == "PC1"
            details = " ".join(e.detail or "" for e in s.scalars(select(AuditEntry)))
            assert EMAIL not in details and "5521-8834" not in details
        assert _contacts(pg_db) == []
        assert _contacts(link.local) == []
        data = b"".join(p.read_bytes() for p in replica.parent.iterdir() if p.is_file())
        assert EMAIL.encode() not in data and b"5521-8834" not in data
        assert "개인정보가 삭제" in status.notice  # the console can say what happened
    finally:
        link.close()
        proxy.close()
