"""The same schema and the same door rules on a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.demo import load_demo
from kiosk.domain.headcount import present_count
from kiosk.domain.models import Base, Category, CheckIn, Event, Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.postgres import is_postgres, station_database


def test_migrations_up_down_and_up_again(pg_db: Database) -> None:
    assert is_postgres(pg_db)
    assert migrate.current_revision(pg_db) == migrate.head_revision()
    assert set(Base.metadata.tables) <= set(inspect(pg_db.engine).get_table_names())
    migrate.downgrade(pg_db, "base")
    assert set(inspect(pg_db.engine).get_table_names()) <= {"alembic_version"}
    with pg_db.engine.connect() as conn:
        leftovers = conn.execute(
            text("SELECT proname FROM pg_proc WHERE proname = 'audit_entries_append_only'")
        ).all()
    assert leftovers == []
    migrate.upgrade(pg_db)
    assert migrate.current_revision(pg_db) == migrate.head_revision()


def test_models_and_migrations_agree_on_postgres(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_partial_unique_indexes_exist_on_postgres(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        rows = dict(
            conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'uq_%'")
            ).all()
        )
    assert "WHERE ((undone_at IS NULL) AND (checked_out_at IS NULL))" in rows["uq_check_ins_one_active"]
    assert "WHERE (external_code IS NOT NULL)" in rows["uq_participants_event_id_external_code"]


def test_audit_trail_is_append_only_on_postgres(pg_db: Database) -> None:
    with pg_db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audit_entries (at, station, operator, action, outcome, detail)"
                 " VALUES (now(), 'A', '', 'scan', 'ok', '')")
        )  # fmt: skip
    for statement in ("UPDATE audit_entries SET outcome = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(DBAPIError, match="append-only"), pg_db.engine.begin() as conn:
            conn.execute(text(statement))
    with pg_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_entries")).scalar() == 1


@pytest.fixture
def pg_event(pg_db: Database) -> int:
    with pg_db.write() as session:
        return load_demo(session).id


def _codes(db: Database, event_id: int) -> list[str]:
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        ids = session.scalars(select(Participant.id).where(Participant.event_id == event_id)).all()
        return [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]


def _race(n: int, action) -> list:  # type: ignore[no-untyped-def]
    """Run action(i) on n threads released at the same instant."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = action(i)
        except BaseException as exc:  # noqa: BLE001 - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    return results


# Both ways a station can reach the server: the plain engine, and the station's (early lock release).
OPENERS = pytest.mark.parametrize("opener", [Database.open, station_database], ids=["plain", "station"])


@OPENERS
def test_concurrent_scans_of_one_code_give_exactly_one_ok(pg_db: Database, pg_event: int, opener) -> None:  # type: ignore[no-untyped-def]
    stations = [opener(pg_db.url) for _ in range(4)]
    desks = [CheckInDesk(s, pg_event) for s in stations]
    try:
        for code in _codes(pg_db, pg_event)[:15]:
            verdicts = _race(4, lambda i, code=code: desks[i].scan(code, station=f"입구{i + 1}"))
            statuses = Counter(v.status for v in verdicts)
            assert statuses == {ScanStatus.OK: 1, ScanStatus.ALREADY_CHECKED_IN: 3}
            winner = next(v for v in verdicts if v.ok)
            for v in verdicts:
                if not v.ok:
                    assert v.station == winner.station  # names the station that won
                    assert v.check_in_id == winner.check_in_id
        with pg_db.session() as session:
            assert session.scalar(select(func.count(CheckIn.id))) == 15
    finally:
        for s in stations:
            s.dispose()


