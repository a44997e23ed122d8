"""Roster and settings changes while the station is apart are refused with the reason, never lost.

Before: the console wrote a roster edit made while the server was away into the station's local
copy (the `LinkedDatabase` "quacked like" the server); the next refresh from the server overwrote
it, and no screen said so. Now the door service refuses it while apart (`NotWhileApart`, Korean
first), changes nothing on either side, and the same edit goes through once the server is back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.models import AuditEntry, Event, Participant
from kiosk.service import DoorService, NotWhileApart
from kiosk.service.backend import StationBackend
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event


@pytest.fixture
def station(pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> Iterator[tuple]:
    make_event(pg_db, people=3, capacity=50)
    proxy = CuttableProxy(pg_cluster.port)
    link = StationLink(via(pg_url, proxy), tmp_path / "replica.db", "PC1",
                       retry_s=0, refresh_s=0)  # fmt: skip
    link.poll()
    assert link.state is LinkState.ONLINE
    assert link.event_id is not None
    service = DoorService(StationBackend(link), link.event_id, "PC1")
    try:
        yield service, link, proxy
    finally:
        link.close()
        proxy.close()


def _first(db: Database) -> tuple[int, str, str]:
    with db.session() as s:
        p = s.scalars(select(Participant).order_by(Participant.id)).first()
        assert p is not None
        return p.id, p.name, p.status


def _audit_count(db: Database, action: str) -> int:
    with db.session() as s:
        return len(s.scalars(select(AuditEntry).where(AuditEntry.action == action)).all())


def test_roster_edit_while_apart_is_refused_with_the_reason_and_lands_once_back(station, pg_db: Database) -> None:
    service, link, proxy = station
    pid, name, _ = _first(pg_db)
    fields = replace(service.participant(pid).fields, name="김오프")

    proxy.cut()
    link.poll()  # the station notices the cable
    assert service.apart
    with pytest.raises(NotWhileApart) as refused:
        service.edit_participant(pid, fields, operator="책임자")
    assert str(refused.value).startswith("서버와 연결이 끊겨 명단을 고칠 수 없습니다")
    assert "check-ins go on" in str(refused.value)
    with pytest.raises(NotWhileApart):
        service.set_cancelled(pid, True)
    with pytest.raises(NotWhileApart):
        service.add_participant(replace(fields, name="새손님"))
    with pytest.raises(NotWhileApart, match="정원"):
        service.save_event_settings(10)
    assert _first(link.local)[1] == name  # the local copy did not take it either
    assert service.participant(pid).fields.name == name  # reads still answer, from the copy
    assert len(service.roster().entries) == 3

    proxy.restore()
    link.poll()
    assert not service.apart
    assert _first(pg_db)[1] == name  # nothing reached the server behind anyone's back
    assert service.edit_participant(pid, fields, operator="책임자") == ["name"]
    link.poll()  # the refresh brings the server's roster into the copy: the edit stays
    assert _first(pg_db)[1] == "김오프" and _first(link.local)[1] == "김오프"
    assert _audit_count(pg_db, "participant_edit") == 1


def test_a_cable_cut_the_station_has_not_noticed_yet_is_a_refusal_not_a_crash(station, pg_db: Database) -> None:
    service, link, proxy = station
    with pg_db.session() as s:
        before = s.scalars(select(Event.capacity)).one()
    proxy.cut()  # no poll: the link still believes it is online
    assert link.state is LinkState.ONLINE
    with pytest.raises(NotWhileApart, match="정원·PIN"):
        service.save_event_settings(before + 7, operator="책임자")
    proxy.restore()
    link.poll()
    with pg_db.session() as s:
        assert s.scalars(select(Event.capacity)).one() == before
    assert _audit_count(pg_db, "capacity") == 0
    assert service.save_event_settings(before + 7, operator="책임자") is True


def test_pin_checks_go_on_while_apart_but_a_pin_change_waits(station, pg_db: Database) -> None:
    service, link, proxy = station
    service.set_pin("482913", operator="책임자")
    link.poll()  # the copy learns the PIN
    proxy.cut()
    link.poll()
    assert service.apart
    assert service.verify_pin("482913").ok  # an override can still be unlocked at the door
    assert not service.verify_pin("000001").ok
    with pytest.raises(NotWhileApart, match="PIN"):
        service.set_pin("739164")
    proxy.restore()
    link.poll()
    assert service.verify_pin("482913").ok  # the old PIN: the change never happened anywhere


def test_a_pin_check_through_a_cut_the_station_missed_answers_from_its_copy(station) -> None:
    service, link, proxy = station
    service.set_pin("482913", operator="책임자")
    link.poll()
    proxy.cut()  # not noticed yet: the check meets a dead connection first
    assert link.state is LinkState.ONLINE
    assert service.verify_pin("482913").ok
    assert not service.verify_pin("000001").ok
