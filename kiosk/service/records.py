"""The records' use cases: the roster, the event, settings, the supervisor PIN, protocol, badges.

Reads are LOCAL: while apart they answer from this station's copy (the status says it may lag).
Every change to the records is REFUSED while apart, with a sentence that says why and what to do:
the station's journal carries door actions only, and a change written to the local copy would be
overwritten by the next refresh from the server (the loss issue 17 measured). A write that meets
a dropped connection before the station noticed is refused the same way: its transaction never
committed, so nothing is half done.

PIN verification is LOCAL on purpose: a supervisor must be able to unlock an override while the
station is apart (the overrides themselves are journaled); the lockout ladder then counts on
this station's copy until the server answers again. Its ~0.4 s of scrypt runs on the worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain import badges, roles
from kiosk.domain.models import Event, Participant
from kiosk.domain.roster import ParticipantFields, RosterEntry
from kiosk.domain.search import RosterIndex
from kiosk.service.records_files import EVENT_WHY, FileRecordCases
from kiosk.service.records_protocol import ProtocolRecordCases
from kiosk.service.usecase import NotWhileApart, Offline, use_case
from kiosk.storage.postgres import is_connection_error

ROSTER_WHY = (
    "서버와 연결이 끊겨 명단을 고칠 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다 "
    "(roster edits need the shared server; check-ins go on)"
)
SETTINGS_WHY = (
    "서버와 연결이 끊겨 정원·PIN을 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 정원과 PIN을 그대로 두면 이 "
    "컴퓨터의 설정(이름·카메라·소리·언어)은 지금 저장됩니다 (capacity and PIN need the shared server; leave them "
    "unchanged to save this laptop's own settings now)"
)
PIN_WHY = (
    "서버와 연결이 끊겨 책임자 PIN을 바꿀 수 없습니다. 모든 입장 데스크가 같은 PIN을 써야 하니 연결이 돌아오면 "
    "다시 하세요 (the PIN is shared by every station; change it once the server is back)"
)
BADGE_WHY = (
    "서버와 연결이 끊겨 명찰 인쇄를 기록할 수 없어 인쇄하지 않았습니다: 다른 데스크의 인쇄 기록을 볼 수 없으면 "
    "명찰이 두 번 나갈 수 있습니다. 연결이 돌아오면 다시 하세요 (badge prints are logged on the shared server)"
)


@dataclass(frozen=True)
class RosterSnapshot:
    """What the roster view shows: every entry, and the index its search runs on."""

    entries: list[RosterEntry]
    index: RosterIndex


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    fields: ParticipantFields
    cancelled: bool


@dataclass(frozen=True)
class EventSettings:
    """The shared part of the settings dialog (the laptop's own part lives in QSettings)."""

    name: str
    capacity: int
    pin_set: bool


class RecordCases(ProtocolRecordCases, FileRecordCases):
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    backend: Any
    event_id: int
    station: str

    @contextmanager
    def _server_write(self, case: str) -> Iterator[Session]:
        """A write that needs the server: a connection lost on the way is a refusal, not a crash."""
        try:
            with self.backend.write() as session:
                yield session
        except Exception as exc:
            if not (self.backend.shared and is_connection_error(exc)):
                raise
            raise NotWhileApart(getattr(type(self), case).__use_case__) from exc

    # -- the roster --------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def roster(self) -> RosterSnapshot:
        from kiosk.domain.roster import roster_entries

        with self.backend.read() as session:
            return RosterSnapshot(roster_entries(session, self.event_id), RosterIndex.load(session, self.event_id))

    @use_case(Offline.LOCAL)
    def participant(self, participant_id: int) -> ParticipantRecord | None:
        from kiosk.domain.models import InvitationStatus

        with self.backend.read() as session:
            p = session.get(Participant, participant_id)
            if p is None or p.event_id != self.event_id:
                return None
            return ParticipantRecord(p.id, ParticipantFields.of(p), p.status == InvitationStatus.CANCELLED)

    @use_case(Offline.REFUSED, why=ROSTER_WHY)
    def add_participant(self, fields: ParticipantFields, operator: str = "") -> int:
        """Raises RosterError (with the problems, in Korean) for fields that cannot be stored."""
        from kiosk.domain.roster import add_participant

        with self._server_write("add_participant") as session:
            return add_participant(session, self.event_id, fields, station=self.station, operator=operator).id

    @use_case(Offline.REFUSED, why=ROSTER_WHY)
    def edit_participant(self, participant_id: int, fields: ParticipantFields, operator: str = "") -> list[str]:
        from kiosk.domain.roster import update_participant

        with self._server_write("edit_participant") as session:
            return update_participant(session, participant_id, fields, station=self.station, operator=operator)

    @use_case(Offline.REFUSED, why=ROSTER_WHY)
    def set_cancelled(self, participant_id: int, cancelled: bool, reason: str = "", operator: str = "") -> bool:
        """Cancel an invitation, or restore it (False when it already was so)."""
        from kiosk.domain.roster import set_cancelled

        with self._server_write("set_cancelled") as session:
            return set_cancelled(
                session, participant_id, cancelled, reason=reason, station=self.station, operator=operator
            )

    # -- the event and its settings ----------------------------------------------------------

    @use_case(Offline.LOCAL)
    def event_details(self) -> dict[str, object]:
        """The event as `kiosk event show --json` prints it."""
        from kiosk.domain.event_setup import event_json

        with self.backend.read() as session:
            return event_json(self._event(session))

    @use_case(Offline.LOCAL)
    def event_spec(self) -> Any:
        """The event as an editable `EventSpec` (the wizard's and `event edit`'s starting point)."""
        from kiosk.domain.event_setup import spec_of

        with self.backend.read() as session:
            return spec_of(self._event(session))

    @use_case(Offline.REFUSED, why=EVENT_WHY)
    def edit_event(self, spec: Any, operator: str = "") -> Any:
        """행사 정보 편집: returns the `EditOutcome` (raises EventSetupError for a bad spec)."""
        from kiosk.domain.event_setup import update_event

        with self._server_write("edit_event") as session:
            return update_event(session, self.event_id, spec, station=self.station, operator=operator)

    @use_case(Offline.LOCAL)
    def event_settings(self) -> EventSettings:
        with self.backend.read() as session:
            event = self._event(session)
            return EventSettings(event.name, event.capacity, roles.pin_is_set(session))

    @use_case(Offline.REFUSED, why=SETTINGS_WHY)
    def save_event_settings(self, capacity: int, new_pin: str = "", operator: str = "") -> bool:
        """The settings dialog's shared part, in one transaction: capacity, and a new PIN if given."""
        from kiosk.domain.event_settings import set_capacity

        with self._server_write("save_event_settings") as session:
            changed = set_capacity(session, self.event_id, capacity, station=self.station, operator=operator)
            if new_pin:
                roles.set_pin(session, new_pin, station=self.station, operator=operator)
                changed = True
            return changed

    # -- the supervisor PIN ------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def verify_pin(self, pin: str) -> roles.PinResult:
        """Check the supervisor PIN (scrypt, ~0.4 s) and count a failure toward the lockout.

        A cable pulled before the station noticed must not lock the supervisor out of an
        override: the check then runs on this station's copy, as it does while apart."""
        try:
            with self.backend.write() as session:
                return roles.check_pin(session, pin, station=self.station)
        except Exception as exc:
            link = getattr(self.backend, "link", None)
            if link is None or not is_connection_error(exc):
                raise
        with link.local.write() as session:
            return roles.check_pin(session, pin, station=self.station)

    @use_case(Offline.REFUSED, why=PIN_WHY)
    def set_pin(self, pin: str, operator: str = roles.Role.SUPERVISOR.value) -> None:
        """Raises PinFormatError for a PIN that is not 6–12 digits or too easy."""
        with self._server_write("set_pin") as session:
            roles.set_pin(session, pin, station=self.station, operator=operator)

    # -- badges ------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def badge_prints(self, participant_id: int) -> list[badges.PrintRecord]:
        with self.backend.read() as session:
            return badges.previous_prints(session, participant_id)

    @use_case(Offline.LOCAL)
    def badge_data(self, participant_id: int) -> Any:
        from kiosk.documents.badges import badge_data_of

        with self.backend.read() as session:
            p = session.get(Participant, participant_id)
            if p is None:
                raise LookupError(f"participant {participant_id} does not exist")
            event = session.get(Event, p.event_id)
            assert event is not None
            return badge_data_of(p, event)

    @use_case(Offline.REFUSED, why=BADGE_WHY)
    def record_badge_print(
        self, participant_id: int, operator: str = "", reason: str = "", how: str = ""
    ) -> badges.PrintRecord:
        with self._server_write("record_badge_print") as session:
            return badges.record_print(
                session, participant_id, station=self.station, operator=operator, reason=reason, how=how
            )

    def _event(self, session: Session) -> Event:
        from kiosk.domain.events import NoEventError

        event = session.get(Event, self.event_id)
        if event is None:
            raise NoEventError()
        return event
