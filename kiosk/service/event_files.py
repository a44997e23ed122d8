"""Event files: one event per SQLite file, looked at before opening and copied into a new event.

`probe_event_file` reads a file without changing it (no migration, no lock), so the welcome
screen and the file menu can refuse a file from a newer program with one sentence before the
window lets go of the current event. `copy_as_new_event` is 다른 이름으로 복사: the program and
the roster move to a new file; check-ins, the audit log and the signing secret start afresh, so
last year's QR codes read `wrong_event` at this year's door.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain import audit
from kiosk.domain.event_setup import EventSetupError, create_from_spec, spec_of
from kiosk.domain.events import require_active_event
from kiosk.domain.models import DeliveryState, Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database

SUFFIX = ".kiosk.db"
# What a new participant row takes from the old one; ids, check-ins and delivery state stay behind.
_KEPT = ("name", "organization", "title", "category", "region", "email", "phone", "is_vip", "is_speaker",
         "companions_allowed", "external_code", "status", "is_walk_in", "notes")  # fmt: skip


@dataclass(frozen=True)
class EventFileInfo:
    path: Path
    event_name: str | None  # None: an empty file (no event yet)


def probe_event_file(path: Path) -> EventFileInfo:
    """Look at a file read-only; EventSetupError (one line) when it cannot be opened as an event file."""
    if not path.is_file():
        raise EventSetupError(f"행사 파일이 없습니다: {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise EventSetupError(f"행사 파일을 열 수 없습니다: {path.name} ({exc})") from None
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise EventSetupError(f"체크인 키오스크의 행사 파일이 아닙니다: {path.name}")
            return EventFileInfo(path, None)
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is not None and version[0] not in migrate.known_revisions():
            raise EventSetupError(
                f"이 행사 파일은 더 새로운 버전의 프로그램이 만든 것입니다 (schema {version[0]}): "
                "프로그램을 업데이트하세요"
            )
        row = conn.execute("SELECT name FROM events ORDER BY id DESC LIMIT 1").fetchone()
        return EventFileInfo(path, row[0] if row else None)
    except sqlite3.DatabaseError as exc:
        raise EventSetupError(f"행사 파일을 읽을 수 없습니다: {path.name} ({exc})") from None
    finally:
        conn.close()


def new_event_path(folder: Path, name: str) -> Path:
    """A file name from the event's name, never one that exists: 2026 지역균형발전 포럼.kiosk.db."""
    stem = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip() or "event"
    path = folder / f"{stem[:60]}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{stem[:60]} ({n}){SUFFIX}"
        n += 1
    return path


def _fresh_database(path: Path) -> Database:
    if path.exists() and path.stat().st_size > 0:
        raise EventSetupError(f"파일이 이미 있습니다: {path}")
    db = Database.open(str(path))
    migrate.upgrade(db)
    return db


def create_event_file(path: Path, spec, *, station: str = "", operator: str = "") -> Path:  # type: ignore[no-untyped-def]
    """A new file holding only this event (새 행사…)."""
    from kiosk.domain.event_setup import validate

    validate(spec)  # before a file appears on disk
    db = _fresh_database(path)
    try:
        with db.write() as session:
            create_from_spec(session, spec, station=station, operator=operator)
    finally:
        db.dispose()
    return path


def copy_as_new_event(source: Database, path: Path, *, name: str | None = None, station: str = "",
                      operator: str = "") -> Path:  # fmt: skip
    """다른 이름으로 복사: a new file with this event's program and roster and nothing else."""
    from dataclasses import replace

    with source.session() as session:
        event = require_active_event(session)
        spec = spec_of(event)
        old_name = event.name
        positions = {item.id: item.position for item in event.program}
        people = [
            ({key: getattr(p, key) for key in _KEPT}, positions.get(p.speaker_session_id or -1))
            for p in event.participants
        ]
    if name:
        spec = replace(spec, name=name)
    db = _fresh_database(path)
    try:
        with db.write() as session:
            new = create_from_spec(session, spec, station=station, operator=operator)
            sessions = {item.position: item.id for item in new.program}
            for fields, position in people:
                session.add(Participant(event_id=new.id, delivery_state=DeliveryState.NONE,
                                        speaker_session_id=sessions.get(position), **fields))  # fmt: skip
            audit.record(session, action="event_copy", outcome="ok", event_id=new.id, station=station,
                         operator=operator, source=old_name, participants=len(people))  # fmt: skip
    finally:
        db.dispose()
    return path
