"""The check-in engine: one verdict for every scan, decided inside one database transaction.

Exactly-once is the database's job: a partial unique index allows one open check-in per
participant, and the write transaction holds the lock while seats are counted. Two stations
scanning the same code at once therefore get one `ok` and one `already_checked_in`.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain import audit, seat_leases, token
from kiosk.domain.clock import door_time, remember_server_now
from kiosk.domain.codes import external_code_key, holder_of_code
from kiosk.domain.door_server import ServerDoor
from kiosk.domain.headcount import present_count
from kiosk.domain.honorific import greeting
from kiosk.domain.keyboard import clean_scanned_text
from kiosk.domain.models import (
    Category,
    CheckIn,
    CheckInMethod,
    Event,
    InvitationStatus,
    Participant,
)
from kiosk.storage.engine import Database
from kiosk.storage.postgres import on_door_connection
from kiosk.storage.retry import retry_conflicts

MAX_CODE_LENGTH = 200  # longer input is noise, not a code someone could hold up
SIGNED_BUT_GONE = "signed for a participant no longer here"


class ScanStatus(enum.StrEnum):
    OK = "ok"
    ALREADY_CHECKED_IN = "already_checked_in"
    NOT_FOUND = "not_found"
    INVALID_SIGNATURE = "invalid_signature"
    WRONG_EVENT = "wrong_event"
    CANCELLED = "cancelled"
    CAPACITY_FULL = "capacity_full"
    MALFORMED = "malformed"
    # Only for check-out: the person is not inside.
    NOT_CHECKED_IN = "not_checked_in"


@dataclass(frozen=True)
class ParticipantSummary:
    id: int
    name: str
    organization: str
    title: str
    category: str
    region: str
    vip: bool
    speaker: bool
    walk_in: bool
    companions_allowed: int

    @classmethod
    def of(cls, p: Participant) -> ParticipantSummary:
        return cls(
            id=p.id,
            name=p.name,
            organization=p.organization,
            title=p.title,
            category=Category(p.category).value,
            region=p.region,
            vip=p.is_vip,
            speaker=p.is_speaker,
            walk_in=p.is_walk_in,
            companions_allowed=p.companions_allowed,
        )

    @property
    def greeting(self) -> str:
        return greeting(self.name, self.title, self.category)


@dataclass(frozen=True)
class CheckInVerdict:
    code: str
    status: ScanStatus
    participant: ParticipantSummary | None = None
    checked_in_at: datetime | None = None
    station: str | None = None
    check_in_id: str | None = None
    companions: int = 0
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def about(
        cls, entry: CheckIn, code: str, status: ScanStatus, participant: ParticipantSummary, **extra: Any
    ) -> CheckInVerdict:
        """A verdict that names a check-in row: its time, station, id and companions."""
        return cls(
            code=code,
            status=status,
            participant=participant,
            checked_in_at=entry.checked_in_at,
            station=entry.station,
            check_in_id=entry.id,
            companions=entry.companions,
            extra=extra,
        )

    @property
    def ok(self) -> bool:
        return self.status is ScanStatus.OK

    @property
    def vip(self) -> bool:
        return bool(self.participant and self.participant.vip)

    @property
    def checked_out_at(self) -> datetime | None:
        """Set on a check-out's verdict: when the guest left."""
        return self.extra.get("checked_out_at")

    @property
    def reentry(self) -> bool:
        return bool(self.extra.get("reentry"))

    @property
    def earlier_visits(self) -> list[tuple[datetime, datetime | None]]:
        """(in, out) of each earlier entry, oldest first, on a re-entry's verdict."""
        return list(self.extra.get("earlier", []))

    @property
    def speaker(self) -> bool:
        return bool(self.participant and self.participant.speaker)

    @property
    def greeting(self) -> str:
        deputy = self.extra.get("deputy")
        if deputy:  # 대리 참석: the deputy is greeted with their own title
            return greeting(deputy["name"], deputy["title"])
        return self.participant.greeting if self.participant else ""

    def to_json(self) -> dict[str, Any]:
        """The CLI's verdict object (field names are a public interface)."""
        p = self.participant
        return {
            "code": self.code,
            "status": self.status.value,
            "participant": None
            if p is None
            else {
                "id": p.id,
                "name": p.name,
                "organization": p.organization,
                "title": p.title,
                "category": p.category,
                "vip": p.vip,
            },
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "station": self.station,
        }


