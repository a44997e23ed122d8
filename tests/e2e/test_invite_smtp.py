"""Invitations through a real SMTP server (aiosmtpd on 127.0.0.1): delivered, scanned, resumed.

Every message the server accepts is parsed with the standard `email` package, its inline QR
decoded with the project's decoder and the code checked in. The server is made to drop out
half way; resuming delivers each remaining invitation exactly once.
"""

from __future__ import annotations

import io
import json
import shutil
import ssl
from collections import Counter

import pytest
from PIL import Image
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.models import AuditEntry, DeliveryState, Participant
from kiosk.invite.delivery import Security, SmtpDelivery, SmtpSettings, resend_one, send_invitations
from kiosk.storage.engine import Database
from tests.e2e.invite_smtp_server import RecordingHandler, free_port, self_signed_certificate, smtp_server

# The test server takes a login over plain text on 127.0.0.1; aiosmtpd warns about exactly that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

SENDER = "콘퍼런스 사무국 <invite@forum.example>"


def _smtp(port: int, **extra: object) -> SmtpDelivery:
    return SmtpDelivery(SmtpSettings(host="127.0.0.1", port=port, security=Security.NONE, **extra))  # type: ignore[arg-type]


def _eligible(db: Database, event_id: int) -> dict[str, int]:
    with db.session() as session:
        return {
            p.email: p.id
            for p in session.scalars(select(Participant).filter_by(event_id=event_id))
            if p.email and not p.is_walk_in
        }


def _states(db: Database, event_id: int) -> Counter[str]:
    with db.session() as session:
        return Counter(
            str(state)
            for state in session.scalars(select(Participant.delivery_state).filter_by(event_id=event_id))
        )


def _inline_qr(message) -> list[str]:  # type: ignore[no-untyped-def]
    from kiosk.scan.decoders import gray_from_pil, make_decoder

    part = next(p for p in message.walk() if p.get_content_disposition() == "inline")
    with Image.open(io.BytesIO(part.get_content())) as image:
        return make_decoder(None).decode_gray(gray_from_pil(image))


@pytest.mark.slow
def test_batch_is_delivered_and_every_qr_checks_in(db: Database, demo_event_id: int) -> None:
    eligible = _eligible(db, demo_event_id)
    with smtp_server() as (server, handler):
        report = send_invitations(db, demo_event_id, _smtp(server.port), sender=SENDER)
    assert report.complete and len(report.sent) == len(eligible) == 175
    assert sorted(handler.recipients()) == sorted(eligible)
    assert _states(db, demo_event_id)[DeliveryState.SENT] == 175

    desk = CheckInDesk(db, demo_event_id)
    admitted = 0
    for item in handler.received:
        message = item.message()
        assert item.mail_from == "invite@forum.example"
        assert message["To"].addresses[0].addr_spec == item.rcpt_tos[0]
        (code,) = _inline_qr(message)
        verdict = desk.scan(code, station="입구1")
        # The room holds 150: every code is genuine, the door still counts seats.
        expected = ScanStatus.OK if admitted < 150 else ScanStatus.CAPACITY_FULL
        assert verdict.status is expected, (verdict, item.rcpt_tos)
        assert verdict.participant is not None and verdict.participant.id == eligible[item.rcpt_tos[0]]
        admitted += verdict.ok
    assert admitted == 150
    with db.session() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "invite")).all()
    assert len(audit) == 175 and all("@" not in entry.detail for entry in audit)


@pytest.mark.slow
def test_server_drops_out_half_way_then_resume_sends_each_once(db: Database, demo_event_id: int) -> None:
    eligible = _eligible(db, demo_event_id)
    handler = RecordingHandler(fail_after=60)
    with smtp_server(handler) as (server, _):
        first = send_invitations(db, demo_event_id, _smtp(server.port), sender=SENDER)
        assert first.error and "421" in first.error
        assert len(first.sent) == 60 and len(first.failed) == 1
        assert len(first.remaining) == len(eligible) - 61
        states = _states(db, demo_event_id)
        assert states[DeliveryState.SENT] == 60
        assert states[DeliveryState.FAILED] == 1
        assert states[DeliveryState.QUEUED] == len(eligible) - 61

        handler.fail_after = None  # the server is back
        resumed = send_invitations(db, demo_event_id, _smtp(server.port), sender=SENDER, only_unsent=True)
    assert resumed.complete and resumed.already_sent == 60
    assert len(resumed.sent) == len(eligible) - 60
    counts = Counter(handler.recipients())
    assert set(counts) == set(eligible) and set(counts.values()) == {1}  # everyone, exactly once
    assert _states(db, demo_event_id)[DeliveryState.SENT] == len(eligible)
    with db.session() as session:
        failed_before = session.get(Participant, first.failed[0].id)
        assert failed_before.delivery_error == "" and failed_before.delivered_at is not None


