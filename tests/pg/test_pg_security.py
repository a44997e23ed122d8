"""Issue 16 on a real PostgreSQL server: the PIN failure count and the audit chain under stations
working at the same moment."""

from __future__ import annotations

import threading
from collections import Counter

from kiosk.domain import roles
from kiosk.domain.audit_chain import check_audit
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.demo import load_demo
from kiosk.storage.engine import Database

STATIONS = 4
TRIES = 4


def test_concurrent_wrong_pins_get_five_tries_between_them(pg_db: Database, pg_url: str) -> None:
    """Old code: four stations got 9 wrong guesses in before the lock (the count was not locked)."""
    with pg_db.write() as s:
        roles.set_pin(s, "246813")
    outcomes: Counter[str] = Counter()
    guard = threading.Lock()
    start = threading.Barrier(STATIONS)

    def station(n: int) -> None:
        db = Database.open(pg_url)  # a station: its own engine and connections
        try:
            start.wait()
            for i in range(TRIES):
                with db.write() as s:
                    result = roles.check_pin(s, f"{n}{i}0000", station=f"desk{n}")
                with guard:
                    outcomes[result.outcome.value] += 1
        finally:
            db.dispose()

    threads = [threading.Thread(target=station, args=(n,)) for n in range(STATIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert outcomes["wrong"] == roles.MAX_FAILURES - 1, outcomes
    assert outcomes["locked"] == STATIONS * TRIES - (roles.MAX_FAILURES - 1)
    with pg_db.session() as s:
        assert roles.lock_state(s) is not None


def test_audit_chain_stays_whole_with_stations_scanning_at_once(pg_db: Database, pg_url: str) -> None:
    with pg_db.write() as s:
        event_id = load_demo(s).id
    start = threading.Barrier(STATIONS)
    errors: list[BaseException] = []

    def station(n: int) -> None:
        db = Database.open(pg_url)
        try:
            desk = CheckInDesk(db, event_id)
            start.wait()
            for i in range(15):
                desk.scan(f"UNKNOWN-{n}-{i}", station=f"desk{n}")
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=station, args=(n,)) for n in range(STATIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    report = check_audit(pg_db)
    assert report.ok, report.problem
    assert report.entries >= STATIONS * 15


def test_dropped_trigger_on_postgres_is_reported_and_restored(pg_db: Database) -> None:
    from sqlalchemy import text

    with pg_db.write() as s:
        event_id = load_demo(s).id
    desk = CheckInDesk(pg_db, event_id)
    for code in ("X-1", "X-2", "X-3"):
        desk.scan(code, station="desk")
    with pg_db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_entries_no_update ON audit_entries"))
        conn.execute(text("DELETE FROM audit_entries WHERE id = (SELECT min(id) FROM audit_entries)"))
    report = check_audit(pg_db)
    assert not report.ok and report.restored_triggers
    assert report.broken_id is not None
    assert check_audit(pg_db).missing_triggers == ()


def test_purge_on_postgres_scrubs_rows_and_audit_and_keeps_the_chain(pg_db: Database) -> None:
    """Old code: the purge left typed codes in the audit log and old row versions on the server."""
    from sqlalchemy import func, select

    from kiosk.domain.models import AuditEntry, Participant
    from kiosk.domain.purge import purge_personal_data

    with pg_db.write() as s:
        event_id = load_demo(s).id
    desk = CheckInDesk(pg_db, event_id)
    desk.scan("010-0022-2079", station="desk")  # a phone typed into the scan field
    desk.scan("seokis@molit.example", station="desk")
    purge_personal_data(pg_db, station="desk")
    with pg_db.session() as s:
        assert s.scalar(select(func.count(Participant.id)).where(Participant.phone.is_not(None))) == 0
        details = " ".join(s.scalars(select(AuditEntry.detail)))
    assert "0022-2079" not in details and "seokis" not in details
    report = check_audit(pg_db)
    assert report.ok, report.problem
