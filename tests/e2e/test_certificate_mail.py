"""Certificates by e-mail through a real local SMTP server: the PDF attached, exactly once per
person who came and has an address; no real sender, no mail; the console's supervisor dialog."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.models import AuditEntry, Participant
from kiosk.invite.delivery import NO_SENDER, Security, SmtpDelivery, SmtpSettings
from kiosk.storage.engine import Database
from tests.e2e.invite_smtp_server import smtp_server
from tests.event_day import fill_event_day

SENDER = "콘퍼런스 사무국 <office@forum.example>"


def _smtp(port: int) -> SmtpDelivery:
    return SmtpDelivery(SmtpSettings("127.0.0.1", port, Security.NONE, min_interval=0))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_each_attendee_with_an_address_gets_their_certificate(
    db: Database, demo_event_id: int, tmp_path: Path
) -> None:
    from kiosk.documents.certificate_mail import send_certificates

    fill_event_day(db, demo_event_id, arrivals=12)
    seen: list[tuple[int, int]] = []
    with smtp_server() as (server, handler):
        report = send_certificates(db, demo_event_id, _smtp(server.port), sender=SENDER,
                                   on_progress=lambda done, total, _n: seen.append((done, total)))  # fmt: skip
    with db.session() as session:
        emails = {p.id: p.email for p in session.scalars(select(Participant))}
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "certificate")).all()
    assert report.error is None and len(report.sent) == 12 and len(report.skipped) == 6  # walk-ins: no e-mail
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert sorted(handler.recipients()) == sorted(emails[i.id] for i in report.sent)
    assert len(audit) == 12
    message = handler.received[0].message()
    (pdf_part,) = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert pdf_part.get_filename().startswith("참석확인증-2017-")
    pdf = tmp_path / "attached.pdf"
    pdf.write_bytes(pdf_part.get_payload(decode=True))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_content()
    code = re.search(r"KC-\S+", body).group(0)
    assert code in text  # the attachment is the certificate the note names
    assert "참석확인증" in str(message["Subject"])


def test_no_real_sender_no_mail(db: Database, demo_event_id: int) -> None:
    from kiosk.documents.certificate_mail import send_certificates

    fill_event_day(db, demo_event_id, arrivals=3)
    with smtp_server() as (server, handler):
        report = send_certificates(db, demo_event_id, _smtp(server.port))
    assert report.error == NO_SENDER and not report.sent and handler.received == []


def test_a_stopped_certificate_mailing_resumes_without_mailing_anyone_twice(db: Database, demo_event_id: int) -> None:
    """Stop, then send again: it started over from the first guest, who got the certificate three
    times (second independent tester). With only_unsent (the dialog's default) it goes on."""
    import threading

    from kiosk.documents.certificate_mail import send_certificates

    fill_event_day(db, demo_event_id, arrivals=12)
    cancel = threading.Event()
    with smtp_server() as (server, handler):
        first = send_certificates(db, demo_event_id, _smtp(server.port), sender=SENDER, only_unsent=True, cancel=cancel,
                                  on_progress=lambda done, _total, _n: cancel.set() if done == 4 else None)  # fmt: skip
        second = send_certificates(db, demo_event_id, _smtp(server.port), sender=SENDER, only_unsent=True)
        again = send_certificates(db, demo_event_id, _smtp(server.port), sender=SENDER, only_unsent=True)
        recipients = handler.recipients()
    assert first.cancelled and len(first.sent) == 4
    assert len(second.sent) == 8 and second.already_sent == 4
    assert again.sent == [] and again.already_sent == 12
    assert len(recipients) == 12 and len(set(recipients)) == 12  # everyone once, nobody twice
