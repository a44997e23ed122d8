"""Walk-ins: validation, probable duplicates, capacity with supervisor override, one transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, Event, Participant
from kiosk.domain.walkin import WalkInInvalid, WalkInRequest, probable_duplicates, register_walk_in, validate
from kiosk.storage.engine import Database


def _set_capacity(db: Database, event_id: int, capacity: int) -> None:
    with db.write() as s:
        s.get(Event, event_id).capacity = capacity


def _participants(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Participant.id)))


def test_validation_lists_every_problem() -> None:
    with pytest.raises(WalkInInvalid) as err:
        validate(WalkInRequest(name=" ", organization="", email="not-an-address", phone="12", companions=-1))
    assert set(err.value.problems) == {"name", "organization", "email", "phone", "companions"}
    clean = validate(WalkInRequest(name=" 홍  길동 ", organization="부산일보", phone="01012345678", email="A@B.example"))
    assert clean.name == "홍 길동" and clean.phone == "010-1234-5678" and clean.email == "a@b.example"
    assert clean.category == "walk_in"


def test_walk_in_is_created_and_checked_in(desk: CheckInDesk, db: Database) -> None:
    result = register_walk_in(
        desk, WalkInRequest(name="홍길동", organization="부산일보", title="기자", category="press", companions=1), "d1"
    )
    assert result.verdict.status is ScanStatus.OK and result.created
    with db.session() as s:
        p = s.get(Participant, result.participant_id)
        assert p.is_walk_in and p.category == "press" and p.companions_allowed == 1
        counts = headcount(s, s.get(Event, desk.event_id))
    assert counts.walk_ins == 1 and counts.present == 2 and counts.companions == 1
    # The same person scanned again (by their new id) is already inside: exactly once.
    again = desk.check_in_participant(result.participant_id, "d2")
    assert again.status is ScanStatus.ALREADY_CHECKED_IN and again.station == "d1"


@pytest.mark.parametrize(
    ("request_kw", "reason"),
    [
        ({"name": "아무개", "organization": "어딘가", "phone": "+82 10-0010-7442"}, "phone"),
        ({"name": "아무개", "organization": "어딘가", "email": "HMKIM@molit.example"}, "email"),
        ({"name": "김현미", "organization": "국토교통부 "}, "name_organization"),
    ],
)
def test_probable_duplicates(db: Database, demo_event_id: int, request_kw: dict, reason: str) -> None:
    with db.session() as s:
        found = probable_duplicates(s, demo_event_id, validate(WalkInRequest(**request_kw)))
    assert [d.participant.name for d in found] == ["김현미"]
    assert reason in found[0].reasons and not found[0].checked_in


def test_same_name_other_organization_is_not_a_duplicate(db: Database, demo_event_id: int) -> None:
    with db.session() as s:
        assert probable_duplicates(s, demo_event_id, validate(WalkInRequest("김현미", "부산일보"))) == []


def test_walk_ins_until_full_then_override(desk: CheckInDesk, db: Database) -> None:
    _set_capacity(db, desk.event_id, 3)
    assert register_walk_in(desk, WalkInRequest("가", "A", companions=1), "d1").verdict.ok
    assert register_walk_in(desk, WalkInRequest("나", "B"), "d1").verdict.ok
    before = _participants(db)
    refused = register_walk_in(desk, WalkInRequest("다", "C"), "d1")
    assert refused.verdict.status is ScanStatus.CAPACITY_FULL and not refused.created
    assert refused.verdict.to_json()["status"] == "capacity_full"
    assert _participants(db) == before  # nobody half-registered
    forced = register_walk_in(desk, WalkInRequest("다", "C"), "d1", "supervisor", override=True)
    assert forced.verdict.ok
    with db.session() as s:
        assert headcount(s, s.get(Event, desk.event_id)).present == 4
        walkin_log = s.scalars(select(AuditEntry).where(AuditEntry.action == "walkin")).all()
        checkin_log = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "checkin", AuditEntry.participant_id == forced.participant_id)
        ).one()
    assert [e.outcome for e in walkin_log] == ["ok", "ok", "capacity_full", "override"]
    assert json.loads(checkin_log.detail)["override"] is True


def test_cli_walkin(run_cli, demo_event_id: int, db: Database) -> None:  # type: ignore[no-untyped-def]
    ok = run_cli("walkin", "--name", "홍길동", "--organization", "부산일보", "--companions", "2", "--json")
    assert ok.code == 0
    verdict = json.loads(ok.out)
    assert verdict["status"] == "ok" and verdict["participant"]["category"] == "walk_in"
    assert set(verdict) == {"code", "status", "participant", "checked_in_at", "station"}
    assert verdict["station"] == "test-desk"
    status = json.loads(run_cli("status", "--json").out)
    assert status["present"] == 3 and status["remaining"] == 147  # companions count
    assert status["station_seats"] is None  # a plain file holds no share of a shared room
    _set_capacity(db, demo_event_id, 3)
    full = run_cli("walkin", "--name", "임꺽정", "--organization", "청석골", "--json")
    assert full.code == 1 and json.loads(full.out)["status"] == "capacity_full"
    forced = run_cli("walkin", "--name", "임꺽정", "--organization", "청석골", "--override", "--json")
    assert forced.code == 0 and json.loads(forced.out)["status"] == "ok"
    bad = run_cli("walkin", "--name", "", "--organization", "x")
    assert bad.code == 2 and "이름" in bad.err and "Traceback" not in bad.err
    dup = run_cli("walkin", "--name", "김현미", "--organization", "국토교통부", "--override")
    assert "명단에 이미 있는 분일 수 있습니다" in dup.err
