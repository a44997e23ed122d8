"""Alembic migrations applied at start-up: a copy of the SQLite file first, restored on failure."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from kiosk.resources_path import bundled_dir
from kiosk.storage.engine import Database
from kiosk.storage.private import private_file

log = logging.getLogger(__name__)


class MigrationError(RuntimeError):
    """The database could not be brought to this program's schema; the message says why."""


def migrations_dir() -> Path:
    """The Alembic scripts: top-level migrations/ in a checkout, kiosk/migrations when installed,
    migrations/ beside the program in a PyInstaller bundle."""
    found = bundled_dir("migrations", "env.py")
    if found is None:
        raise MigrationError("마이그레이션 스크립트를 찾을 수 없습니다 (no migrations folder found)")
    return found


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(migrations_dir()))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    script = ScriptDirectory(str(migrations_dir()))
    return {rev.revision for rev in script.walk_revisions()}


def known_revisions() -> set[str]:
    """Every schema version this program knows; anything else came from a newer program."""
    return _known_revisions()


def _backup_sqlite(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = path.with_name(f"{path.name}.pre-migration-{stamp}.bak")
    # The online backup API copies a consistent snapshot, WAL contents included.
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    private_file(copy)  # it holds the signing secret like the database itself
    return copy


def _restore_sqlite(copy: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    # Into a new file renamed over the old name: writing through the database's own name would
    # open (and close) it in this process, dropping any SQLite locks still held on it.
    incoming = path.with_name(path.name + ".restoring")
    shutil.copy2(copy, incoming)
    os.replace(incoming, path)


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Bring the database to `revision`; return the path of the safety copy, if one was taken."""
    current = current_revision(db)
    if current is not None and current not in _known_revisions():
        raise MigrationError(
            f"이 데이터베이스는 더 새로운 버전의 프로그램이 만든 것입니다 (schema {current}). "
            "프로그램을 업데이트하거나 백업에서 복원하세요."
        )
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    path = db.path
    copy: Path | None = None
    if path is not None and path.exists() and path.stat().st_size > 0 and current is not None:
        copy = _backup_sqlite(path)
        log.info("migration: safety copy %s", copy)
    try:
        with db.engine.begin() as conn:
            cfg = alembic_config(db)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except Exception as exc:
        db.dispose()
        if copy is not None:
            _restore_sqlite(copy, path)  # type: ignore[arg-type]
            raise MigrationError(
                f"데이터베이스 업그레이드에 실패하여 원래 상태로 복원했습니다: {exc}"
            ) from exc
        raise MigrationError(f"데이터베이스 업그레이드에 실패했습니다: {exc}") from exc
    log.info("migration: %s -> %s", current, target)
    return str(copy) if copy else None


def downgrade(db: Database, revision: str) -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config(db)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def reset_database(db: Database) -> str | None:
    """Empty the database (schema down to nothing and up again); SQLite files are copied first."""
    copy = None
    path = db.path
    if path is not None and path.exists() and path.stat().st_size > 0:
        copy = str(_backup_sqlite(path))
    downgrade(db, "base")
    upgrade(db)
    return copy
