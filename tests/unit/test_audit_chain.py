"""Issue 16: the audit log is tamper-evident. Old code: DROP TRIGGER then DELETE went unnoticed,
and the triggers stayed dropped."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain import audit
from kiosk.domain.audit_chain import GENESIS, HEAD_KEY, check_audit, verify_chain
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import AuditEntry, Setting
from kiosk.storage.engine import Database


@pytest.fixture
def logged(db: Database, demo_event_id: int) -> list[int]:
    desk = CheckInDesk(db, demo_event_id)
    for code in ("nope-1", "nope-2", "nope-3", "nope-4"):
        desk.scan(code, station="s1")
    with db.write() as s:  # two entries in one transaction keep their order in the chain
        audit.record(s, action="test", outcome="a")
        audit.record(s, action="test", outcome="b")
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _tamper(path: Path, *sql: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
        for statement in sql:
            conn.execute(statement)
        conn.commit()


def test_intact_chain_verifies(db: Database, logged: list[int], run_cli) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        report = verify_chain(s)
        first = s.get(AuditEntry, logged[0])
        head = s.get(Setting, HEAD_KEY)
        last = s.get(AuditEntry, logged[-1])
    assert report.ok and report.entries == len(logged)
    assert first is not None and first.prev_hash == GENESIS
    assert head is not None and last is not None and head.value == last.entry_hash
    r = run_cli("audit", "verify")
    assert r.code == 0, r.err


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_deleting_any_entry_is_detected_and_triggers_restored(
    db: Database, db_path: Path, logged: list[int], run_cli, which: str  # type: ignore[no-untyped-def]
) -> None:
    victim = {"first": logged[0], "middle": logged[len(logged) // 2], "last": logged[-1]}[which]
    _tamper(db_path, f"DELETE FROM audit_entries WHERE id = {victim}")
    r = run_cli("audit", "verify")
    assert r.code == 1
    named = logged[1] if which == "first" else (logged[logged.index(victim) + 1] if which == "middle" else logged[-2])
    assert f"#{named}" in r.err
    assert "트리거" in r.err  # reported, and put back:
    with closing(sqlite3.connect(db_path)) as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"audit_entries_no_update", "audit_entries_no_delete"} <= names
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM audit_entries")


@pytest.mark.parametrize("which", ["first", "last"])
def test_altering_an_entry_is_detected(db: Database, db_path: Path, logged: list[int], run_cli, which: str) -> None:  # type: ignore[no-untyped-def]
    victim = logged[0] if which == "first" else logged[-1]
    _tamper(db_path, f"UPDATE audit_entries SET outcome = 'ok' WHERE id = {victim}")
    r = run_cli("audit", "verify", "--json")
    assert r.code == 1
    assert f'"broken_id": {victim}' in r.out


def test_deleting_every_entry_and_the_newest_hash_is_caught_by_the_head(db: Database, db_path: Path, logged: list[int]) -> None:  # type: ignore[no-untyped-def]
    _tamper(db_path, "DELETE FROM audit_entries")
    with db.session() as s:
        assert not verify_chain(s).ok  # the head in settings still names the lost newest entry


def test_missing_triggers_alone_are_reported_and_restored(db: Database, db_path: Path, logged: list[int]) -> None:  # type: ignore[no-untyped-def]
    _tamper(db_path)
    report = check_audit(db)
    assert not report.ok and report.restored_triggers and report.broken_id is None
    assert check_audit(db).ok  # back in place


def test_backups_carry_the_head(db: Database, db_path: Path, logged: list[int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.storage.backup import take_backup

    info = take_backup(db_path, tmp_path / "b", "manual")
    with closing(sqlite3.connect(info.path)) as conn:
        (head,) = conn.execute("SELECT value FROM settings WHERE key = ?", (HEAD_KEY,)).fetchone()
        (last,) = conn.execute("SELECT entry_hash FROM audit_entries ORDER BY id DESC LIMIT 1").fetchone()
    assert head == last


def test_migration_chains_existing_entries(tmp_path: Path) -> None:
    from kiosk.storage import migrate

    db = Database.open(tmp_path / "old.db")
    try:
        migrate.upgrade(db, "0002_invitations_badges")
        with closing(sqlite3.connect(tmp_path / "old.db")) as conn:
            for i in range(3):
                conn.execute(
                    "INSERT INTO audit_entries (at, station, operator, action, outcome, detail) "
                    "VALUES (?, 's', '', 'scan', 'ok', '')",
                    (f"2017-11-22 05:00:0{i}.000000",),
                )
            conn.commit()
        migrate.upgrade(db)
        assert check_audit(db).ok
    finally:
        db.dispose()


def test_a_recomputed_chain_is_caught_by_the_heads_in_backups(db: Database, db_path: Path, logged: list[int], run_cli) -> None:  # type: ignore[no-untyped-def]
    """The hashes hold no secret: delete an entry and recompute every hash after it, and the chain
    alone looks whole. The newest hash each backup kept is then missing from it."""
    from kiosk.domain.audit_chain import entry_digest

    assert run_cli("backup").code == 0
    victim = logged[2]
    _tamper(db_path, f"DELETE FROM audit_entries WHERE id = {victim}")
    with db.session() as s:  # the forger re-chains everything from the gap
        rows = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        prev = GENESIS
        fixes = []
        for e in rows:
            digest = entry_digest(prev, e)
            fixes.append((prev, digest, e.id))
            prev = digest
    with closing(sqlite3.connect(db_path)) as conn:
        conn.executemany("UPDATE audit_entries SET prev_hash = ?, entry_hash = ? WHERE id = ?", fixes)
        conn.execute("UPDATE settings SET value = ? WHERE key = ?", (prev, HEAD_KEY))
        conn.commit()
    with db.session() as s:
        assert verify_chain(s).ok  # the chain alone is fooled
    r = run_cli("audit", "verify")
    assert r.code == 1 and "백업" in r.err
