"""Issue 18, e-mail: a real sender or no SMTP at all; the HTML read in Chromium at 320 px;
the text part tells where the QR really is."""

from __future__ import annotations

import json
import subprocess
import sys
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.models import DeliveryState, Event, Participant
from kiosk.invite.delivery import NO_SENDER, SmtpDelivery, SmtpSettings, send_invitations
from kiosk.invite.message import InvitationComposer
from kiosk.invite.transports import Security
from kiosk.storage.engine import Database
from tests.e2e.invite_smtp_server import smtp_server

HERE = Path(__file__).parent


def _longest(db: Database, event_id: int) -> tuple[Event, Participant]:
    with db.session() as session:
        event = session.get(Event, event_id)
        people = session.scalars(select(Participant).where(Participant.event_id == event_id)).all()
        person = max((p for p in people if p.email), key=lambda p: len(p.organization) + len(p.title))
        event.program  # noqa: B018 - loaded while the session is open
        session.expunge_all()
    return event, person


def _parts(raw: bytes) -> tuple[str, str, bytes, list[str]]:
    msg = message_from_bytes(raw)
    text = html = ""
    png = b""
    attachments = []
    for part in msg.walk():
        part: Message
        kind = part.get_content_type()
        if part.get_content_disposition() == "attachment":
            attachments.append(part.get_filename() or "")
        elif kind == "text/plain":
            text = part.get_payload(decode=True).decode("utf-8")
        elif kind == "text/html":
            html = part.get_payload(decode=True).decode("utf-8")
        elif kind == "image/png":
            png = part.get_payload(decode=True)
    return text, html, png, attachments


def test_text_part_says_truthfully_where_the_qr_is(db: Database, demo_event_id: int) -> None:
    event, person = _longest(db, demo_event_id)
    invitation = InvitationComposer(event, "사무국 <invite@forum.example>").compose(person)
    text, html, _png, attachments = _parts(invitation.as_bytes())
    assert "아래 QR" not in text  # the text part has no QR below anything
    assert "첨부 파일(입장QR.png)의 QR 코드" in text
    assert "입장QR.png" in attachments
    assert "아래 QR 코드" in html  # in the HTML it is true: the picture follows


def test_html_at_320_px_in_chromium(db: Database, demo_event_id: int, tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    event, person = _longest(db, demo_event_id)
    invitation = InvitationComposer(event, "사무국 <invite@forum.example>").compose(person)
    _text, html, png, _att = _parts(invitation.as_bytes())
    (tmp_path / "qr.png").write_bytes(png)
    page = tmp_path / "mail.html"
    cid = invitation.message.get_payload()[0].get_payload()[1].get_payload()[1]["Content-ID"][1:-1]
    page.write_text(html.replace(f"cid:{cid}", "qr.png"), encoding="utf-8")
    shot = tmp_path / "mail-320.pdf"
    out = subprocess.run(
        [sys.executable, str(HERE / "html_at_320.py"), str(page), str(shot)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["viewport"] == 320
    assert seen["scroll_width"] <= 320  # nothing sticks out sideways
    qr = seen["qr"]
    assert qr["loaded"] and qr["width"] >= 200 and abs(qr["width"] - qr["height"]) < 1
    assert seen["frame"]["left"] <= qr["left"] and qr["right"] <= seen["frame"]["right"] <= 320
    code = seen["code"]
    assert code["text"].count("-") >= 4
    assert code["height"] < 1.5 * code["line_height"]  # one line
    assert code["scroll_width"] <= code["client_width"] and code["right"] <= 320
    assert len(seen["code_lines"]) >= 2 and set(seen["code_lines"]) == {1}
    assert seen["korean_words"] > 30 and seen["split_words"] == []  # 한국어 words stay whole
    assert shot.read_bytes().startswith(b"%PDF")  # pdftoppm it to look at the page


def test_cli_smtp_refuses_without_a_real_sender(run_cli, db: Database, demo_event_id: int) -> None:
    with smtp_server() as (server, handler):
        target = f"127.0.0.1:{server.port}"
        for extra in ((), ("--from", "행사 사무국 <invitation@kiosk.example>")):
            result = run_cli("invite", "--smtp", target, *extra)
            assert result.code == 2
            assert "--from" in result.err and len(result.err.strip().splitlines()) == 1
        assert handler.received == []
    with db.session() as session:
        touched = session.scalar(
            select(func.count()).where(Participant.delivery_state != DeliveryState.NONE)
        )
    assert touched == 0  # nothing changed


def test_domain_refuses_smtp_without_sender(db: Database, demo_event_id: int) -> None:
    with smtp_server() as (server, handler):
        smtp = SmtpDelivery(SmtpSettings("127.0.0.1", server.port, Security.NONE, min_interval=0))
        report = send_invitations(db, demo_event_id, smtp, participant_ids=[1, 2])
        assert report.error == NO_SENDER and not report.sent and len(report.remaining) == 2
        assert handler.received == []