def test_one_refused_mailbox_fails_alone_and_resend_is_explicit(db: Database, demo_event_id: int) -> None:
    eligible = _eligible(db, demo_event_id)
    some = sorted(eligible.values())[:12]  # a dozen people are enough to show one failing alone
    refused_id = some[3]
    refused_address = next(address for address, pid in eligible.items() if pid == refused_id)
    handler = RecordingHandler(reject={refused_address})
    with smtp_server(handler) as (server, _):
        report = send_invitations(db, demo_event_id, _smtp(server.port), sender=SENDER, participant_ids=some)
        assert len(report.sent) == 11
        assert report.error is None
        assert [item.id for item in report.failed] == [refused_id]
        assert "550" in report.failed[0].reason and "@" not in report.failed[0].reason
        with db.session() as session:
            person = session.get(Participant, refused_id)
            assert person.delivery_state == DeliveryState.FAILED and "550" in person.delivery_error

        handler.reject.clear()
        again = send_invitations(
            db, demo_event_id, _smtp(server.port), sender=SENDER, only_unsent=True, participant_ids=some
        )
        assert again.already_sent == 11
        assert [item.id for item in again.sent] == [refused_id]
        # Re-sending to someone already sent happens only when asked for, and only to them.
        before = len(handler.received)
        one = resend_one(db, demo_event_id, refused_id, _smtp(server.port), sender=SENDER)
    assert [item.id for item in one.sent] == [refused_id] and len(handler.received) == before + 1
    assert Counter(handler.recipients())[refused_address] == 2


def test_connection_refused_and_bad_login_leave_states_alone(db: Database, demo_event_id: int) -> None:
    nobody = send_invitations(db, demo_event_id, _smtp(free_port()), sender=SENDER)
    assert nobody.error and "연결" in nobody.error and not nobody.sent and not nobody.failed
    assert set(_states(db, demo_event_id)) == {DeliveryState.NONE}

    with smtp_server(login=("organiser", "right")) as (server, handler):
        wrong = send_invitations(
            db, demo_event_id, _smtp(server.port, user="organiser", password="wrong"), sender=SENDER
        )
        assert wrong.error and "로그인" in wrong.error
        assert set(_states(db, demo_event_id)) == {DeliveryState.NONE}
        right = send_invitations(
            db, demo_event_id, _smtp(server.port, user="organiser", password="right"), sender=SENDER,
            participant_ids=[1, 2, 3],
        )  # fmt: skip
    assert len(right.sent) == 3 and len(handler.received) == 3


def test_throttle_spaces_messages_and_cancel_stops(db: Database, demo_event_id: int) -> None:
    import threading
    import time

    cancel = threading.Event()
    seen: list[float] = []

    def progress(done: int, total: int, name: str) -> None:
        seen.append(time.monotonic())
        if done == 4:
            cancel.set()

    with smtp_server() as (server, handler):
        report = send_invitations(
            db, demo_event_id, _smtp(server.port), sender=SENDER, min_interval=0.05,
            on_progress=progress, cancel=cancel,
        )  # fmt: skip
    assert report.cancelled and len(report.sent) == 4 and len(handler.received) == 4
    # Sends start at least 0.05 s apart, so the 4th starts >= 0.15 s after the batch began.
    assert seen[-1] - seen[0] >= 3 * 0.05
    assert len(report.remaining) == 175 - 4
    assert _states(db, demo_event_id)[DeliveryState.QUEUED] == 175 - 4  # resumable


