"""Certificates of attendance by e-mail: the PDF attached to a short Korean note, through the
invitations' transports (an SMTP server, or a folder of .eml files).

Serials come from the ledger first (issuing is recorded even if a mail then fails; sending again
re-issues the same numbers). Only people who came and have a usable address get one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, make_msgid

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPainter
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.documents import certificates as pages
from kiosk.domain import audit
from kiosk.domain.certificates import Certificate, issue_certificates
from kiosk.domain.models import AuditEntry
from kiosk.invite.delivery import (
    NO_SENDER,
    BatchMail,
    DbStep,
    DeliveryItem,
    DeliveryReport,
    event_sender,
    is_placeholder_sender,
    run_batch,
    run_here,
)
from kiosk.invite.message import (
    WIRE,
    AddressError,
    address_header,
    parse_sender,
    subject_header,
    valid_address,
)
from kiosk.invite.transports import SmtpDelivery, Transport
from kiosk.storage.engine import Database

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class CertificateMail:
    """What a transport sends: the same shape as an invitation (participant_id, as_bytes)."""

    participant_id: int
    message: Message

    def as_bytes(self) -> bytes:
        return self.message.as_bytes(policy=WIRE)


def pdf_bytes(certificate: Certificate) -> bytes:
    """One certificate as PDF bytes, rendered in memory (works on a worker thread)."""
    from kiosk.report.pdf import ensure_gui_application

    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pages._writer_for(buffer, f"{certificate.event_name} 참석확인증")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("PDF를 만들 수 없습니다")
    try:
        pages.paint_certificate(painter, writer, certificate)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def compose(certificate: Certificate, sender: str, now: datetime | None = None) -> CertificateMail:
    if not valid_address(certificate.email):
        raise AddressError("이메일 주소 형식이 올바르지 않습니다")
    who = parse_sender(sender)
    body = (
        f"{certificate.name}님, 안녕하십니까.\n\n"
        f"「{certificate.event_name}」({certificate.event_when}, {certificate.venue})에 참석해 주셔서 감사합니다.\n"
        f"참석확인증(발급번호 제 {certificate.serial_text} 호)을 첨부 파일(PDF)로 보내 드립니다.\n\n"
        f"진위 확인 코드: {certificate.code}\n\n"
        f"{certificate.hosts or certificate.event_name + ' 사무국'} 드림\n"
    )
    msg = MIMEMultipart("mixed")
    msg.attach(MIMEText(body.replace("\n", "\r\n"), "plain", "utf-8"))
    attachment = MIMEApplication(pdf_bytes(certificate), "pdf")
    attachment.add_header(
        "Content-Disposition", "attachment", filename=("utf-8", "", pages.file_name(certificate))
    )
    msg.attach(attachment)
    msg["Subject"] = subject_header(f"[{certificate.event_name}] 참석확인증 — {certificate.name}님")
    msg["From"] = address_header(who.display_name, who.addr_spec, "From")
    msg["To"] = address_header(certificate.name, certificate.email)
    msg["Date"] = format_datetime((now or datetime.now(UTC)).astimezone(UTC))
    msg["Message-ID"] = make_msgid(idstring=f"certificate{certificate.participant_id}", domain=who.domain)
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    return CertificateMail(certificate.participant_id, msg)


def mailed(session: Session, event_id: int) -> set[int]:
    """Participants a certificate mail was accepted for (the audit log's `certificate sent`)."""
    rows = session.scalars(
        select(AuditEntry.participant_id).where(
            AuditEntry.event_id == event_id, AuditEntry.action == "certificate", AuditEntry.outcome == "sent"
        )
    )
    return {pid for pid in rows if pid is not None}


def send_certificates(
    db: Database,
    event_id: int,
    transport: Transport,
    *,
    sender: str | None = None,
    participant_ids: Iterable[int] | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    min_interval: float = 0.0,
    operator: str = "",
    station: str = "",
    db_step: DbStep | None = None,
    only_unsent: bool = False,
) -> DeliveryReport:
    """E-mail each attendee their certificate. Never raises for delivery problems (see the report).
    `only_unsent` skips whoever the audit log shows a certificate mail was accepted for (a
    stopped or interrupted mailing resumes without mailing anyone twice); `db_step` as in
    `kiosk.invite.delivery.send_invitations`."""
    started = time.perf_counter()
    step = db_step or run_here
    report = DeliveryReport(target=transport.describe(), records_state=transport.records_state)

    def issue() -> tuple[str | None, list[Certificate], set[int]]:
        with db.write() as session:
            chosen = list(participant_ids) if participant_ids else None
            done = mailed(session, event_id) if only_unsent else set()
            return sender or event_sender(session, event_id), issue_certificates(session, event_id, chosen), done

    real, issued, done = step(issue)
    report.already_sent = sum(1 for c in issued if c.participant_id in done)
    issued = [c for c in issued if c.participant_id not in done]
    targets = []
    for c in issued:
        if not c.email:
            report.skipped.append(DeliveryItem(c.participant_id, c.name, "이메일 없음"))
        elif not valid_address(c.email):
            report.skipped.append(DeliveryItem(c.participant_id, c.name, "이메일 주소 형식 오류"))
        else:
            targets.append(c)
    if targets and (real is None or is_placeholder_sender(real)):
        if isinstance(transport, SmtpDelivery):
            report.error = NO_SENDER
            report.remaining = [DeliveryItem(c.participant_id, c.name) for c in targets]
            return report
        real = real or "행사 사무국 <certificate@kiosk.example>"
    envelope = parse_sender(real).addr_spec  # type: ignore[arg-type]

    def record_sent(mail: BatchMail) -> None:
        with db.write() as session:
            audit.record(session, action="certificate", outcome="sent", event_id=event_id, station=station,
                         operator=operator, participant_id=mail.id, serial=mail.item.serial_text)  # fmt: skip

    def sent(mail: BatchMail) -> None:
        step(lambda: record_sent(mail))

    run_batch(
        transport, report, [BatchMail(c.participant_id, c.name, c.email or "", c) for c in targets],
        compose=lambda mail: compose(mail.item, real),  # type: ignore[arg-type]
        envelope_from=envelope, on_sent=sent, on_failed=lambda _mail, _why: None,
        on_progress=on_progress, cancel=cancel, min_interval=min_interval,
    )  # fmt: skip
    report.seconds = time.perf_counter() - started
    return report
