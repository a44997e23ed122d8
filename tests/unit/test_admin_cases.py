"""The CLI's use cases declare what they do while a station is apart, and do it: reads answer from
the station's copy, what needs the server is refused with its reason and changes nothing.

The station here is a real StationLink whose server cannot be reached (nothing listens on the
port) and whose copy is a real SQLite file with the demo event: it starts apart.
"""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from kiosk.domain.demo import load_demo
from kiosk.service import DoorService, NotWhileApart, Offline
from kiosk.service.admin import MERGE_WHY, PURGE_WHY, RESET_WHY
from kiosk.service.backend import StationBackend
from kiosk.service.usecase import declared
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.sync.station import StationLink


def test_admin_cases_are_declared() -> None:
    cases = declared(DoorService)
    local = {"status_report", "search", "companions_allowed", "event_name", "backup", "schema_revision"}
    refused = {"purge_preview", "purge_start", "purge_database", "purge_finish", "merge_file", "destructive",
               "reset_database", "create_demo", "server_safety_copy", "upgrade_schema"}  # fmt: skip
    assert {n for n in local if cases[n].offline is Offline.LOCAL} == local
    assert {n for n in refused if cases[n].offline is Offline.REFUSED} == refused
    assert all(cases[n].why.startswith("공유 서버와 연결이 끊긴 동안에는") for n in refused)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def apart(tmp_path: Path):  # type: ignore[no-untyped-def]
    replica = tmp_path / "replica.db"
    db = Database.open(replica)
    migrate.upgrade(db)
    with db.write() as session:
        load_demo(session)
    db.dispose()
    link = StationLink(f"postgresql+psycopg://kiosk@127.0.0.1:{_free_port()}/kiosk", replica, "PC1", retry_s=3600)
    service = DoorService(StationBackend(link), link.event_id, "PC1")  # type: ignore[arg-type]
    yield service, replica
    service.close()


def test_a_station_apart_reads_its_copy_and_refuses_what_needs_the_server(apart, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, replica = apart
    assert service.apart
    report = service.status_report()
    assert report.counts.invited > 0 and report.to_json()["present"] == 0
    assert service.search("김현미", 5)[0].name == "김현미"
    before = hashlib.sha256(replica.read_bytes()).hexdigest()
    for call, why in (
        (lambda: service.purge_preview(), PURGE_WHY),
        (lambda: service.purge_database("cli"), PURGE_WHY),
        (lambda: service.merge_file(tmp_path / "other.db"), MERGE_WHY),
        (lambda: service.reset_database(), RESET_WHY),
        (lambda: service.destructive("demo --reset", yes=True, typed="x"), RESET_WHY),
        (lambda: service.create_demo(), RESET_WHY),
    ):
        with pytest.raises(NotWhileApart) as refused:
            call()
        assert str(refused.value) == why
    assert hashlib.sha256(replica.read_bytes()).hexdigest() == before  # nothing changed
    assert service.status_report().counts == report.counts