@pytest.mark.slow
def test_cli_smtp_json_then_only_unsent(run_cli, db: Database, demo_event_id: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", "right")
    handler = RecordingHandler(fail_after=20)
    with smtp_server(handler, login=("organiser@forum.example", "right")) as (server, _):
        target = f"127.0.0.1:{server.port}"
        first = run_cli(
            "invite", "--smtp", target, "--user", "organiser@forum.example", "--interval", "0", "--json"
        )
        assert first.code == 2
        summary = json.loads(first.out)
        assert summary["sent"] == 20 and len(summary["failed"]) == 1 and summary["error"]
        # One line for the refusal (plus, with no supervisor PIN set, the warning that nothing protects the event).
        said = [line for line in first.err.strip().splitlines() if "책임자 PIN이 없어" not in line]
        assert len(said) == 1 and said[0].startswith("kiosk: ")
        assert "@" not in first.out + first.err

        handler.fail_after = None
        second = run_cli(
            "invite",
            "--smtp",
            target,
            "--user",
            "organiser@forum.example",
            "--only-unsent",
            "--interval",
            "0",
            "--json",
        )
        assert second.code == 0, second.err
        summary = json.loads(second.out)
        assert summary["sent"] == 155 and summary["already_sent"] == 20 and summary["failed"] == []
        assert summary["out"] is None
        third = run_cli("invite", "--smtp", target, "--user", "organiser@forum.example", "--only-unsent")
        assert third.code == 0 and "발송 0건" in third.out and "이미 발송 175명" in third.out
    assert set(Counter(handler.recipients()).values()) == {1}
    # The envelope sender defaults to the login, which most servers insist on.
    assert {item.mail_from for item in handler.received} == {"organiser@forum.example"}

    refused = run_cli(
        "invite", "--smtp", f"127.0.0.1:{free_port()}", "--from", "사무국 <office@forum.example>"
    )
    assert refused.code == 2 and "연결할 수 없습니다" in refused.err and "Traceback" not in refused.err


def test_interrupted_resend_to_everyone_never_doubles(db: Database, demo_event_id: int) -> None:
    some = sorted(_eligible(db, demo_event_id).values())[:12]
    handler = RecordingHandler()
    with smtp_server(handler) as (server, _):
        assert (
            len(
                send_invitations(
                    db, demo_event_id, _smtp(server.port), sender=SENDER, participant_ids=some
                ).sent
            )
            == 12
        )
        handler.fail_after = 12 + 5  # sending everyone again, the server drops out after five
        again = send_invitations(db, demo_event_id, _smtp(server.port), sender=SENDER, participant_ids=some)
        assert len(again.sent) == 5 and len(again.failed) == 1 and len(again.remaining) == 6
        states = _states(db, demo_event_id)
        assert states[DeliveryState.SENT] == 11 and states[DeliveryState.FAILED] == 1
        assert states[DeliveryState.QUEUED] == 0  # those who had their mail keep `sent`
        handler.fail_after = None
        resumed = send_invitations(
            db, demo_event_id, _smtp(server.port), sender=SENDER, participant_ids=some, only_unsent=True
        )
    assert [item.id for item in resumed.sent] == [again.failed[0].id] and resumed.already_sent == 11


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_starttls_and_ssl_with_verified_certificates(db: Database, demo_event_id: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cert, key = self_signed_certificate(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))

    def delivery(port: int, security: Security, context: ssl.SSLContext | None) -> SmtpDelivery:
        settings = SmtpSettings(host="127.0.0.1", port=port, security=security)
        return SmtpDelivery(settings, ssl_context=context)

    with smtp_server(starttls=server_context) as (server, handler):
        ok = send_invitations(
            db,
            demo_event_id,
            delivery(server.port, Security.STARTTLS, trusting),
            sender=SENDER,
            participant_ids=[1, 2],
        )
        assert len(ok.sent) == 2 and len(handler.received) == 2
        # The system's trust store does not know this certificate: refused, clearly, nothing sent.
        untrusted = send_invitations(
            db,
            demo_event_id,
            delivery(server.port, Security.STARTTLS, None),
            sender=SENDER,
            participant_ids=[3],
        )
        assert untrusted.error and "TLS" in untrusted.error and not untrusted.sent
        plain = send_invitations(
            db, demo_event_id, delivery(server.port, Security.NONE, None), sender=SENDER, participant_ids=[3]
        )
        assert plain.error and not plain.sent  # the server insists on STARTTLS
    with smtp_server(implicit_tls=server_context) as (server, handler):
        ok = send_invitations(
            db,
            demo_event_id,
            delivery(server.port, Security.SSL, trusting),
            sender=SENDER,
            participant_ids=[4],
        )
    assert len(ok.sent) == 1 and len(handler.received) == 1


def test_reconnects_between_messages_before_the_server_would_cut_off(
    db: Database, demo_event_id: int
) -> None:
    some = sorted(_eligible(db, demo_event_id).values())[:7]
    with smtp_server() as (server, handler):
        report = send_invitations(
            db, demo_event_id, _smtp(server.port, max_per_connection=3), participant_ids=some, sender=SENDER
        )
    assert report.complete and len(handler.received) == 7
    assert len({item.peer for item in handler.received}) == 3  # 3 + 3 + 1 messages per connection
