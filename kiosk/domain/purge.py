"""After the event: remove personal data no longer needed, keep what the report counts.

Phones, e-mail addresses, notes and delivery errors (a bounce message quotes the address) go.
Names, organisations, titles, categories, regions and every check-in stay, so the headcount and
the report's aggregates are the same before and after. The purge itself is audited (counts only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import CheckIn, Event, Participant, Setting, utcnow
from kiosk.domain.purge_audit import scrub_audit
from kiosk.storage.engine import Database

PURGE_REQUESTED_KEY = "purge_requested_at"
# Kept for good once a purge ran: a station's journal or a merged file from before the purge must
# not bring phones and e-mails back (kiosk/sync/merge.py strips them on the way in).
PURGED_KEY = "personal_data_purged_at"


@dataclass(frozen=True)
class PurgePreview:
    participants: int
    phones: int
    emails: int
    notes: int
    check_ins: int

    @property
    def anything(self) -> bool:
        return bool(self.phones or self.emails or self.notes)


def preview(session: Session) -> PurgePreview:
    """What a purge would remove (and the check-ins it keeps), for the confirmation prompt."""

    def count(*where: object) -> int:
        return len(session.scalars(select(Participant.id).where(*where)).all())

    return PurgePreview(
        participants=count(),
        phones=count(Participant.phone.is_not(None), Participant.phone != ""),
        emails=count(Participant.email.is_not(None), Participant.email != ""),
        notes=count(or_(Participant.notes != "", Participant.delivery_error != "")),
        check_ins=len(session.scalars(select(CheckIn.id)).all()),
    )


def purge_requested(session: Session) -> str:
    """When a purge was asked for and has not finished yet ("" when none is pending)."""
    row = session.get(Setting, PURGE_REQUESTED_KEY)
    return row.value if row is not None else ""


def mark_purge_requested(db: Database) -> None:
    """Remember, before anything is removed, that a purge was asked for: an interrupted purge is
    finished by the next run instead of saying "nothing to purge" over old backups and logs."""
    with db.write() as session:
        if session.get(Setting, PURGE_REQUESTED_KEY) is None:
            session.add(Setting(key=PURGE_REQUESTED_KEY, value=utcnow().isoformat()))


def purged_through_event(session: Session) -> int:
    """The highest event id whose personal data was purged here (0 if never): what arrives later for
    those events is stripped. An event created after the purge (next year's) is not affected."""
    row = session.get(Setting, PURGED_KEY)
    if row is None:
        return 0
    _, _, through = row.value.partition(" event<=")
    return int(through) if through.isdigit() else 2**31  # an unreadable marker: strip everything


def strip_personal_data(session: Session) -> int:
    """Remove phones, e-mails and notes left in this database (a replica after a purge); the count."""
    before = preview(session)
    session.execute(
        update(Participant).values(phone=None, email=None, notes="", delivery_error=""),
        execution_options={"synchronize_session": False},
    )
    return before.phones + before.emails + before.notes


def mark_purge_finished(db: Database) -> None:
    with db.write() as session:
        row = session.get(Setting, PURGE_REQUESTED_KEY)
        if row is not None:
            session.delete(row)


def purge_personal_data(db: Database, station: str = "", operator: str = "") -> PurgePreview:
    """Remove the personal data in one transaction; return what was removed."""
    with db.write() as session:
        before = preview(session)
        session.execute(
            update(Participant).values(phone=None, email=None, notes="", delivery_error=""),
            execution_options={"synchronize_session": False},
        )
        scrubbed = scrub_audit(session)
        last_event = session.scalar(select(func.max(Event.id))) or 0
        session.merge(Setting(key=PURGED_KEY, value=f"{utcnow().isoformat()} event<={last_event}"))
        audit.record(
            session, action="purge_personal_data", outcome="ok", station=station, operator=operator,
            phones=before.phones, emails=before.emails, notes=before.notes,
            participants=before.participants, check_ins=before.check_ins, audit_scrubbed=scrubbed,
        )  # fmt: skip
    compact(db)
    return before


def compact(db: Database) -> None:
    """Rewrite the file (SQLite) or the tables (PostgreSQL) so removed values are not left behind.

    PostgreSQL keeps old row versions until a vacuum: VACUUM FULL rewrites the tables now.
    """
    if not db.is_sqlite:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL participants, audit_entries, settings")
        return
    # The raw connection runs in autocommit (see engine.py): VACUUM refuses to run in a transaction.
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
