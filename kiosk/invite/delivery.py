"""Delivering invitations: .eml files in a folder, or SMTP; resumable, one state per person.

Exactly-once rests on one rule: a person's state becomes `sent` in its own committed
transaction right after the server accepted that person's message, before the next message
goes out. If the server (or the laptop) drops out half way, the people not yet sent keep
`queued` or `failed`, and `only_unsent=True` sends exactly those.

Writing .eml files is an export, not a delivery: it never changes anyone's state, so a later
SMTP run with `only_unsent` still mails everybody.

Nothing here logs an e-mail address: logs and stored reasons name participant numbers only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain import audit
from kiosk.domain.models import DeliveryState, Event, InvitationStatus, Participant, Setting, utcnow
from kiosk.invite.message import DEFAULT_SENDER, AddressError, InvitationComposer, parse_sender, valid_address
from kiosk.invite.message import event_sender as own_sender_of

# The transports live in their own module; importing them from here keeps one front door.
from kiosk.invite.transports import (  # noqa: F401 - re-exported
    EmlFolderDelivery,
    Security,
    SendError,
    SmtpDelivery,
    SmtpSettings,
    Transport,
    redact,
)
from kiosk.storage.engine import Database

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
MAX_CONSECUTIVE_FAILURES = 5  # a server refusing five in a row is refusing the batch
SENDER_SETTING = "invite.sender"
SMTP_SETTING = "invite.smtp"


# --- the batch ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryItem:
    id: int
    name: str
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "reason": self.reason}


@dataclass
class DeliveryReport:
    target: str
    records_state: bool
    sent: list[DeliveryItem] = field(default_factory=list)
    failed: list[DeliveryItem] = field(default_factory=list)
    skipped: list[DeliveryItem] = field(default_factory=list)
    remaining: list[DeliveryItem] = field(default_factory=list)  # not attempted (stopped early)
    already_sent: int = 0
    error: str | None = None
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return self.error is None and not self.cancelled and not self.failed and not self.remaining

    def to_json(self, out: str | None = None) -> dict[str, Any]:
        return {
            "sent": len(self.sent),
            "failed": [item.to_json() for item in self.failed],
            "skipped": [item.to_json() for item in self.skipped],
            "out": out,
            "remaining": [item.to_json() for item in self.remaining],
            "already_sent": self.already_sent,
            "error": self.error,
        }


@dataclass(frozen=True)
class Invitee:
    """One row of the invitations table, as plain data (what `skip_reason` and the table read)."""

    id: int
    name: str
    organization: str
    email: str | None
    status: str
    is_walk_in: bool
    delivery_state: str
    delivery_error: str
    delivered_at: datetime | None

    @classmethod
    def of(cls, p: Participant) -> Invitee:
        return cls(p.id, p.name, p.organization or "", p.email, p.status, bool(p.is_walk_in),
                   p.delivery_state, p.delivery_error or "", p.delivered_at)  # fmt: skip


def skip_reason(p: Participant | Invitee) -> str | None:
    """Why this person gets no invitation, or None."""
    if p.status == InvitationStatus.CANCELLED:
        return "초청 취소"
    if p.is_walk_in:
        return "현장 등록"
    if not p.email:
        return "이메일 없음"
    if not valid_address(p.email):
        return "이메일 주소 형식 오류"
    return None


NO_SENDER = "보내는 사람 주소가 정해지지 않았습니다: SMTP로 보내려면 실제 보내는 사람이 필요합니다"


def is_placeholder_sender(sender: str) -> bool:
    """The built-in example sender: a real relay rejects it or files it as spam."""
    return parse_sender(sender).domain.lower().endswith("kiosk.example")


def event_sender(session: Session, event_id: int) -> str | None:
    """The event's own sender ("사무국 <invite@example.org>"), or None when none is set.

    The one place that reads it: the event's sender fields (행사 정보 편집), else the sender the
    console saved last."""
    own = own_sender_of(session.get(Event, event_id))
    if own:
        return own
    stored = session.get(Setting, SENDER_SETTING)
    value = stored.value.strip() if stored is not None else ""
    try:
        return value if value and not is_placeholder_sender(value) else None
    except AddressError:
        return None


def default_sender(session: Session, event_id: int | None = None) -> str:
    """The sender for .eml files: the event's, else the built-in example (files are an export)."""
    return (event_sender(session, event_id) if event_id is not None else None) or _stored_or_default(session)