class CheckInDesk:
    """The rules of the door for one event, usable from the GUI, the CLI and tests alike."""

    def __init__(self, db: Database, event_id: int) -> None:
        self.db = db
        self.event_id = event_id
        with db.session() as session:
            event = session.get(Event, event_id)
            if event is None:
                raise LookupError(f"event {event_id} does not exist")
            self._tag = event.token_tag
            self._secret = event.signing_secret
        # PostgreSQL: scans and manual check-ins are one statement (door_server.py); SQLite keeps
        # the Python path below, in one local transaction, with the same rules.
        self._server: ServerDoor | None = ServerDoor(db, event_id) if db.engine.dialect.name == "postgresql" else None

    # -- resolving a code ---------------------------------------------------------------------

    def _resolve(self, session: Session, raw: str) -> tuple[Participant | None, ScanStatus | None, str]:
        """The participant a code names, or the reason it names nobody."""
        pid, problem, how = self._resolve_id(raw, lambda text: self._external_id(session, text))
        if pid is None:
            return None, problem, how
        participant = session.get(Participant, pid)
        if participant is None or participant.event_id != self.event_id:
            return None, ScanStatus.NOT_FOUND, SIGNED_BUT_GONE
        return participant, None, how

    def _resolve_id(
        self, raw: str, by_external_code: Callable[[str], int | None]
    ) -> tuple[int | None, ScanStatus | None, str]:
        """The participant id a code names, or why it names nobody. A signed token is checked
        here, without the database; `by_external_code` is asked only for other codes.
        For how == "token" the id is signed, but the person may since have been removed."""
        if not raw or len(raw) > MAX_CODE_LENGTH:
            return None, ScanStatus.MALFORMED, "empty or oversized"
        code = token.normalise(raw)
        if not code:
            return None, ScanStatus.MALFORMED, "nothing readable"
        if token.looks_like_token(code):
            try:
                return token.verify(code, self._tag, self._secret), None, "token"
            except token.TokenError as exc:
                # A code from another system may happen to look like ours.
                other = by_external_code(raw)
                if other is not None:
                    return other, None, "external code"
                return None, ScanStatus(exc.problem.value), str(exc)
        other = by_external_code(raw)
        if other is not None:
            return other, None, "external code"
        if not code.isalnum() or not code.isascii():
            return None, ScanStatus.MALFORMED, "not a code"
        if len(code) > 1 + len(self._tag) and code.startswith(token.VERSION + self._tag):
            # This event's prefix but not a whole code: a scan cut short, never "not on the list".
            return None, ScanStatus.MALFORMED, "part of a code"
        return None, ScanStatus.NOT_FOUND, "unknown code"

    def _external_id(self, session: Session, raw: str) -> int | None:
        participant = self._by_external_code(session, raw)
        return participant.id if participant is not None else None

    def companions_allowed(self, code: str) -> int:
        """How many companions the invitation behind `code` allows (0 for an unknown code)."""
        with self.db.session() as session:
            participant, _problem, _how = self._resolve(session, code)
            return participant.companions_allowed if participant is not None else 0

    def _by_external_code(self, session: Session, raw: str) -> Participant | None:
        # The same key as the roster's duplicate check (domain/codes.py), not a SQL imitation of it.
        return holder_of_code(session, self.event_id, clean_scanned_text(raw))

    # -- deciding -----------------------------------------------------------------------------

    def scan(
        self,
        code: str,
        station: str,
        operator: str = "",
        *,
        companions: int = 0,
        override: bool = False,
        check_in_id: str | None = None,
    ) -> CheckInVerdict:
        """Check in whoever the code names. Returns only after the decision is committed.

        Resolving the code and admitting the person happen in one write transaction: one commit
        (one fsync) per scan, and nobody can cancel the participant in between. `check_in_id`:
        the new check-in's id, made by the caller so that asking again is harmless.
        """
        shown = audit.printable(code)
        if self._server is not None:
            return self._scan_on_server(code, shown, station, operator, companions, override, check_in_id)

        def attempt(session: Session) -> CheckInVerdict:
            participant, problem, how = self._resolve(session, code)
            if participant is None:
                assert problem is not None
                audit.record(
                    session, action="scan", outcome=problem.value, event_id=self.event_id,
                    station=station, operator=operator, code=shown, why=how,
                )  # fmt: skip
                return CheckInVerdict(code=shown, status=problem, detail=how)
            method = CheckInMethod.QR if how == "token" else CheckInMethod.CODE
            return self.admit_in(
                session, participant.id, shown, station, operator, method, companions, override,
                check_in_id=check_in_id,
            )

        return self._in_write(attempt)

    def _scan_on_server(
        self, code: str, shown: str, station: str, operator: str, companions: int, override: bool,
        check_in_id: str | None,
    ) -> CheckInVerdict:  # fmt: skip
        """One statement for a signed code. Other codes (external registration codes, noise) first
        need the roster's external codes: one more round trip, for those codes only."""
        assert self._server is not None

        def by_external_code(raw: str) -> int | None:
            def look_up(conn: Connection) -> int | None:
                with Session(conn) as session:  # autocommit: no BEGIN/ROLLBACK round trips
                    return self._external_id(session, raw)

            return on_door_connection(self.db, look_up)

        pid, problem, how = self._resolve_id(code, by_external_code)
        if pid is None:
            assert problem is not None
            self._server.refuse(
                action="scan", outcome=problem.value, station=station, operator=operator, code=shown, why=how
            )
            return CheckInVerdict(code=shown, status=problem, detail=how)
        method = CheckInMethod.QR if how == "token" else CheckInMethod.CODE
        return self._server.admit(
            pid, shown, station, operator, method, companions, override, check_in_id=check_in_id,
            missing_why=SIGNED_BUT_GONE if how == "token" else None,
        )  # fmt: skip

    def check_in_participant(
        self,
        participant_id: int,
        station: str,
        operator: str = "",
        *,
        method: CheckInMethod = CheckInMethod.MANUAL,
        companions: int = 0,
        override: bool = False,
        override_reason: str = "",
        check_in_id: str | None = None,
    ) -> CheckInVerdict:
        """Manual check-in of a person found by search (or let in over capacity, with a reason)."""
        shown = f"#{participant_id}"
        if self._server is not None:
            return self._server.admit(
                participant_id, shown, station, operator, method, companions, override,
                override_reason=override_reason, check_in_id=check_in_id,
            )  # fmt: skip
        return self._in_write(
            lambda session: self.admit_in(
                session, participant_id, shown, station, operator, method, companions, override,
                override_reason=override_reason, check_in_id=check_in_id,
            )
        )

    def override_capacity(
        self, participant_id: int, reason: str, station: str, operator: str, *, method: CheckInMethod
    ) -> CheckInVerdict:
        """A supervisor lets a guest in although the room is full; the reason is audited."""
        reason = reason.strip()
        if not reason:
            raise ValueError("정원 초과 입장 사유를 입력하세요 (a reason is required)")
        return self.check_in_participant(
            participant_id, station, operator, method=method, override=True, override_reason=reason
        )

    def in_write(self, decide: Callable[[Session], CheckInVerdict]) -> CheckInVerdict:
        """Run a decision that calls admit_in in a write transaction, retried once on a race."""
        return self._in_write(decide)

    def _in_write(self, decide: Callable[[Session], CheckInVerdict]) -> CheckInVerdict:
        def once() -> CheckInVerdict:
            try:
                with self.db.write() as session:
                    return decide(session)
            except IntegrityError:
                # Another station committed this person between our read and our insert (possible
                # on PostgreSQL; SQLite's up-front write lock already serialises stations). The
                # unique index refused our row; deciding again now reads theirs.
                with self.db.write() as session:
                    return decide(session)

        return retry_conflicts(once, what="checkin")

    def lock_seats(self, session: Session) -> int:
        """Take the event's seat lock (PostgreSQL: its row, FOR UPDATE); returns the capacity.

        Lock order: a transaction that will write rows pointing at the event (a walk-in's
        participant, a check-in) takes this lock FIRST. Inserting such a row takes a weaker lock
        on the event row (FOR KEY SHARE); two transactions that each held that one and then
        asked for this one would deadlock.
        """
        return self._locked_capacity(session)

    def admit_in(
        self,
        session: Session,
        participant_id: int,
        shown: str,
        station: str,
        operator: str,
        method: CheckInMethod,
        companions: int,
        override: bool,
        *,
        override_reason: str = "",
        check_in_id: str | None = None,
    ) -> CheckInVerdict:
        """Decide a check-in inside the caller's write transaction (`db.write()`).

        For work that must commit together with the check-in, such as registering a walk-in.
        The same rules as the server function of migration 0008 (door_server.py), which the
        door-semantics tests run against both.
        """
        participant = session.get(Participant, participant_id)
        log: dict[str, Any] = dict(event_id=self.event_id, station=station, operator=operator)
        if participant is None or participant.event_id != self.event_id:
            audit.record(session, action="checkin", outcome="not_found", code=shown, **log)
            return CheckInVerdict(code=shown, status=ScanStatus.NOT_FOUND)
        summary = ParticipantSummary.of(participant)
        mine = session.get(CheckIn, check_in_id) if check_in_id else None
        if mine is not None:  # asked again after a lost answer: this check-in is ours, and done
            if mine.participant_id != participant.id:
                raise ValueError(f"check-in id {check_in_id} belongs to someone else")
            before = sorted(
                (e.checked_in_at, e.checked_out_at)
                for e in session.scalars(
                    select(CheckIn).where(
                        CheckIn.participant_id == participant.id, CheckIn.undone_at.is_(None),
                        CheckIn.checked_in_at < mine.checked_in_at,
                    )  # fmt: skip
                )
            )
            return CheckInVerdict.about(
                mine, shown, ScanStatus.OK, summary, reentry=bool(before), entry_number=len(before) + 1, earlier=before
            )
        log["participant_id"] = participant.id
        if participant.status == InvitationStatus.CANCELLED:
            audit.record(session, action="checkin", outcome="cancelled", code=shown, **log)
            return CheckInVerdict(code=shown, status=ScanStatus.CANCELLED, participant=summary)
        # One query for both questions: is the person inside now, and were they before?
        entries = list(
            session.scalars(
                select(CheckIn).where(CheckIn.participant_id == participant.id, CheckIn.undone_at.is_(None))
            )
        )
        current = next((e for e in entries if e.checked_out_at is None), None)
        if current is not None:
            audit.record(
                session, action="checkin", outcome="already_checked_in", code=shown,
                check_in_id=current.id, first_station=current.station,
                first_at=current.checked_in_at.isoformat(), **log,
            )  # fmt: skip
            return CheckInVerdict.about(current, shown, ScanStatus.ALREADY_CHECKED_IN, summary)
        # Locked only now, so a repeat scan never waits for the seat lock and the lock is held
        # for the count-and-insert alone. A rival insert of this same person since our check
        # above is refused by the unique index (IntegrityError -> _in_write decides again).
        capacity = self._locked_capacity(session)
        companions = max(0, int(companions))
        needed = 1 + companions
        present = present_count(session, self.event_id)
        if present + needed > capacity and not override:
            audit.record(
                session, action="checkin", outcome="capacity_full", code=shown,
                present=present, capacity=capacity, companions=companions, **log,
            )  # fmt: skip
            return CheckInVerdict(
                code=shown,
                status=ScanStatus.CAPACITY_FULL,
                participant=summary,
                extra={"present": present, "capacity": capacity},
            )
        # Earlier entries that ended in a check-out: this is a re-entry, not a first arrival.
        entries_before = len(entries)
        stamp = door_time(session)  # the server's now(); apart, this laptop's clock corrected
        entry = CheckIn(
            id=check_in_id or str(uuid.uuid4()),
            event_id=self.event_id,
            participant_id=participant.id,
            station=station,
            method=method,
            operator=operator,
            companions=companions,
            checked_in_at=stamp.at,
        )
        session.add(entry)
        session.flush()  # the unique index decides here, inside our transaction
        reentry = bool(entries_before)
        audit.record(
            session, action="checkin", outcome="ok", code=shown, check_in_id=entry.id,
            method=method.value, companions=companions, vip=participant.is_vip,
            override=override or None, reentry=reentry or None,
            override_reason=override_reason or None, over_capacity=(present + needed > capacity) or None, **log,
            **stamp.audit(),
        )  # fmt: skip
        earlier = sorted((e.checked_in_at, e.checked_out_at) for e in entries)
        return CheckInVerdict.about(
            entry, shown, ScanStatus.OK, summary, reentry=reentry, entry_number=entries_before + 1, earlier=earlier
        )

    def _lock_event(self, session: Session) -> Event:
        # On PostgreSQL this row lock serialises seat counting; SQLite already holds its write lock.
        stmt = select(Event).where(Event.id == self.event_id)
        if self.db.engine.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return session.scalars(stmt).one()

    # The station whose seat lease this desk may use (None: no lease of its own, e.g. a CLI).
    lease_holder: str | None = None

    def _locked_capacity(self, session: Session) -> int:
        """The event's capacity less the seats leased to other stations (they may be admitting
        into them while apart: domain/seat_leases.py), read under the same lock as _lock_event in
        one statement: this sits on every check-in's critical path."""
        held = seat_leases.held_elsewhere(session, self.event_id, self.lease_holder)
        if self.db.engine.dialect.name == "postgresql":
            # The server's now() rides along: the decision's time costs no extra round trip.
            stmt = select(Event.capacity - held, func.now()).where(Event.id == self.event_id).with_for_update()
            capacity, server_now = session.execute(stmt).one()
            remember_server_now(session, server_now)
            return int(capacity)
        return int(session.scalar(select(Event.capacity - held).where(Event.id == self.event_id)))

    # -- leaving, undoing -----------------------------------------------------------------------

    def check_out(self, code: str, station: str, operator: str = "") -> CheckInVerdict:
        return retry_conflicts(lambda: self._check_out(code, station, operator), what="checkout")

    def _check_out(self, code: str, station: str, operator: str) -> CheckInVerdict:
        shown = audit.printable(code)
        with self.db.write() as session:
            participant, problem, how = self._resolve(session, code)
            log: dict[str, Any] = dict(event_id=self.event_id, station=station, operator=operator)
            if participant is None:
                assert problem is not None
                audit.record(session, action="checkout", outcome=problem.value, code=shown, why=how, **log)
                return CheckInVerdict(code=shown, status=problem, detail=how)
            summary = ParticipantSummary.of(participant)
            current = active_check_in(session, participant.id)
            if current is None:
                audit.record(
                    session, action="checkout", outcome="not_checked_in", code=shown,
                    participant_id=participant.id, **log,
                )  # fmt: skip
                return CheckInVerdict(code=shown, status=ScanStatus.NOT_CHECKED_IN, participant=summary)
            stamp = door_time(session)
            current.checked_out_at = stamp.at
            current.checked_out_station = station
            audit.record(
                session, action="checkout", outcome="ok", code=shown, participant_id=participant.id,
                check_in_id=current.id, companions=current.companions, **log, **stamp.audit(),
            )  # fmt: skip
            return CheckInVerdict.about(
                current, shown, ScanStatus.OK, summary, checked_out_at=current.checked_out_at
            )

    def undo(self, check_in_id: str, reason: str, station: str, operator: str = "") -> bool:
        """Cancel a check-in made by mistake. A reason is required; returns False if nothing to undo.

        Refusals are audited too: the log must show someone tried.
        """
        reason = reason.strip()
        if not reason:
            raise ValueError("취소 사유를 입력하세요 (a reason is required)")
        with self.db.write() as session:
            entry = session.get(CheckIn, check_in_id)
            log: dict[str, Any] = dict(
                action="undo", event_id=self.event_id, station=station, operator=operator, reason=reason
            )
            if entry is None or entry.event_id != self.event_id:
                audit.record(
                    session, outcome="not_found", check_in_id=audit.printable(check_in_id, 36), **log
                )
                return False
            if entry.undone_at is not None:
                audit.record(
                    session, outcome="already_undone", participant_id=entry.participant_id,
                    check_in_id=entry.id, **log,
                )  # fmt: skip
                return False
            stamp = door_time(session)
            entry.undone_at = stamp.at
            entry.undo_reason = reason
            entry.undone_by = operator
            audit.record(
                session, outcome="ok", participant_id=entry.participant_id, check_in_id=entry.id,
                first_station=entry.station, **log, **stamp.audit(),
            )  # fmt: skip
            return True

    def set_companions(self, check_in_id: str, companions: int, station: str, operator: str = "") -> bool:
        """Change how many companions came with an open check-in (capacity permitting)."""
        with self.db.write() as session:
            capacity = self._locked_capacity(session)
            entry = session.get(CheckIn, check_in_id)
            companions = max(0, int(companions))
            log: dict[str, Any] = dict(
                action="companions", event_id=self.event_id, station=station, operator=operator
            )
            if (
                entry is None
                or entry.event_id != self.event_id
                or entry.undone_at is not None
                or entry.checked_out_at is not None
            ):
                audit.record(
                    session, outcome="not_checked_in", check_in_id=audit.printable(check_in_id, 36),
                    participant_id=entry.participant_id if entry else None, after=companions, **log,
                )  # fmt: skip
                return False
            if present_count(session, self.event_id) - entry.companions + companions > capacity:
                audit.record(
                    session, outcome="capacity_full", participant_id=entry.participant_id,
                    check_in_id=entry.id, before=entry.companions, after=companions, **log,
                )  # fmt: skip
                return False
            audit.record(
                session, outcome="ok", participant_id=entry.participant_id, check_in_id=entry.id,
                before=entry.companions, after=companions, **log,
            )  # fmt: skip
            entry.companions = companions
            return True


def active_check_in(session: Session, participant_id: int) -> CheckIn | None:
    return session.scalars(
        select(CheckIn).where(
            CheckIn.participant_id == participant_id,
            CheckIn.undone_at.is_(None),
            CheckIn.checked_out_at.is_(None),
        )
    ).first()


def normalise_external_code(raw: str) -> str:
    """External registration codes compare case-insensitively, ignoring hyphens and spaces."""
    return external_code_key(clean_scanned_text(raw))