@OPENERS
def test_one_seat_left_and_two_walk_ins_at_once(pg_db: Database, pg_event: int, opener) -> None:  # type: ignore[no-untyped-def]
    """Capacity is exact under concurrency: the event row lock serialises seat counting."""
    stations = [opener(pg_db.url) for _ in range(2)]
    desks = [CheckInDesk(s, pg_event) for s in stations]
    try:
        for round_no in range(10):
            with pg_db.write() as session:
                walk_ins = [
                    Participant(event_id=pg_event, name=f"현장{round_no}-{i}", category=Category.WALK_IN,
                                is_walk_in=True)  # fmt: skip
                    for i in range(2)
                ]
                session.add_all(walk_ins)
                session.flush()
                ids = [p.id for p in walk_ins]
                inside = present_count(session, pg_event)
                session.execute(update(Event).where(Event.id == pg_event).values(capacity=inside + 1))
            verdicts = _race(2, lambda i, ids=ids: desks[i].check_in_participant(ids[i], station=f"입구{i + 1}"))
            assert sorted(v.status.value for v in verdicts) == ["capacity_full", "ok"]
            with pg_db.session() as session:
                assert present_count(session, pg_event) == inside + 1
    finally:
        for s in stations:
            s.dispose()


def test_cli_merge_a_station_file_into_postgres(
    pg_db: Database, pg_event: int, tmp_path, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    import json

    from kiosk.cli import main
    from kiosk.sync.station import StationLink

    replica = tmp_path / "입구3.db"
    StationLink(pg_db.url, replica, "입구3").close()  # a laptop that copied the roster, then went alone
    alone = Database.open(replica)
    codes = _codes(pg_db, pg_event)
    for code in codes[:3]:
        assert CheckInDesk(alone, pg_event).scan(code, station="입구3").ok
    alone.dispose()
    CheckInDesk(pg_db, pg_event).scan(codes[2], station="입구1")  # one of them also came in here, later

    def merge() -> dict:
        capsys.readouterr()
        assert main(["--db", pg_db.url, "--station", "본부", "merge", str(replica), "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    first = merge()
    assert first["check_ins"]["inserted"] == 3 and first["check_ins"]["conflicts"] == 1
    assert first["conflicts"][0]["kept"]["station"] == "입구3"
    second = merge()
    assert second["changed"] is False and second["check_ins"]["already_present"] == 3
    with pg_db.session() as session:
        assert present_count(session, pg_event) == 3


def test_change_marker_moves_for_every_counter_change(pg_db: Database, pg_event: int) -> None:
    from kiosk.storage.postgres import change_marker

    other = Database.open(pg_db.url)  # another station's connection
    desk = CheckInDesk(pg_db, pg_event)
    code = _codes(pg_db, pg_event)[0]
    seen = []
    for step in (
        lambda: desk.scan(code, station="입구1"),
        lambda: desk.check_out(code, station="입구1"),
        lambda: desk.scan(code, station="입구1"),
    ):
        with other.session() as s:
            seen.append(change_marker(s, pg_event))
        step()
    with other.session() as s:
        seen.append(change_marker(s, pg_event))
    other.dispose()
    assert len(set(seen)) == len(seen)


def test_station_writes_commit_synchronously(pg_db: Database) -> None:
    """A station's commit returns only once flushed: no `synchronous_commit = off` anywhere,
    even on a server configured with it off."""
    station = station_database(pg_db.url)
    try:
        with pg_db.engine.connect() as conn:
            conn.exec_driver_sql("ALTER DATABASE " + pg_db.engine.url.database + " SET synchronous_commit = off")
        station.engine.dispose()
        with station.write() as session:
            assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"
            session.execute(text("INSERT INTO settings (key, value) VALUES ('probe', 'x')"))
        with pg_db.session() as session:
            assert session.execute(text("SELECT value FROM settings WHERE key = 'probe'")).scalar() == "x"
        with pytest.raises(ValueError), station.write() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('gone', 'x')"))
            raise ValueError("refused")
        with pg_db.session() as session:
            assert session.execute(text("SELECT count(*) FROM settings WHERE key = 'gone'")).scalar() == 0
    finally:
        station.dispose()
