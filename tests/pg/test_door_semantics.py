"""The door's rules, once on a real SQLite file (Python path) and once on the real PostgreSQL
cluster (the one-statement server function of migration 0008), with the same assertions.

A last test runs one scenario on both and compares the audit trails text for text: the function
must write what `audit.record` writes, or `kiosk audit verify` and the reports would tell the
two apart.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain import token
from kiosk.domain.audit_chain import verify_chain
from kiosk.domain.checkin import SIGNED_BUT_GONE, CheckInDesk, ScanStatus
from kiosk.domain.events import create_event
from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, Category, CheckIn, CheckInMethod, InvitationStatus, Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.postgres import station_database
from tests.pg.stations import REPO

OUTCOMES = ["ok", "already_checked_in", "cancelled", "ok", "capacity_full", "ok", "not_found", "not_found",
            "ok", "ok", "not_found"]  # fmt: skip
HOSTILE_STATION = '입구"1\\\t\x01😀'  # quotes, backslash, controls, Hangul, astral plane


@dataclass
class Door:
    db: Database
    url: str
    event_id: int
    other_event_id: int
    codes: dict[str, str]  # name -> signed code
    ids: dict[str, int]  # name -> participant id

    def desk(self, db: Database | None = None) -> CheckInDesk:
        return CheckInDesk(db or self.db, self.event_id)


def _open(kind: str, url: str) -> Database:
    return station_database(url) if kind == "postgresql" else Database.open(url)


def _build(kind: str, url: str, capacity: int) -> Door:
    db = _open(kind, url)
    migrate.upgrade(db)
    when = datetime(2017, 11, 22, 5, tzinfo=UTC)
    with db.write() as s:
        event = create_event(
            s, name="혁신도시 시즌2 콘퍼런스", venue="BEXCO", capacity=capacity,
            starts_at=when, ends_at=when + timedelta(hours=3),
        )  # fmt: skip
        other = create_event(
            s, name="다른 행사", venue="COEX", capacity=10, starts_at=when, ends_at=when + timedelta(hours=1)
        )
        people = {
            "김현미": Participant(event_id=event.id, name="김현미", title="장관", category=Category.MINISTRY,
                               is_vip=True),
            "이의원": Participant(event_id=event.id, name="이의원", title="의원", category=Category.LAWMAKER,
                               companions_allowed=2),
            "박취소": Participant(event_id=event.id, name="박취소", status=InvitationStatus.CANCELLED),
            "최외부": Participant(event_id=event.id, name="최외부", external_code="REG-001"),
            "정일반": Participant(event_id=event.id, name="정일반"),
            "한일반": Participant(event_id=event.id, name="한일반"),
            "손님": Participant(event_id=other.id, name="손님"),
        }  # fmt: skip
        s.add_all(people.values())
        s.flush()
        codes = {
            name: token.issue((event if p.event_id == event.id else other).token_tag,
                              (event if p.event_id == event.id else other).signing_secret, p.id)
            for name, p in people.items()
        }  # fmt: skip
        return Door(db, url, event.id, other.id, codes, {n: p.id for n, p in people.items()})


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    if request.param == "sqlite":
        yield "sqlite", str(tmp_path / "door.db")
    else:
        yield "postgresql", request.getfixturevalue("pg_url")


@pytest.fixture
def door(backend: tuple[str, str]) -> Iterator[Door]:
    d = _build(*backend, capacity=150)
    yield d
    d.db.dispose()


def _audit(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _rows(db: Database, pid: int) -> list[CheckIn]:
    with db.session() as s:
        return list(s.scalars(select(CheckIn).where(CheckIn.participant_id == pid)))


def test_ok_is_on_disk_with_the_verdicts_fields(door: Door) -> None:
    before = datetime.now(UTC)
    v = door.desk().scan(door.codes["김현미"], "입구1", "op1")
    assert v.status is ScanStatus.OK and v.vip and v.participant and v.participant.name == "김현미"
    assert v.greeting.startswith("김현미") and v.station == "입구1" and not v.reentry
    assert v.checked_in_at is not None and v.checked_in_at.tzinfo is not None
    assert before - timedelta(seconds=5) <= v.checked_in_at <= datetime.now(UTC) + timedelta(seconds=5)
    [row] = _rows(door.db, door.ids["김현미"])
    assert (row.id, row.method, row.station, row.operator) == (
        v.check_in_id,
        CheckInMethod.QR,
        "입구1",
        "op1",
    )
    assert row.checked_in_at == v.checked_in_at
    last = _audit(door.db)[-1]
    assert (last.action, last.outcome, last.check_in_id) == ("checkin", "ok", v.check_in_id)
    assert json.loads(last.detail)["vip"] is True


def test_already_in_names_the_first_time_and_station(door: Door) -> None:
    first = door.desk().scan(door.codes["정일반"], "입구1")
    again = door.desk().scan(door.codes["정일반"], "입구2")
    assert again.status is ScanStatus.ALREADY_CHECKED_IN
    assert (again.station, again.checked_in_at, again.check_in_id) == (
        "입구1",
        first.checked_in_at,
        first.check_in_id,
    )
    assert len(_rows(door.db, door.ids["정일반"])) == 1
    detail = json.loads(_audit(door.db)[-1].detail)
    assert detail["first_station"] == "입구1"
    assert datetime.fromisoformat(detail["first_at"]) == first.checked_in_at


def test_cancelled_is_refused_and_nothing_written(door: Door) -> None:
    v = door.desk().scan(door.codes["박취소"], "입구1")
    assert v.status is ScanStatus.CANCELLED and v.participant and v.participant.name == "박취소"
    assert _rows(door.db, door.ids["박취소"]) == []
    assert _audit(door.db)[-1].outcome == "cancelled"


def test_capacity_full_then_override_with_reason(backend: tuple[str, str]) -> None:
    d = _build(*backend, capacity=2)
    try:
        desk = d.desk()
        assert desk.scan(d.codes["정일반"], "입구1").ok
        assert desk.scan(d.codes["한일반"], "입구1").ok
        full = desk.scan(d.codes["김현미"], "입구1")
        assert full.status is ScanStatus.CAPACITY_FULL
        assert (full.extra["present"], full.extra["capacity"]) == (2, 2)
        assert _rows(d.db, d.ids["김현미"]) == []
        with pytest.raises(ValueError):
            desk.override_capacity(d.ids["김현미"], "  ", "입구1", "sup", method=CheckInMethod.MANUAL)
        v = desk.override_capacity(d.ids["김현미"], "장관 수행", "입구1", "sup", method=CheckInMethod.MANUAL)
        assert v.ok
        detail = json.loads(_audit(d.db)[-1].detail)
        assert detail["override"] is True and detail["over_capacity"] is True
        assert detail["override_reason"] == "장관 수행"
        with d.db.session() as s:
            assert present_count(s, d.event_id) == 3
    finally:
        d.db.dispose()


def test_companions_count_against_capacity(backend: tuple[str, str]) -> None:
    d = _build(*backend, capacity=4)
    try:
        desk = d.desk()
        v = desk.scan(d.codes["이의원"], "입구1", companions=2)
        assert v.ok and v.companions == 2
        assert desk.scan(d.codes["김현미"], "입구1", companions=1).status is ScanStatus.CAPACITY_FULL
        assert desk.scan(d.codes["김현미"], "입구1", companions=-3).ok  # never fewer than none
        with d.db.session() as s:
            assert present_count(s, d.event_id) == 4
    finally:
        d.db.dispose()


def test_reentry_after_check_out(door: Door) -> None:
    desk = door.desk()
    first = desk.scan(door.codes["정일반"], "입구1")
    out = desk.check_out(door.codes["정일반"], "출구")
    assert out.ok and out.checked_out_at is not None
    back = desk.scan(door.codes["정일반"], "입구2")
    assert back.ok and back.reentry and back.extra["entry_number"] == 2
    assert back.earlier_visits == [(first.checked_in_at, out.checked_out_at)]
    assert json.loads(_audit(door.db)[-1].detail)["reentry"] is True


def test_not_found_wrong_event_malformed(door: Door) -> None:
    desk = door.desk()
    assert desk.scan("ZZZ999", "입구1").status is ScanStatus.NOT_FOUND
    assert desk.check_in_participant(999_999, "입구1").status is ScanStatus.NOT_FOUND
    assert desk.check_in_participant(door.ids["손님"], "입구1").status is ScanStatus.NOT_FOUND
    assert desk.scan(door.codes["손님"], "입구1").status is ScanStatus.WRONG_EVENT
    for junk in ("", "x" * 500, door.codes["김현미"][:6], "\x00\x01"):
        assert desk.scan(junk, "입구1").status is ScanStatus.MALFORMED, junk
    forged = door.codes["김현미"][:-1] + ("A" if door.codes["김현미"][-1] != "A" else "B")
    assert desk.scan(forged, "입구1").status in (ScanStatus.MALFORMED, ScanStatus.INVALID_SIGNATURE)
    with door.db.write() as s:  # signed, then removed from the roster
        s.delete(s.get(Participant, door.ids["한일반"]))
    gone = desk.scan(door.codes["한일반"], "입구1")
    assert gone.status is ScanStatus.NOT_FOUND and gone.detail == SIGNED_BUT_GONE
    with door.db.session() as s:
        assert s.scalar(select(CheckIn.id)) is None
    assert [e.outcome for e in _audit(door.db)].count("not_found") == 4


def test_external_code_is_found_case_and_dashes_aside(door: Door) -> None:
    v = door.desk().scan("reg 001", "입구1")
    assert v.ok and v.participant and v.participant.name == "최외부"
    assert _rows(door.db, door.ids["최외부"])[0].method is CheckInMethod.CODE


def test_same_check_in_id_twice_is_one_check_in(door: Door) -> None:
    """A retry after a lost answer: the second call finds its own row and says ok again."""
    desk = door.desk()
    first = desk.scan(door.codes["김현미"], "입구1", check_in_id="5f0c7e2a-0000-4000-8000-000000000001")
    again = desk.scan(door.codes["김현미"], "입구1", check_in_id="5f0c7e2a-0000-4000-8000-000000000001")
    assert (
        first.ok
        and again.ok
        and again.check_in_id == first.check_in_id == "5f0c7e2a-0000-4000-8000-000000000001"
    )
    assert again.checked_in_at == first.checked_in_at
    assert len(_rows(door.db, door.ids["김현미"])) == 1
    assert [e.outcome for e in _audit(door.db)].count("ok") == 1
    manual = desk.check_in_participant(door.ids["정일반"], "입구1", check_in_id="m-1")
    assert desk.check_in_participant(door.ids["정일반"], "입구1", check_in_id="m-1").ok and manual.ok


def test_audit_chain_verifies_with_hostile_text(door: Door) -> None:
    desk = door.desk()
    desk.scan(door.codes["김현미"], HOSTILE_STATION, 'op"\\\n')
    desk.scan(door.codes["김현미"], HOSTILE_STATION, "op")
    desk.scan("\x1b[31m'; DROP TABLE x;--\u2028", HOSTILE_STATION)
    desk.check_in_participant(
        door.ids["정일반"], "입구1", override=True, override_reason='사유 "따옴표" \\ 😀'
    )
    with door.db.session() as s:
        report = verify_chain(s)
    assert report.ok and report.entries == 4, report.problem
    # The command the supervisor runs, as its own process.
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", door.url, "audit", "verify"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_two_stations_race_for_the_last_seats(backend: tuple[str, str]) -> None:
    d = _build(*backend, capacity=3)
    names = ["김현미", "이의원", "최외부", "정일반", "한일반"]
    stations = [_open(backend[0], d.url) for _ in range(2)]
    try:
        desks = [d.desk(db) for db in stations]
        gate = threading.Barrier(2)
        verdicts: list[ScanStatus] = []

        def door_at(i: int) -> None:
            gate.wait()
            for name in names[i::2] + names[1 - i :: 2]:  # both try everybody, in opposite orders
                verdicts.append(desks[i].scan(d.codes[name], f"입구{i + 1}").status)

        threads = [threading.Thread(target=door_at, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        counts = Counter(verdicts)
        assert counts[ScanStatus.OK] == 3, counts
        with d.db.session() as s:
            assert present_count(s, d.event_id) == 3
            assert verify_chain(s).ok
    finally:
        for db in stations:
            db.dispose()
        d.db.dispose()


def _same_codes(d: Door, detail: str) -> str:
    """Each event has its own signing secret: name the code's holder instead of its letters."""
    for name, code in d.codes.items():
        detail = detail.replace(code, f"<{name}>")
    return detail


