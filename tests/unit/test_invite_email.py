"""The registration e-mail: structure, Korean headers, escaping, the template, .eml delivery."""

from __future__ import annotations

import email
import json
import re
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.models import DeliveryState, Event, InvitationStatus, Participant
from kiosk.invite import template as tpl
from kiosk.invite.delivery import EmlFolderDelivery, redact, send_invitations
from kiosk.invite.ics import make_ics
from kiosk.invite.message import AddressError, InvitationComposer, address_header, display_code, parse_sender
from kiosk.storage.engine import Database

NOW = datetime(2017, 11, 1, 9, 0, tzinfo=UTC)


def _load(db: Database, event_id: int, name: str = "김현미") -> tuple[Event, Participant]:
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        _ = list(event.program)
        person = session.scalars(select(Participant).filter_by(event_id=event_id, name=name)).one()
        return event, person


def _parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def _compose(db: Database, event_id: int, name: str = "김현미") -> tuple[EmailMessage, bytes, str]:
    event, person = _load(db, event_id, name)
    invitation = InvitationComposer(event, "콘퍼런스 사무국 <invite@forum.example>").compose(person, NOW)
    raw = invitation.as_bytes()
    return email.message_from_bytes(raw, policy=policy.default), raw, invitation.code  # type: ignore[return-value]