def _stored_or_default(session: Session) -> str:
    stored = session.get(Setting, SENDER_SETTING)
    return stored.value if stored is not None and stored.value.strip() else DEFAULT_SENDER


def send_invitations(
    db: Database,
    event_id: int,
    transport: Transport,
    *,
    sender: str | None = None,
    only_unsent: bool = False,
    participant_ids: Iterable[int] | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    min_interval: float = 0.0,
    operator: str = "",
    station: str = "",
    db_step: DbStep | None = None,
) -> DeliveryReport:
    """Send (or write) the invitations of one event. Never raises for delivery problems:
    they are in the report (`error` when the batch stopped early).

    `db_step(fn)` runs each database step (`fn()`) where the database is owned (the console's
    worker thread), so the mail server's waits happen elsewhere; by default, right here."""
    started = time.perf_counter()
    step = db_step or run_here
    report = DeliveryReport(target=transport.describe(), records_state=transport.records_state)
    wanted = set(participant_ids) if participant_ids is not None else None

    def read() -> tuple[Event, str | None, str, list[Participant]]:
        with db.session() as session:
            event = session.scalars(
                select(Event).where(Event.id == event_id).options(selectinload(Event.program))
            ).one()
            real_sender = sender or event_sender(session, event_id)
            people = list(
                session.scalars(
                    select(Participant).where(Participant.event_id == event_id).order_by(Participant.id)
                )
            )
            return event, real_sender, real_sender or default_sender(session), people

    event, real_sender, sender_text, people = step(read)
    composer = InvitationComposer(event, sender_text)
    envelope_from = composer.sender.addr_spec
    targets: list[Participant] = []
    for p in people:
        if wanted is not None and p.id not in wanted:
            continue
        reason = skip_reason(p)
        if reason is not None:
            report.skipped.append(DeliveryItem(p.id, p.name, reason))
        elif only_unsent and p.delivery_state == DeliveryState.SENT:
            report.already_sent += 1
        else:
            targets.append(p)
    if isinstance(transport, SmtpDelivery) and targets and (
        real_sender is None or is_placeholder_sender(real_sender)
    ):
        report.error = NO_SENDER
        report.remaining = [DeliveryItem(p.id, p.name) for p in targets]
        report.seconds = time.perf_counter() - started
        return report

    def mark_queued() -> None:
        if transport.records_state:
            step(lambda: _mark_queued(db, [p.id for p in targets]))

    def sent(p: Participant) -> None:
        log.info("invitation to participant %s delivered", p.id)
        if transport.records_state:
            step(lambda: _record(db, event_id, p.id, DeliveryState.SENT, "", operator, station))

    def failed(p: Participant, reason: str) -> None:
        log.info("invitation to participant %s failed: %s", p.id, reason)
        if transport.records_state:
            step(lambda: _record(db, event_id, p.id, DeliveryState.FAILED, reason, operator, station))

    run_batch(
        transport, report, [BatchMail(p.id, p.name, p.email or "", p) for p in targets],
        compose=lambda mail: composer.compose(mail.item), envelope_from=envelope_from,
        on_sent=lambda mail: sent(mail.item), on_failed=lambda mail, why: failed(mail.item, why),
        on_open=mark_queued, on_progress=on_progress, cancel=cancel, min_interval=min_interval,
    )  # fmt: skip
    report.seconds = time.perf_counter() - started
    return report


T = TypeVar("T")
DbStep = Callable[[Callable[[], T]], T]  # runs one database step where the database is owned


def run_here(fn: Callable[[], T]) -> T:
    """The default `db_step`: the caller owns the database (the CLI, a test)."""
    return fn()


@dataclass(frozen=True)
class BatchMail:
    """One message of a batch: who it is for, and what the caller composes it from."""

    id: int
    name: str
    address: str
    item: Any


