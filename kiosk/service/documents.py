"""The documents' use cases: reports, roster import, invitations, certificates, badge sheets, QR.

Each is one user action returning plain data, declared with what it does while the shared
server is away. A report made on a station that is apart would silently leave out the other
stations' check-ins, so every report, import and mailing is REFUSED there (with what to do);
reads that only fill a screen, and work on a file alone, are LOCAL. On a plain SQLite file
nothing is ever apart and everything runs.

Long work takes a `progress` callback; it is called on the thread the use case runs on (the
console's worker), so a widget forwards it with `TaskManager.run_on_main`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from kiosk.domain.models import Event, Participant
from kiosk.service.usecase import Offline, use_case

if TYPE_CHECKING:
    from kiosk.invite.delivery import DbStep

REPORT_APART = (
    "공유 서버와 연결이 끊겨 있어 보고서를 만들지 않았습니다: 이 PC의 사본에는 다른 체크인 PC의 입장 기록이 "
    "빠져 있습니다. 연결이 돌아온 뒤 다시 내보내세요. (Not while this station is apart from the shared "
    "server: its copy lacks the other stations' check-ins. Export again once the connection is back.)"
)
PROTOCOL_APART = (
    "공유 서버와 연결이 끊겨 있어 의전 문서를 만들지 않았습니다: 다른 체크인 PC에서 도착한 내빈이 빠집니다. "
    "연결이 돌아온 뒤 다시 만드세요. (Not while apart from the shared server: guests who arrived at other "
    "stations would be missing. Try again once the connection is back.)"
)
IMPORT_APART = (
    "공유 서버와 연결이 끊겨 있어 명단을 가져오지 않았습니다: 명단은 서버에만 바꿀 수 있습니다. "
    "연결이 돌아온 뒤 다시 가져오세요. (The roster can only change on the shared server, which is away "
    "now. Import again once the connection is back.)"
)
MAIL_APART = (
    "공유 서버와 연결이 끊겨 있어 메일을 보내지 않았습니다: 누구에게 보냈는지는 서버에 기록해야 합니다. "
    "연결이 돌아온 뒤 다시 보내세요. (Nothing was sent: who got a mail is recorded on the shared server, "
    "which is away now. Send again once the connection is back.)"
)
CERTIFICATE_APART = (
    "공유 서버와 연결이 끊겨 있어 참석확인증을 발급하지 않았습니다: 발급 번호는 서버의 대장에서 받습니다. "
    "연결이 돌아온 뒤 다시 하세요. (Certificate serials come from the shared server's ledger, which is "
    "away now. Try again once the connection is back.)"
)
BADGES_APART = (
    "공유 서버와 연결이 끊겨 있어 배지 용지를 만들지 않았습니다: 출력 기록은 서버에 남겨야 합니다. "
    "연결이 돌아온 뒤 다시 하세요. (The badge print log lives on the shared server, which is away now. "
    "Try again once the connection is back.)"
)


@dataclass(frozen=True)
class MailSetup:
    """What the mail dialogs start from: the event, its sender, the saved SMTP form, the wording."""

    event_name: str
    timezone: str
    sender: str
    smtp: dict
    subject: str
    body: str


@dataclass(frozen=True)
class ResendPlan:
    sendable: list[int]
    refused: list[tuple[str, str]]  # (name, why not)
    already: list[str]  # names of people who already have their mail


@dataclass(frozen=True)
class InvitationPreview:
    subject: str
    html: str
    png: bytes
    cid: str


@dataclass(frozen=True)
class QrCode:
    code: str
    cancelled: bool


@dataclass(frozen=True)
class CertificateBatch:
    issued: int
    reissued: int
    written: list[Path]


class DocumentCases:
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    # -- the attendance report ----------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def event_title(self) -> str:
        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            return event.name if event is not None else ""

    @use_case(Offline.REFUSED, why=REPORT_APART)
    def report_data(self, *, mask_pii: bool = False):  # noqa: ANN201 - ReportData, imported lazily
        from kiosk.report.data import gather

        with self.backend.read() as session:
            return gather(session, self.event_id, mask_pii=mask_pii)

    @use_case(Offline.REFUSED, why=REPORT_APART)
    def export_report(
        self, paths: Sequence[str | Path], *, mask_pii: bool = False,
        progress: Callable[[float, str], None] | None = None,
    ) -> list[Path]:  # fmt: skip
        """Excel / CSV / PDF: every target is checked before any data is read (ReportTargetError)."""
        from kiosk.report import export_report

        return export_report(lambda: self.report_data(mask_pii=mask_pii), paths, progress=progress)

    @use_case(Offline.REFUSED, why=PROTOCOL_APART)
    def export_intro_card(self, path: str | Path, *, size: str = "A4") -> int:
        """내빈 소개 카드 PDF for whoever is present now; returns how many guests it names."""
        from kiosk.report.protocol_pdf import issue_intro_card

        with self.backend.read() as session:
            return issue_intro_card(session, self.event_id, path, size=size)

    @use_case(Offline.REFUSED, why=PROTOCOL_APART)
    def export_seating(self, path: str | Path, *, nameplates: bool = False) -> int:
        from kiosk.report.protocol_pdf import issue_seating

        with self.backend.read() as session:
            return issue_seating(session, self.event_id, path, nameplates=nameplates)

    # -- roster import ------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def read_roster(self, path: str | Path, progress: Callable[[int], None] | None = None):  # noqa: ANN201
        """Read a roster file (RosterTable; RosterFileError when it cannot be read). Touches no database."""
        from kiosk.domain.roster_files import read_roster_file

        return read_roster_file(path, progress=progress)

    @use_case(Offline.REFUSED, why=IMPORT_APART)
    def preview_import(self, table, mapping: Mapping[int, str]):  # noqa: ANN001, ANN201
        """What importing these rows would change (a dry run: nothing is written)."""
        from kiosk.domain.roster_import import import_table

        return import_table(self.backend.database, table, mapping, event_id=self.event_id, dry_run=True)

    @use_case(Offline.REFUSED, why=IMPORT_APART)
    def apply_import(self, table, mapping: Mapping[int, str], operator: str = ""):  # noqa: ANN001, ANN201
        """Import the rows the organiser previewed, in one transaction with its audit entry."""
        from kiosk.domain.roster_import import import_table

        return import_table(self.backend.database, table, mapping, event_id=self.event_id,
                            station=self.station, operator=operator)  # fmt: skip

    @use_case(Offline.REFUSED, why=IMPORT_APART)
    def import_roster_file(
        self, path: str | Path, *, dry_run: bool = False, overrides: Mapping[str, str] | None = None,
        operator: str = "",
    ):  # noqa: ANN201 - ImportReport  # fmt: skip
        """Read, check and import (or with dry_run only check) a roster file: the CLI's one call."""
        from kiosk.domain.roster_import import import_roster

        return import_roster(self.backend.database, path, event_id=self.event_id, dry_run=dry_run,
                             overrides=overrides, station=self.station, operator=operator)  # fmt: skip

    # -- invitations --------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def mail_setup(self) -> MailSetup:
        import json

        from kiosk.domain.models import Setting
        from kiosk.invite import template as tpl
        from kiosk.invite.delivery import SMTP_SETTING, event_sender

        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            assert event is not None
            stored = session.get(Setting, SMTP_SETTING)
            try:
                smtp = json.loads(stored.value) if stored is not None and stored.value else {}
            except ValueError:
                smtp = {}
            template = tpl.template_of(event)
            return MailSetup(event.name, event.timezone, event_sender(session, self.event_id) or "",
                             smtp if isinstance(smtp, dict) else {}, template.subject, template.body)  # fmt: skip

    @use_case(Offline.LOCAL)
    def invitees(self):  # noqa: ANN201 - list[Invitee]
        """Every participant with their delivery state, as plain rows for the invitations table."""
        from kiosk.invite.delivery import Invitee

        with self.backend.read() as session:
            people = session.scalars(
                select(Participant).where(Participant.event_id == self.event_id).order_by(Participant.id)
            )
            return [Invitee.of(p) for p in people]

    @use_case(Offline.REFUSED, why=MAIL_APART)
    def save_invitation_template(self, subject: str, body: str) -> list[str]:
        """Store the wording with the event; returns the {fields} it does not know."""
        from kiosk.invite import template as tpl

        with self.backend.write() as session:
            event = session.get(Event, self.event_id)
            assert event is not None
            return list(tpl.save_template(session, event, subject, body))

    @use_case(Offline.LOCAL)
    def preview_invitation(self, subject: str, body: str, sender: str = "") -> InvitationPreview | None:
        """The first invitee's mail as this wording (saved or not) makes it; None if nobody gets one.

        Raises AddressError for a sender that is not an address."""
        from kiosk.invite import template as tpl
        from kiosk.invite.delivery import skip_reason
        from kiosk.invite.message import InvitationComposer

        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            assert event is not None
            people = list(session.scalars(
                select(Participant).where(Participant.event_id == self.event_id).order_by(Participant.id)
            ))  # fmt: skip
            _ = list(event.program)
            session.expunge_all()  # the edits below must never reach the database
        person = next((p for p in people if skip_reason(p) is None), None)
        if person is None:
            return None
        event.email_subject_template = subject
        event.email_body_template = body
        composer = InvitationComposer(event, sender or None)
        invitation = composer.compose(person)
        shown = tpl.render_subject(composer.template, tpl.field_values(person, event, invitation.code))
        related = invitation.message.get_payload()[0].get_payload()[1]  # mixed > alternative > related
        html_part, image_part = related.get_payload()
        return InvitationPreview(shown, html_part.get_payload(decode=True).decode("utf-8"), invitation.png,
                                 image_part["Content-ID"].strip("<>"))  # fmt: skip

    @use_case(Offline.LOCAL)
    def plan_resend(self, participant_ids: Sequence[int]) -> ResendPlan:
        """Who of these can get their invitation again, who cannot (and why), who already has it."""
        from kiosk.domain.models import DeliveryState
        from kiosk.invite.delivery import skip_reason

        sendable: list[int] = []
        refused: list[tuple[str, str]] = []
        already: list[str] = []
        with self.backend.read() as session:
            for pid in participant_ids:
                person = session.get(Participant, pid)
                if person is None or person.event_id != self.event_id:
                    continue
                reason = skip_reason(person)
                if reason is not None:
                    refused.append((person.name, reason))
                    continue
                sendable.append(pid)
                if person.delivery_state == DeliveryState.SENT:
                    already.append(person.name)
        return ResendPlan(sendable, refused, already)

    @use_case(Offline.REFUSED, why=MAIL_APART)
    def send_invitations(
        self, transport, *, sender: str | None = None, only_unsent: bool = False,  # noqa: ANN001
        participant_ids: Sequence[int] | None = None, remember: bool = False, operator: str = "",
        progress: Callable[[int, int, str], None] | None = None, cancel: threading.Event | None = None,
        db_step: DbStep | None = None,
    ):  # noqa: ANN201 - DeliveryReport  # fmt: skip
        """Send (SMTP) or write (.eml folder) the registration mails; resumable with only_unsent.

        `remember` keeps the sender and the SMTP form (never the password) for next time.
        `db_step(fn)` runs each database step where the database is owned (the console's worker),
        while the mailing itself runs beside it (`TaskManager.run_beside`); the CLI leaves it out."""
        from kiosk.invite.delivery import send_invitations

        return self._deliver(send_invitations, transport, sender, remember, operator, progress, cancel, db_step,
                             only_unsent=only_unsent, participant_ids=participant_ids)  # fmt: skip

    @use_case(Offline.REFUSED, why=MAIL_APART)
    def resend_invitations(
        self, participant_ids: Sequence[int], transport, *, sender: str | None = None,  # noqa: ANN001
        remember: bool = False, operator: str = "", progress: Callable[[int, int, str], None] | None = None,
        cancel: threading.Event | None = None, db_step: DbStep | None = None,
    ):  # noqa: ANN201 - DeliveryReport  # fmt: skip
        """The explicit re-send: these people, whatever their state."""
        from kiosk.invite.delivery import send_invitations

        return self._deliver(send_invitations, transport, sender, remember, operator, progress, cancel, db_step,
                             participant_ids=list(participant_ids))  # fmt: skip

    # -- certificates -------------------------------------------------------------------------------

    @use_case(Offline.LOCAL)
    def certificate_audience(self) -> tuple[int, int]:
        """(how many came, how many of them have an e-mail address)."""
        from kiosk.domain.certificates import attendance

        with self.backend.read() as session:
            came = attendance(session, self.event_id)
        return len(came), sum(1 for a in came if a.email)

    @use_case(Offline.REFUSED, why=CERTIFICATE_APART)
    def issue_certificates(self, out: str | Path, participant_id: int | None = None) -> CertificateBatch:
        """참석확인증 PDF (one file, or one per person in a folder). LookupError for an unknown
        participant, NotAttended for one who never came; OSError when the file cannot be written."""
        from kiosk.documents.certificates import write_certificates
        from kiosk.domain.certificates import issue_certificates

        if participant_id is not None:
            with self.backend.read() as session:
                person = session.get(Participant, participant_id)
                if person is None or person.event_id != self.event_id:
                    raise LookupError(f"참석자 번호 {participant_id}을(를) 찾을 수 없습니다")
        with self.backend.write() as session:
            issued = issue_certificates(session, self.event_id, [participant_id] if participant_id else None)
        if not issued:
            return CertificateBatch(0, 0, [])
        written = write_certificates(issued, Path(out))
        return CertificateBatch(len(issued), sum(c.reissue for c in issued), written)

    @use_case(Offline.REFUSED, why=CERTIFICATE_APART)
    def send_certificates(
        self, transport, *, sender: str | None = None, participant_ids: Sequence[int] | None = None,  # noqa: ANN001
        remember: bool = False, operator: str = "", progress: Callable[[int, int, str], None] | None = None,
        cancel: threading.Event | None = None, db_step: DbStep | None = None, only_unsent: bool = False,
    ):  # noqa: ANN201 - DeliveryReport  # fmt: skip
        """E-mail each attendee their certificate (issued first, from the ledger); `only_unsent`
        leaves out whoever already got theirs (a stopped mailing resumes)."""
        from kiosk.documents.certificate_mail import send_certificates

        return self._deliver(send_certificates, transport, sender, remember, operator, progress, cancel, db_step,
                             participant_ids=participant_ids, only_unsent=only_unsent)  # fmt: skip

    @use_case(Offline.LOCAL)
    def verify_certificate(self, code: str):  # noqa: ANN201 - Verification
        """Whether a printed code is genuine: the ledger is never edited apart, so the copy answers."""
        from kiosk.domain.certificates import verify_code

        with self.backend.read() as session:
            return verify_code(session, self.event_id, code)

    # -- badges and QR ------------------------------------------------------------------------------

    @use_case(Offline.REFUSED, why=BADGES_APART)
    def print_badge_sheet(
        self, out: str | Path, *, layout: str = "a4-8", only_unprinted: bool = False, sort: str = "name",
    ):  # noqa: ANN201 - BadgeSheetResult  # fmt: skip
        from kiosk.documents.badge_sheet import print_badges

        return print_badges(self.backend.database, self.event_id, out, layout=layout,
                            only_unprinted=only_unprinted, sort=sort, station=self.station)  # fmt: skip

    @use_case(Offline.LOCAL)
    def participant_qr(self, participant_id: int) -> QrCode:
        """One participant's signed check-in code (LookupError if there is no such participant)."""
        from kiosk.invite.qr import token_for

        with self.backend.read() as session:
            person = session.get(Participant, participant_id)
            event = session.get(Event, person.event_id) if person is not None else None
            if person is None or event is None:
                raise LookupError(f"참석자 번호 {participant_id}을(를) 찾을 수 없습니다")
            return QrCode(token_for(person, event), person.status == "cancelled")

    # -- the one delivery path both mailings share --------------------------------------------------

    def _deliver(self, send, transport, sender, remember, operator, progress, cancel, db_step, **options):  # noqa: ANN001, ANN003, ANN202
        from kiosk.invite.delivery import SmtpDelivery, run_here

        step = db_step or run_here
        smtp = transport.settings if isinstance(transport, SmtpDelivery) else None
        if remember:
            step(lambda: self._remember_mail(sender or "", smtp))
        return send(self.backend.database, self.event_id, transport, sender=sender or None,
                    on_progress=progress, cancel=cancel, min_interval=smtp.min_interval if smtp else 0.0,
                    operator=operator, station=self.station, db_step=step, **options)  # fmt: skip

    def _remember_mail(self, sender: str, smtp) -> None:  # noqa: ANN001
        import json

        from kiosk.domain.models import Setting
        from kiosk.invite.delivery import SENDER_SETTING, SMTP_SETTING

        with self.backend.write() as session:
            if sender:
                session.merge(Setting(key=SENDER_SETTING, value=sender))
            if smtp is not None:  # never the password
                session.merge(Setting(key=SMTP_SETTING, value=json.dumps(smtp.public())))


def active_event_service(db, station: str):  # noqa: ANN001, ANN201 - Database -> DoorService
    """A door service on the file's active event, for a CLI command (NoEventError when none)."""
    from kiosk.domain.events import require_active_event
    from kiosk.service.service import DoorService

    with db.session() as session:
        event_id = require_active_event(session).id
    return DoorService.for_file(db, event_id, station)
