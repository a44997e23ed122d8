"""A station's local copy of the shared server: the event, its roster and check-ins, plus the journal.

The replica is an ordinary kiosk SQLite file (same migrations), so the same CheckInDesk rules run
on it while the server is away. The journal is one `settings` row per check-in the server does
not have yet (`station_sync.pending.<uuid>`); the rows themselves are the replica's check_ins.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.domain.events import active_event
from kiosk.domain.models import CheckIn, Event, Participant, ProgramItem, Setting
from kiosk.storage.postgres import change_marker

PENDING_PREFIX = "station_sync.pending."  # + check-in UUID: journal rows the server lacks
EVENT_TAG_KEY = "station_sync.event_tag"
_LOCAL_ONLY = ("station_sync.", "merge.", "audit_chain_")  # settings never copied down from the server (each database chains its own audit log)


class NoEventOnServer(LookupError):
    def __init__(self) -> None:
        super().__init__("공유 서버에 행사가 없습니다. 먼저 명단을 가져오세요.")


def pending_ids(session: Session) -> set[str]:
    keys = session.scalars(select(Setting.key).where(Setting.key.startswith(PENDING_PREFIX)))
    return {k[len(PENDING_PREFIX) :] for k in keys}


def pending_count(session: Session) -> int:
    count = session.scalar(select(func.count()).select_from(Setting).where(Setting.key.startswith(PENDING_PREFIX)))
    return int(count or 0)


def mark_pending(session: Session, check_in_id: str, station: str) -> None:
    session.merge(Setting(key=PENDING_PREFIX + check_in_id, value=station))


def clear_pending(session: Session, ids: set[str]) -> None:
    keys = [PENDING_PREFIX + i for i in ids]
    for start in range(0, len(keys), 500):
        session.execute(delete(Setting).where(Setting.key.in_(keys[start : start + 500])))


@dataclass
class ServerSnapshot:
    """What a refresh read from the server; tables left out had not changed since last time."""

    event: Event
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    marks: dict[str, tuple[Any, ...]] = field(default_factory=dict)


def read_server(s: Session, marks: dict[str, tuple[Any, ...]]) -> ServerSnapshot:
    """The server's active event and whatever changed since `marks` (pass {} for everything)."""
    event = active_event(s)
    if event is None:
        raise NoEventOnServer()
    eid = event.id
    roster_mark = (eid, *s.execute(
        select(func.count(Participant.id), func.max(Participant.id), func.max(Participant.updated_at))
        .where(Participant.event_id == eid)
    ).one())  # fmt: skip
    check_in_mark = (eid, *change_marker(s, eid))
    snap = ServerSnapshot(event=event, marks={"roster": roster_mark, "check_ins": check_in_mark})
    snap.rows[Event] = [{c.key: getattr(event, c.key) for c in Event.__table__.columns}]
    snap.rows[ProgramItem] = _rows(s, ProgramItem, ProgramItem.event_id == eid)
    snap.rows[Setting] = [r for r in _rows(s, Setting) if not r["key"].startswith(_LOCAL_ONLY)]
    if roster_mark != marks.get("roster"):
        snap.rows[Participant] = _rows(s, Participant, Participant.event_id == eid)
    if check_in_mark != marks.get("check_ins") or Participant in snap.rows:
        snap.rows[CheckIn] = _rows(s, CheckIn, CheckIn.event_id == eid)
    return snap


def write_replica(session: Session, snap: ServerSnapshot) -> bool:
    """Make the replica match the snapshot; refuses (False) while the journal is not empty."""
    if pending_count(session):
        return False  # the journal goes up first: overwriting now could hide a conflict
    eid = snap.event.id
    if CheckIn in snap.rows:
        session.execute(delete(CheckIn))
    session.execute(delete(ProgramItem).where(ProgramItem.event_id == eid))
    if Participant in snap.rows:
        server_people = {r["id"] for r in snap.rows[Participant]}
        local_people = set(session.scalars(select(Participant.id).where(Participant.event_id == eid)))
        gone = list(local_people - server_people)
        for start in range(0, len(gone), 500):
            session.execute(delete(Participant).where(Participant.id.in_(gone[start : start + 500])))
    for model in (Event, ProgramItem, Participant, CheckIn, Setting):
        _upsert(session, model, snap.rows.get(model, []))
    session.merge(Setting(key=EVENT_TAG_KEY, value=snap.event.token_tag))
    return True


def replica_event(session: Session) -> Event | None:
    """The event this replica serves (the one last copied from the server)."""
    tag = session.get(Setting, EVENT_TAG_KEY)
    if tag is None:
        return active_event(session)
    return session.scalars(select(Event).where(Event.token_tag == tag.value)).first()


def _server_key(server_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    return hashlib.sha256(f"{url.host}:{url.port}/{url.database}".encode()).hexdigest()[:12]


def _data_dir(data_dir: Path | None) -> Path:
    if data_dir is None:
        from kiosk.appdirs import data_dir as user_data_dir  # QtCore only, imported when needed

        return user_data_dir()
    return data_dir


def default_replica_path(server_url: str, data_dir: Path | None = None, *, station: str = "") -> Path:
    """Where this laptop keeps its copy of a given server's event: one file per server, database
    and station name, so two stations (or a console and a script) on one computer never share one."""
    key = _server_key(server_url)
    if station:
        key += "-" + hashlib.sha256(station.encode()).hexdigest()[:8]
    return _data_dir(data_dir) / f"replica-{key}.db"


def server_replica_files(server_url: str, data_dir: Path | None = None) -> list[Path]:
    """Every replica of this server on this computer (any station name), with its -wal/-shm/-journal.

    The station part of the name is a hash, so the files are found by the server's key: the
    console's own copy `replica-KEY.db` and each station's `replica-KEY-XXXXXXXX.db`. Replicas of
    other servers have another key and are left alone.
    """
    key = _server_key(server_url)
    folder = _data_dir(data_dir)
    if not folder.is_dir():
        return []
    names = re.compile(rf"replica-{key}(-[0-9a-f]{{8}})?\.db(-wal|-shm|-journal)?")
    return sorted(p for p in folder.iterdir() if names.fullmatch(p.name) and p.is_file())


def _rows(session: Session, model: type, *where: Any) -> list[dict[str, Any]]:
    table = model.__table__  # type: ignore[attr-defined]
    return [dict(r) for r in session.execute(select(table).where(*where)).mappings()]


def _upsert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = model.__table__  # type: ignore[attr-defined]
    keys = [c.name for c in table.primary_key.columns]
    per_statement = max(1, 900 // len(table.columns))  # older SQLite allows 999 bound parameters
    for start in range(0, len(rows), per_statement):
        stmt = sqlite_insert(table).values(rows[start : start + per_statement])
        updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates) if updates else stmt)
