"""Use cases of the command line and the supervisor beyond the door: the room's status, search,
backups, merging another station's file, the demo, the schema, and the personal-data purge.

Each declares what it does while a station is apart from the shared server (see `usecase`):
reads answer from this station's copy (LOCAL); anything that changes the whole event (a purge,
a merge, wiping the database, a schema upgrade) needs the server and is REFUSED with the reason,
changing nothing. The door's own use cases (scan, check-in, walk-in...) are in `door`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.headcount import Headcount, headcount
from kiosk.domain.models import Event
from kiosk.domain.purge import PurgePreview
from kiosk.domain.search import SearchHit
from kiosk.domain.timefmt import local
from kiosk.service.usecase import Offline, use_case
from kiosk.sync.merge import MergeError, MergeSummary

__all__ = ["AdminCases", "DemoCreated", "MergeError", "MergeSummary", "StatusReport"]

_AWAY = "공유 서버와 연결이 끊긴 동안에는 "
_BACK = " 서버가 돌아온 뒤 다시 하세요."
PURGE_WHY = (_AWAY + "개인정보를 삭제할 수 없습니다: 서버와 모든 체크인 PC의 사본에서 함께 지워야 합니다." + _BACK
             + " (purge needs the shared server)")  # fmt: skip
MERGE_WHY = (_AWAY + "다른 PC의 기록을 합칠 수 없습니다: 합친 결과는 서버에 있어야 모든 PC가 봅니다." + _BACK
             + " (merge needs the shared server)")  # fmt: skip
RESET_WHY = (_AWAY + "데이터베이스를 비우거나 다시 만들 수 없습니다: 서버의 행사를 바꾸는 일입니다." + _BACK
             + " (reset needs the shared server)")  # fmt: skip
SCHEMA_WHY = _AWAY + "서버의 스키마를 바꿀 수 없습니다." + _BACK + " (schema upgrade needs the shared server)"


@dataclass(frozen=True)
class StatusReport:
    """`kiosk status`: the event and its headcount."""

    name: str
    starts_at: str  # ISO, in the event's time zone
    capacity: int
    counts: Headcount

    def to_json(self) -> dict[str, Any]:
        c = self.counts
        return {
            "event": {"name": self.name, "starts_at": self.starts_at, "capacity": self.capacity},
            "invited": c.invited, "checked_in": c.checked_in, "present": c.present,
            "walk_ins": c.walk_ins, "remaining": c.remaining,
        }  # fmt: skip


@dataclass(frozen=True)
class DemoCreated:
    name: str
    capacity: int
    invited: int


class AdminCases:
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    # -- reads (this station's copy while apart) -------------------------------------------------

    @use_case(Offline.LOCAL)
    def status_report(self) -> StatusReport:
        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            assert event is not None
            return StatusReport(event.name, local(event.starts_at, event.timezone).isoformat(), event.capacity,
                                headcount(session, event))  # fmt: skip

    @use_case(Offline.LOCAL)
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        from kiosk.domain.search import search_participants

        with self.backend.read() as session:
            return search_participants(session, self.event_id, query, limit)

    @use_case(Offline.LOCAL)
    def companions_allowed(self, code: str) -> int:
        """How many companions the invitation behind `code` allows (0 for an unknown code)."""
        return self.backend.desk_call(self.event_id, lambda desk: desk.companions_allowed(code))

    @use_case(Offline.LOCAL)
    def event_name(self) -> str | None:
        """The active event's name (None: no event in this database yet)."""
        from kiosk.domain.events import active_event

        with self.backend.read() as session:
            event = active_event(session)
            return event.name if event is not None else None

    @use_case(Offline.LOCAL)
    def file_path(self) -> Path | None:
        """The SQLite file this service works on (None: a server)."""
        return None if self.backend.shared else self.backend.database.path

    # -- files -----------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def backup(self, reason: str = "manual") -> Path:
        """A verified copy of this program's SQLite file in its backup folder (BackupError: why not)."""
        from kiosk.service.files import backup_folder
        from kiosk.storage.backup import take_backup

        path = self.file_path()
        assert path is not None, "backups are of a SQLite file"
        return take_backup(path, backup_folder(path), reason).path

    # -- what needs the shared server -------------------------------------------------------------

    @contextmanager
    def _destructive(self, what: str, yes: bool, typed: str | None) -> Iterator[None]:
        from kiosk.service.guard import confirm_server_command
        from kiosk.storage.lock import DatabaseLock

        db = self.backend.database
        if db.path is not None:
            with DatabaseLock(db.path):  # DatabaseInUse while a console has the file
                yield
            return
        # The guard counts kiosk connections other than its own: this station link's idle pooled
        # connections are ours, so they are closed first (the next call opens fresh ones).
        db.engine.dispose()
        confirm_server_command(db, what=what, yes=yes, typed_name=typed)  # DestructiveRefused
        yield

    @use_case(Offline.REFUSED, why=RESET_WHY)
    def destructive(self, what: str, *, yes: bool = False, typed: str | None = None) -> Any:
        """Hold what makes a destructive command safe while it runs (a context manager).

        A file: the program lock (`DatabaseInUse` while a console has it). A server: refused while
        other kiosk programs are connected, and unless `yes` with the event's name typed back
        (`DestructiveRefused`)."""
        return self._destructive(what, yes, typed)

    @use_case(Offline.REFUSED, why=RESET_WHY)
    def server_safety_copy(self, reason: str) -> Path:
        """A restorable SQLite copy of a server database's rows in the backup folder."""
        from kiosk.service.files import backup_root
        from kiosk.storage.server_copy import copy_server_to_sqlite, server_copy_path

        folder = backup_root()
        folder.mkdir(parents=True, exist_ok=True)
        dest = server_copy_path(folder, self.backend.database, reason)
        copy_server_to_sqlite(self.backend.database, dest)
        return dest

    @use_case(Offline.REFUSED, why=RESET_WHY)
    def reset_database(self) -> None:
        from kiosk.storage.migrate import reset_database

        reset_database(self.backend.database)

    @use_case(Offline.REFUSED, why=RESET_WHY)
    def create_demo(self) -> DemoCreated:
        from kiosk.domain.demo import load_demo

        with self.backend.write() as session:
            event = load_demo(session)
            counts = headcount(session, event)
            return DemoCreated(event.name, event.capacity, counts.invited)

    @use_case(Offline.REFUSED, why=MERGE_WHY)
    def merge_file(self, other: Path, *, any_event: bool = False, dry_run: bool = False) -> MergeSummary:
        """Fold another station's SQLite file in (a `MergeSummary`; `MergeError` for a bad file)."""
        from kiosk.sync.merge import merge_file

        return merge_file(other, self.backend.database, station=self.station, any_event=any_event,
                          dry_run=dry_run)  # fmt: skip

    @use_case(Offline.REFUSED, why=PURGE_WHY)
    def purge_preview(self) -> tuple[PurgePreview, str]:
        """What a purge would remove, and the time an unfinished purge was asked for ("" if none)."""
        from kiosk.domain.events import require_active_event
        from kiosk.domain.purge import preview, purge_requested

        with self.backend.read() as session:
            require_active_event(session)  # a file without an event: say how to make one
            return preview(session), purge_requested(session)

    @use_case(Offline.REFUSED, why=PURGE_WHY)
    def purge_start(self) -> None:
        from kiosk.domain.purge import mark_purge_requested

        mark_purge_requested(self.backend.database)

    @use_case(Offline.REFUSED, why=PURGE_WHY)
    def purge_database(self, operator: str = "") -> PurgePreview:
        from kiosk.domain.purge import purge_personal_data

        return purge_personal_data(self.backend.database, station=self.station, operator=operator)

    @use_case(Offline.REFUSED, why=PURGE_WHY)
    def purge_finish(self) -> None:
        from kiosk.domain.purge import mark_purge_finished

        mark_purge_finished(self.backend.database)

    @use_case(Offline.LOCAL)
    def let_go_of_local_copy(self) -> None:
        """Close this station's copy of the server (before a purge removes it from this PC)."""
        link = getattr(self.backend, "link", None)
        if link is not None:
            link.local.dispose()

    # -- the schema ------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def schema_revision(self) -> tuple[str | None, str]:
        """The database's schema revision and the newest this program knows."""
        from kiosk.storage import migrate

        return migrate.current_revision(self.backend.database), migrate.head_revision()

    @use_case(Offline.REFUSED, why=SCHEMA_WHY)
    def upgrade_schema(self) -> tuple[str | None, str | None, str | None]:
        """(before, after, the copy taken first or None)."""
        from kiosk.storage import migrate

        db = self.backend.database
        before = migrate.current_revision(db)
        copy = migrate.upgrade(db)
        return before, migrate.current_revision(db), copy
