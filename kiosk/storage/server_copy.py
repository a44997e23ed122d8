"""A restorable copy of a PostgreSQL event database, taken before anything destroys its rows.

The copy is an ordinary kiosk SQLite file at the same schema, with every table's rows (the
append-only audit log included). It opens with `kiosk --db COPY.db`, and `kiosk merge COPY.db`
folds its check-ins back into a server; no PostgreSQL client tools are needed on the laptop.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import make_url

from kiosk.domain.models import Base
from kiosk.storage import migrate
from kiosk.storage.engine import Database

log = logging.getLogger(__name__)


def server_copy_path(folder: Path, server: Database, reason: str) -> Path:
    name = make_url(server.url).database or "server"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(folder) / f"server-{name}-{stamp}-{reason}.db"


def copy_server_to_sqlite(server: Database, dest: Path) -> dict[str, int]:
    """Copy every row of `server` into a new SQLite file `dest`; returns rows per table."""
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(dest)
    local = Database.open(dest)
    counts: dict[str, int] = {}
    try:
        migrate.upgrade(local)
        with server.session() as src, local.write() as dst:
            # Migrations seed a few rows of their own (the audit chain's head in settings): the
            # server's rows replace them, or the copy would fail on a duplicate key.
            for table in reversed(Base.metadata.sorted_tables):
                if dst.execute(select(func.count()).select_from(table)).scalar():
                    dst.execute(delete(table))
            for table in Base.metadata.sorted_tables:  # parents before children (foreign keys)
                rows = [dict(r) for r in src.execute(select(table)).mappings()]
                per_statement = max(1, 900 // max(1, len(table.columns)))
                for start in range(0, len(rows), per_statement):
                    dst.execute(insert(table), rows[start : start + per_statement])
                counts[table.name] = len(rows)
    except BaseException:
        local.dispose()
        dest.unlink(missing_ok=True)
        raise
    local.dispose()
    log.info("server copy: %s (%s)", dest, counts)
    return counts