def test_both_backends_write_the_same_audit_text(pg_url: str, tmp_path: Path) -> None:
    trails = []
    for kind, url in (("sqlite", str(tmp_path / "same.db")), ("postgresql", pg_url)):
        d = _build(kind, url, capacity=3)
        desk = d.desk()
        desk.scan(d.codes["김현미"], HOSTILE_STATION, "op", check_in_id="id-1")
        desk.scan(d.codes["김현미"], "입구2", check_in_id="id-2")
        desk.scan(d.codes["박취소"], "입구1")
        desk.scan(d.codes["이의원"], "입구1", companions=1, check_in_id="id-3")
        desk.scan(d.codes["정일반"], "입구1", check_in_id="id-6")  # full
        desk.check_in_participant(
            d.ids["정일반"], "입구1", override=True, override_reason="사유", check_in_id="id-4"
        )
        desk.check_in_participant(424242, "입구1")
        desk.scan("nonsense-code", "입구1")
        desk.check_out(d.codes["김현미"], "출구")
        desk.scan(d.codes["김현미"], "입구1", check_in_id="id-5", override=True)  # re-entry into a full room
        with d.db.write() as s:
            s.delete(s.get(Participant, d.ids["한일반"]))
        desk.scan(d.codes["한일반"], "입구1")
        trails.append([
            (e.event_id, e.station, e.operator, e.action, e.outcome, e.participant_id, e.check_in_id,
             _same_codes(d, re.sub(r'"first_at": "[^"]+"', '"first_at": "T"', e.detail)))
            for e in _audit(d.db)
        ])  # fmt: skip
        d.db.dispose()
    assert [t[4] for t in trails[1]] == OUTCOMES, [t[3:5] for t in trails[1]]
    assert trails[1][-1][3] == "scan" and trails[1][-3][3] == "checkout"
    assert trails[0] == trails[1]
