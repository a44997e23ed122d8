from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from kiosk.domain.models import Base
from kiosk.storage import migrate
from kiosk.storage.engine import Database


def test_upgrade_from_empty_creates_every_table(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert migrate.current_revision(db) == migrate.head_revision()


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    migrate.downgrade(db, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(db)
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_older_schema_is_upgraded_in_place_with_its_data(db_path: Path) -> None:
    old = Database.open(db_path)
    migrate.upgrade(old, "0001_initial")
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO events (id, name, name_en, theme, venue, venue_en, starts_at, ends_at, timezone,"
                " capacity, hosts, sponsor, token_tag, signing_secret, created_at) VALUES (1, '옛 행사', '', '',"
                " '부산', '', '2017-11-22 05:00:00', '2017-11-22 08:00:00', 'Asia/Seoul', 150, '', '', 'AAAA',"
                " x'00', '2017-11-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO participants (id, event_id, name, organization, title, category, region,"
                " is_vip, is_speaker, companions_allowed, status, is_walk_in, notes, created_at, updated_at)"
                " VALUES (7, 1, '김현미', '국토교통부', '장관', 'ministry', '세종', 1, 0, 2, 'invited', 0, '',"
                " '2017-11-01 00:00:00', '2017-11-01 00:00:00')"
            )
        )
    old.dispose()

    db = Database.open(db_path)
    copy = migrate.upgrade(db)
    assert copy is not None and Path(copy).exists()  # a safety copy was taken first
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT name, delivery_state, delivery_error FROM participants")).one()
    assert row == ("김현미", "none", "")
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_failed_migration_restores_the_copy_and_says_why(db_path: Path) -> None:
    db = Database.open(db_path)
    migrate.upgrade(db, "0001_initial")
    with db.engine.begin() as conn:
        # A stray table makes the next revision's CREATE TABLE fail half way.
        conn.execute(text("CREATE TABLE settings (key TEXT PRIMARY KEY, stray TEXT)"))
        conn.execute(text("INSERT INTO settings VALUES ('keep', 'me')"))
    db.dispose()
    db = Database.open(db_path)
    with pytest.raises(migrate.MigrationError, match="복원"):
        migrate.upgrade(db)
    db.dispose()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
        assert conn.execute("SELECT * FROM settings").fetchall() == [("keep", "me")]


def test_database_from_a_newer_program_is_refused(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(migrate.MigrationError, match="새로운 버전"):
        migrate.upgrade(db)


def test_sqlite_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_second_active_check_in_is_impossible_in_the_database(db: Database, demo_event_id: int) -> None:
    insert = text(
        "INSERT INTO check_ins (id, event_id, participant_id, checked_in_at, station, method, operator,"
        " companions) VALUES (:id, :e, 1, '2017-11-22 05:01:00', 'A', 'qr', '', 0)"
    )
    with db.engine.begin() as conn:
        conn.execute(insert, {"id": "a", "e": demo_event_id})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert, {"id": "b", "e": demo_event_id})
    # Once the first is checked out, re-entry is allowed.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE check_ins SET checked_out_at = '2017-11-22 06:00:00' WHERE id = 'a'"))
        conn.execute(insert, {"id": "c", "e": demo_event_id})


def test_audit_log_is_append_only(db: Database, demo_event_id: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audit_entries (at, station, operator, action, outcome, detail)"
                 " VALUES ('2017-11-22 05:00:00', 'A', '', 'scan', 'ok', '')")
        )
    for statement in ("UPDATE audit_entries SET outcome = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(IntegrityError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
