"""A station's CLI while the shared server is away: door commands are refused without a seat share, reads answer
from this station's copy (and say so), and what needs the server is refused with its reason on
one stderr line (exit 3), changing nothing.

Before: `status`, `search`, `purge-personal-data`, `demo --reset` and `merge` opened the server
directly, so with the cable pulled they ended in "데이터베이스를 열거나 쓸 수 없습니다" (exit 2)
whatever they were, and a read could not be answered though the station held a copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, update

from kiosk.domain.models import CheckIn, Event, Participant
from kiosk.storage.engine import Database
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event

REPO = Path(__file__).resolve().parents[2]
EVENT = "부하 시험 행사"
AWAY = "공유 서버와 연결이 끊긴 동안에는"


def _kiosk(root: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ, "XDG_DATA_HOME": str(root / "share"), "KIOSK_LOG_DIR": str(root / "logs"),
        "KIOSK_BACKUP_DIR": str(root / "backups"), "KIOSK_WRITTEN_LIST": str(root / "logs" / "written.txt"),
        "QT_QPA_PLATFORM": "offscreen",
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", url, "--station", "PC1", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _server_state(db: Database) -> tuple[int, int, int, str]:
    with db.session() as s:
        phones = s.scalar(select(func.count()).select_from(Participant).where(Participant.phone.is_not(None)))
        people = s.scalar(select(func.count()).select_from(Participant))
        check_ins = s.scalar(select(func.count()).select_from(CheckIn))
        name = s.scalars(select(Event.name)).one()
    return int(phones or 0), int(people or 0), int(check_ins or 0), name


def _refused(done: subprocess.CompletedProcess[str], why: str) -> None:
    assert done.returncode == 3, (done.returncode, done.stdout, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kiosk: ") and AWAY in lines[0] and why in lines[0], lines
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_station_cli_apart_admits_nobody_without_a_share_reads_its_copy_and_refuses_what_needs_the_server(
    pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    codes = make_event(pg_db, people=3, capacity=50)
    with pg_db.write() as s:
        s.execute(update(Participant).values(phone="010-1111-2222", email="invited@example.kr"))
    other = tmp_path / "other.db"  # another station's file, for merge
    made = _kiosk(tmp_path, str(other), "demo")
    assert made.returncode == 0, made.stderr
    proxy = CuttableProxy(pg_cluster.port)
    url = via(pg_url, proxy)
    try:
        online = _kiosk(tmp_path, url, "status", "--json")  # online: this station's copy is made
        assert online.returncode == 0 and json.loads(online.stdout)["present"] == 0, online.stderr
        before = _server_state(pg_db)
        assert before == (3, 3, 0, EVENT)

        proxy.cut()
        # A one-shot command holds no share of the seats (it would keep them for minutes after it
        # exits) and no console of this station wrote one down: apart, it cannot know whether the
        # room is full, so it refuses and says an override can let the guest in (issue 17 part 5).
        door = _kiosk(tmp_path, url, "checkin", "--json", codes[0])
        verdict = json.loads(door.stdout)
        assert verdict["status"] == "capacity_full", door.stdout

        status = _kiosk(tmp_path, url, "status", "--json")  # LOCAL: answered from the copy, and said so
        assert status.returncode == 0, status.stderr
        apart = json.loads(status.stdout)
        assert apart["present"] == 0 and apart["remaining"] == 50  # the room's, from the copy
        assert apart["station_seats"] == {"apart": True, "seats": 0, "expires_at": None}  # its own: none
        assert "이 PC의 사본으로 답합니다" in status.stderr
        text = _kiosk(tmp_path, url, "status")
        assert "이 스테이션이 입장시킬 수 있는 좌석: 0석" in text.stdout, text.stdout
        found = _kiosk(tmp_path, url, "search", "참가자0001", "--json")
        assert found.returncode == 0 and [h["name"] for h in json.loads(found.stdout)] == ["참가자0001"], found.stderr

        _refused(_kiosk(tmp_path, url, "purge-personal-data", "--yes", "--confirm-event", EVENT), "개인정보를 삭제할 수 없습니다")
        _refused(_kiosk(tmp_path, url, "demo", "--reset", "--yes", "--confirm-event", EVENT), "데이터베이스를 비우거나")
        _refused(_kiosk(tmp_path, url, "merge", str(other), "--any-event"), "다른 PC의 기록을 합칠 수 없습니다")
        assert _server_state(pg_db) == before  # nothing changed on the server
        replicas = list((tmp_path / "share").rglob("replica-*.db"))
        assert replicas, "the refused purge must not remove this station's copy (its journal is in it)"

        proxy.restore()
        back = _kiosk(tmp_path, url, "status", "--json")  # the journal goes up on connecting
        assert back.returncode == 0 and json.loads(back.stdout)["present"] == 0, back.stderr
        assert "사본으로 답합니다" not in back.stderr
        assert _server_state(pg_db) == (3, 3, 0, EVENT)
        # Online again, the same command admits at once.
        again = _kiosk(tmp_path, url, "checkin", "--json", codes[0])
        assert again.returncode == 0 and json.loads(again.stdout)["status"] == "ok", again.stdout
        assert _server_state(pg_db) == (3, 3, 1, EVENT)
    finally:
        proxy.close()