def test_structure_cid_attachments_and_ics(db: Database, demo_event_id: int) -> None:
    msg, raw, code = _compose(db, demo_event_id)
    assert msg.get_content_type() == "multipart/mixed"
    types = [part.get_content_type() for part in msg.walk()]
    assert types == [
        "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
        "image/png", "image/png", "text/calendar",
    ]  # fmt: skip
    inline = next(p for p in msg.walk() if p.get_content_disposition() == "inline")
    attached = [p for p in msg.iter_attachments()]
    assert [a.get_content_type() for a in attached] == ["image/png", "text/calendar"]
    html = msg.get_body(("html",)).get_content()
    cid = inline["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html
    assert inline.get_content() == attached[0].get_content()  # the same QR, inline and attached
    assert attached[0].get_filename() == "입장QR.png"
    ics = attached[1].get_content()
    assert "DTSTART:20171122T050000Z" in ics and "DTEND:20171122T080000Z" in ics
    assert "SUMMARY:혁신도시 시즌2 콘퍼런스" in ics and "METHOD:PUBLISH" in ics


def test_headers_are_ascii_and_decode_to_korean(db: Database, demo_event_id: int) -> None:
    msg, raw, _ = _compose(db, demo_event_id)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    # Spaces survive folding: "등록 안내", not "등록안내" (a trap of the stdlib's folder).
    assert msg["Subject"] == "[혁신도시 시즌2 콘퍼런스] 등록 안내 및 입장 QR 코드 — 김현미 장관님"
    assert msg["To"].addresses[0].display_name == "김현미"
    assert msg["To"].addresses[0].addr_spec == "hmkim@molit.example"
    assert msg["From"].addresses[0].display_name == "콘퍼런스 사무국"
    assert msg["Message-ID"].endswith("@forum.example>")


def test_bodies_carry_name_event_code_and_program(db: Database, demo_event_id: int) -> None:
    msg, _, code = _compose(db, demo_event_id)
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for body in (text, html):
        assert "김현미 장관님" in body
        assert "2017년 11월 22일 (수) 14:00–17:00" in body
        assert "부산 BEXCO" in body
        assert display_code(code) in body  # printed for manual entry
        assert "기조강연" in body
    assert token.normalise(display_code(code)) == code


def test_qr_in_the_mail_is_the_verified_token(db: Database, demo_event_id: int) -> None:
    from kiosk.scan.decoders import decode_image_file, make_decoder

    msg, _, code = _compose(db, demo_event_id)
    event, person = _load(db, demo_event_id)
    inline = next(p for p in msg.walk() if p.get_content_disposition() == "inline")
    import io

    from PIL import Image

    from kiosk.scan.decoders import gray_from_pil

    with Image.open(io.BytesIO(inline.get_content())) as image:
        (decoded,) = make_decoder(None).decode_gray(gray_from_pil(image))
    assert decoded == code
    assert token.verify(decoded, event.token_tag, event.signing_secret) == person.id
    assert callable(decode_image_file)


def test_no_personal_data_in_the_token(db: Database, demo_event_id: int) -> None:
    msg, _, code = _compose(db, demo_event_id)
    event, person = _load(db, demo_event_id)
    assert code == token.issue(event.token_tag, event.signing_secret, person.id)
    assert person.email and person.email.upper() not in code
    assert person.phone and re.sub(r"\D", "", person.phone)[-4:] not in code[:6]


def test_html_escapes_fields_and_template(db: Database, demo_event_id: int) -> None:
    with db.write() as session:
        person = session.scalars(select(Participant).filter_by(name="김현미")).one()
        person.name = '<script>alert("x")</script>'
        person.organization = "R&D <센터>"
        event = session.get(Event, demo_event_id)
        tpl.save_template(session, event, "{이름} 님께", "<b>{이름}</b> ({소속}) & {{행사명}}")
    event, person = _load(db, demo_event_id, '<script>alert("x")</script>')
    msg = _parse(InvitationComposer(event).compose(person, NOW).as_bytes())
    html = msg.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "R&amp;D &lt;센터&gt;" in html
    text = msg.get_body(("plain",)).get_content()
    assert '<b><script>alert("x")</script></b> (R&D <센터>) & {혁신도시 시즌2 콘퍼런스}' in text


@pytest.mark.parametrize(
    "subject",
    [
        "안내\r\nBcc: victim@else.example",
        "안내\nContent-Type: text/html",
        "{이름}\u2028X-Injected: yes",
    ],
)
def test_templates_and_names_cannot_add_headers(db: Database, demo_event_id: int, subject: str) -> None:
    with db.write() as session:
        event = session.get(Event, demo_event_id)
        event.email_subject_template = subject  # even if stored behind the editor's back
        person = session.scalars(select(Participant).filter_by(name="김현미")).one()
        person.name = "김현미\r\nCc: cc@else.example"
    event, person = _load(db, demo_event_id, "김현미\r\nCc: cc@else.example")
    raw = InvitationComposer(event).compose(person, NOW).as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["Cc"] is None and parsed["X-Injected"] is None
    assert parsed.get_content_type() == "multipart/mixed"
    assert "\n" not in parsed["Subject"]


def test_template_is_stored_with_the_event_and_checked(db: Database, demo_event_id: int) -> None:
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        assert tpl.template_of(event).is_default
    with db.write() as session:
        event = session.get(Event, demo_event_id)
        unknown = tpl.save_template(
            session, event, "{행사명} 초대장", "{호칭}께\n\n{장소}에서 뵙겠습니다. {0.__class__} {없는칸}"
        )
        assert unknown == ["없는칸"]  # {0.__class__} is no field at all: it stays text
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        assert event.email_subject_template == "{행사명} 초대장"
        template = tpl.template_of(event)
    values = {"행사명": "행사", "호칭": "김현미 장관님", "장소": "BEXCO"}
    assert tpl.render_subject(template, values) == "행사 초대장"
    # No attribute access, no format specs: unknown fields stay exactly as typed.
    assert (
        tpl.render_text(template, values) == "김현미 장관님께\n\nBEXCO에서 뵙겠습니다. {0.__class__} {없는칸}"
    )
    assert tpl.substitute("{name} / {code}", {"이름": "홍길동", "등록코드": "K1"}) == "홍길동 / K1"
    with db.write() as session:
        event = session.get(Event, demo_event_id)
        tpl.save_template(session, event, tpl.DEFAULT_SUBJECT, "")
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        assert event.email_subject_template is None and event.email_body_template is None


def test_ics_lines_are_folded_within_75_octets(db: Database, demo_event_id: int) -> None:
    event, person = _load(db, demo_event_id)
    data = make_ics(event, person.id, "K" * 26, NOW)
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    data.decode("utf-8")  # folding never splits a Hangul character
    unfolded = data.decode().replace("\r\n ", "")
    assert "DESCRIPTION:입장 코드: KKKKKKKKKKKKKKKKKKKKKKKKKK\\n\\n14:00–14:10 개회인사" in unfolded
    assert f"UID:event-{event.token_tag}-{person.id}@kiosk.invalid" in unfolded


def test_long_display_names_fold_into_rfc2047_words() -> None:
    from email.header import decode_header, make_header

    name = "혁신도시 시즌2 콘퍼런스 사무국 혁신도시 시즌2 콘퍼런스 사무국 담당자"
    value = address_header(name, "invite@forum.example", "From").encode()
    lines = f"From: {value}".splitlines()
    assert value.isascii() and all(len(line) <= 78 for line in lines)
    # RFC 2047 decoding (what mail clients do): whitespace between encoded-words is dropped.
    assert str(make_header(decode_header(value))) == f"{name} <invite@forum.example>"


def test_sender_and_address_validation() -> None:
    assert parse_sender("사무국 <invite@forum.example>").display_name == "사무국"
    assert parse_sender("invite@forum.example").addr_spec == "invite@forum.example"
    for bad in ("", "사무국", "a@b", "x <a b@c.example>", "a@b.example\nBcc: c@d.example"):
        with pytest.raises(AddressError):
            parse_sender(bad)


def test_redact_removes_addresses() -> None:
    assert (
        redact("550 5.1.1 <hmkim@molit.example>: mailbox\nunavailable")
        == "550 5.1.1 <<주소>>: mailbox unavailable"
    )


# --- .eml delivery ------------------------------------------------------------------------------


def test_eml_folder_writes_one_file_per_invitee_and_lists_skips(
    db: Database, demo_event_id: int, tmp_path: Path
) -> None:
    with db.write() as session:
        cancelled = session.scalars(select(Participant).filter_by(name="김현미")).one()
        cancelled.status = InvitationStatus.CANCELLED
        cancelled_id = cancelled.id
        people = list(session.scalars(select(Participant).filter_by(event_id=demo_event_id)))
        no_email = {p.id for p in people if not p.email}
        expected = {p.id for p in people if p.email and p.status != InvitationStatus.CANCELLED}
    progress: list[tuple[int, int, str]] = []
    report = send_invitations(
        db, demo_event_id, EmlFolderDelivery(tmp_path / "out"), on_progress=lambda *a: progress.append(a)
    )
    written = {int(p.stem) for p in (tmp_path / "out").glob("*.eml")}
    assert written == expected == {item.id for item in report.sent}
    assert not list((tmp_path / "out").glob("*.part"))
    skipped = {item.id: item.reason for item in report.skipped}
    assert skipped[cancelled_id] == "초청 취소"
    assert {pid for pid, reason in skipped.items() if reason == "이메일 없음"} == no_email
    assert progress[0] == (0, len(expected), "") and progress[-1][:2] == (len(expected), len(expected))
    assert report.complete
    # Writing files is not delivering: nobody is marked sent, so SMTP later still mails all.
    with db.session() as session:
        states = set(session.scalars(select(Participant.delivery_state)))
    assert states == {DeliveryState.NONE}


@pytest.mark.slow
def test_cli_invite_out_json(run_cli, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "메일"
    result = run_cli("invite", "--out", str(out), "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert set(summary) >= {"sent", "failed", "skipped", "out"}
    assert summary["sent"] == len(list(out.glob("*.eml"))) == 175
    assert summary["failed"] == [] and summary["out"] == str(out.resolve())
    assert all(set(item) == {"id", "name", "reason"} for item in summary["skipped"])
    assert "@" not in result.out + result.err  # no address leaves the program in a summary
    human = run_cli("invite", "--out", str(out), "--participant", "1")
    assert human.code == 0 and "파일 작성 1건" in human.out


def test_cli_invite_refuses_bad_arguments(run_cli, demo_event_id: int, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("KIOSK_SMTP_PASSWORD", raising=False)
    no_password = run_cli("invite", "--smtp", "127.0.0.1:2525", "--user", "organiser")
    assert no_password.code == 2 and "KIOSK_SMTP_PASSWORD" in no_password.err
    assert "Traceback" not in no_password.err and len(no_password.err.strip().splitlines()) == 1
    bad_port = run_cli("invite", "--smtp", "mail.example:http")
    assert bad_port.code == 2 and "포트" in bad_port.err
    bad_sender = run_cli("invite", "--out", str(tmp_path), "--from", "사무국")
    assert bad_sender.code == 2 and "보내는 사람" in bad_sender.err


# --- external codes ---------------------------------------------------------------------------


def test_external_registration_codes_check_in(desk: CheckInDesk) -> None:
    with desk.db.session() as session:
        guest = session.scalars(
            select(Participant).where(Participant.external_code.is_not(None)).order_by(Participant.id)
        ).first()
        assert guest is not None and guest.external_code
        external = guest.external_code
    verdict = desk.scan(external, station="입구1")
    assert verdict.status is ScanStatus.OK and verdict.participant and verdict.participant.id == guest.id
    # The same code typed lower case, without hyphens, or by a scanner in 한 mode: already in.
    from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS

    key_to_jamo = {keys: jamo for jamo, keys in _JAMO_KEYS.items() if len(keys) == 1}
    ime = "".join(key_to_jamo.get(ch.lower(), ch) for ch in external)
    for variant in (external.lower(), external.replace("-", ""), ime):
        assert desk.scan(variant, station="입구2").status is ScanStatus.ALREADY_CHECKED_IN