def run_batch(
    transport: Transport,
    report: DeliveryReport,
    mails: list[BatchMail],
    *,
    compose: Callable[[BatchMail], Any],
    envelope_from: str,
    on_sent: Callable[[BatchMail], None],
    on_failed: Callable[[BatchMail, str], None],
    on_open: Callable[[], None] | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    min_interval: float = 0.0,
) -> DeliveryReport:
    """The one sending loop invitations and certificates share.

    Opens the transport, then sends one by one: throttled by `min_interval`, stopped by `cancel`
    (the rest become `remaining`), by a fatal server answer, or by MAX_CONSECUTIVE_FAILURES in a
    row. `on_sent` runs right after the server accepted a message, before the next one goes out,
    so what it records is never behind the mail server. Never raises for delivery problems.
    """
    total = len(mails)
    if on_progress:
        on_progress(0, total, "")
    if not mails:
        return report
    try:
        transport.open()
    except SendError as exc:
        report.error = exc.reason
        report.remaining = [DeliveryItem(m.id, m.name) for m in mails]
        log.info("batch not sent: %s", exc.reason)
        return report
    try:
        if on_open is not None:
            on_open()
        consecutive = 0
        last_send = 0.0
        for index, mail in enumerate(mails):
            wait = last_send + min_interval - time.monotonic()
            if (cancel is not None and cancel.is_set()) or _pause(wait, cancel):
                report.cancelled = True
                report.remaining = [DeliveryItem(q.id, q.name) for q in mails[index:]]
                break
            last_send = time.monotonic()
            try:
                transport.send(compose(mail), envelope_from, mail.address)
            except (SendError, AddressError) as exc:
                reason = exc.reason if isinstance(exc, SendError) else str(exc)
                fatal = isinstance(exc, SendError) and exc.fatal
                consecutive += 1
                report.failed.append(DeliveryItem(mail.id, mail.name, reason))
                on_failed(mail, reason)
                if fatal or consecutive >= MAX_CONSECUTIVE_FAILURES:
                    report.error = reason if fatal else f"연속 {consecutive}건 실패로 중단했습니다: {reason}"
                    report.remaining = [DeliveryItem(q.id, q.name) for q in mails[index + 1 :]]
                    break
            else:
                consecutive = 0
                report.sent.append(DeliveryItem(mail.id, mail.name))
                on_sent(mail)
            if on_progress:
                on_progress(index + 1, total, mail.name)
    finally:
        transport.close()
    return report


def _pause(seconds: float, cancel: threading.Event | None) -> bool:
    """Wait out the throttle; True when cancelled meanwhile (the GUI's stop button)."""
    if seconds <= 0:
        return False
    if cancel is None:
        time.sleep(seconds)
        return False
    return cancel.wait(seconds)


def resend_one(
    db: Database, event_id: int, participant_id: int, transport: Transport, **options: Any
) -> DeliveryReport:
    """Send one person's invitation again, whatever their state (the explicit re-send)."""
    return send_invitations(db, event_id, transport, participant_ids=[participant_id], **options)


def _mark_queued(db: Database, ids: list[int]) -> None:
    with db.write() as session:
        for p in session.scalars(select(Participant).where(Participant.id.in_(ids))):
            if p.delivery_state == DeliveryState.SENT:
                # Sending everyone again: whoever already has a mail stays `sent` until the new
                # one is accepted, so an interrupted re-send never makes --only-unsent mail them.
                continue
            p.delivery_state = DeliveryState.QUEUED
            p.delivery_error = ""


def _record(
    db: Database,
    event_id: int,
    participant_id: int,
    state: DeliveryState,
    reason: str,
    operator: str,
    station: str,
) -> None:
    # One committed transaction per person: the state on disk is never behind the mail server.
    with db.write() as session:
        p = session.get(Participant, participant_id)
        if p is None:
            return
        p.delivery_state = state
        p.delivery_error = reason
        if state is DeliveryState.SENT:
            p.delivered_at = utcnow()
        audit.record(
            session, action="invite", outcome=state.value, event_id=event_id, station=station,
            operator=operator, participant_id=participant_id, reason=reason or None,
        )  # fmt: skip
