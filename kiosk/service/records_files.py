"""The event file's and backups' use cases: create the event in an empty file, copy it as a new
event, the capacity check before an edit, the backup list and a backup taken now.

Reads and copies are LOCAL (a backup, or a copy made from a station apart, comes from this
laptop's copy); creating the event needs the server when there is one (REFUSED apart).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kiosk.service.usecase import Offline, use_case

EVENT_WHY = (
    "서버와 연결이 끊겨 행사 정보를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다 "
    "(event details need the shared server; check-ins go on)"
)


@dataclass(frozen=True)
class BackupOverview:
    folder: Path | None  # None: a server database, backed up with pg_dump, not from here
    backups: list[Any]
    url: str


@dataclass(frozen=True)
class AuditCheck:
    report: Any  # ChainReport: chain intact, entries, first broken entry, triggers put back
    rewritten: list[str]  # backups whose recorded newest entry is no longer in the chain


class AuditCases:
    backend: Any

    @use_case(Offline.LOCAL)
    def verify_audit(self, backup_heads: list[tuple[str, str]]) -> AuditCheck:
        """Is the audit log whole? Missing append-only triggers are put back on the way."""
        from kiosk.domain.audit_chain import check_audit, missing_heads

        report = check_audit(self.backend.database)
        with self.backend.read() as session:
            return AuditCheck(report, missing_heads(session, backup_heads))


class FileRecordCases(AuditCases):
    backend: Any
    event_id: int
    station: str

    def _server_write(self, case: str) -> AbstractContextManager[Session]:  # from RecordCases
        raise NotImplementedError

    @use_case(Offline.REFUSED, why=EVENT_WHY)
    def create_event_here(self, spec: Any, operator: str = "") -> int:
        """A file without an event gets this one (raises EventSetupError for a bad spec)."""
        from kiosk.domain.event_setup import create_from_spec

        with self._server_write("create_event_here") as session:
            self.event_id = create_from_spec(session, spec, station=self.station, operator=operator).id
            return self.event_id

    @use_case(Offline.LOCAL)
    def active_event_id(self) -> int | None:
        """The event of this database, if it has one yet (the console starts from it)."""
        from kiosk.domain.events import active_event

        with self.backend.read() as session:
            event = active_event(session)
            return None if event is None else event.id

    @use_case(Offline.LOCAL)
    def capacity_warning(self, capacity: int) -> str | None:
        """Said before an edit lowers the capacity below the people inside now."""
        from kiosk.domain.event_setup import capacity_warning
        from kiosk.domain.models import Event

        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            return None if event is None else capacity_warning(session, event, capacity)

    @use_case(Offline.LOCAL)
    def copy_event_as_new(self, path: Path, name: str, operator: str = "") -> Path:
        """다른 이름으로 복사: a new file with this event's program and roster, nothing else."""
        from kiosk.service.event_files import copy_as_new_event

        return copy_as_new_event(self.backend.database, path, name=name, station=self.station, operator=operator)

    @use_case(Offline.LOCAL)
    def backup_overview(self) -> BackupOverview:
        from kiosk.storage.backup import list_backups

        folder = _backup_folder(self.backend)
        return BackupOverview(folder, list_backups(folder) if folder else [], self.backend.database.url)

    @use_case(Offline.LOCAL)
    def backup_now(self) -> Any:
        """A manual backup of this file (raises BackupError with the reason)."""
        from kiosk.storage.backup import take_backup

        folder = _backup_folder(self.backend)
        path = self.backend.database.path
        if folder is None or path is None:
            raise ValueError("서버 데이터베이스는 이 화면에서 백업하지 않습니다 (pg_dump를 쓰세요)")
        return take_backup(path, folder, "manual")


def _backup_folder(backend: Any) -> Path | None:
    if backend.shared or backend.database.path is None:
        return None
    # Where `kiosk backup` keeps its copies (KIOSK_BACKUP_DIR or the data folder).
    from kiosk.service.files import backup_folder

    return backup_folder(backend.database.path)
