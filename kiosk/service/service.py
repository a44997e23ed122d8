"""`DoorService`: the one place the console and the CLI call.

It is composed of one mixin per area (door, roster, documents, ...); each public method is a
use case with its offline declaration (`usecase.use_case`). The console runs every call on its
one database worker thread (`kiosk.ui.taskman`); the CLI calls it directly.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.service.admin import AdminCases
from kiosk.service.backend import ConnectionStatus, FileBackend, StationBackend
from kiosk.service.conflicts import ConflictCases
from kiosk.service.documents import DocumentCases
from kiosk.service.door import DoorCases
from kiosk.service.records import RecordCases
from kiosk.service.seats import SeatCases
from kiosk.storage.engine import Database
from kiosk.storage.listen import Change


class DoorService(DoorCases, DocumentCases, AdminCases, ConflictCases, RecordCases, SeatCases):
    def __init__(self, backend: FileBackend | StationBackend, event_id: int, station: str) -> None:
        self.backend = backend
        self.event_id = event_id
        self.station = station

    @classmethod
    def for_file(cls, db: Database, event_id: int, station: str) -> DoorService:
        return cls(FileBackend(db), event_id, station)

    @property
    def apart(self) -> bool:
        return self.backend.apart

    def status(self) -> ConnectionStatus:
        return self.backend.status()

    def poll(self) -> ConnectionStatus:
        """Probe / sync / refresh as they fall due (a station); cheap on a plain file."""
        return self.backend.poll()

    def watch(self, callback: Callable[[Change], None]) -> None:
        """Infrastructure, not a use case: `callback(change)` on a listener thread whenever the
        shared server announces a change (another station's check-in...); keep it short, e.g.
        `service.watch(lambda _change: window.tasks.run_on_main(window.refresh_soon))`."""
        self.backend.watch(callback)

    def unwatch(self) -> None:
        """Forget every `watch` callback (the window that asked is closing)."""
        self.backend.unwatch()

    def close(self) -> None:
        self.backend.close()
