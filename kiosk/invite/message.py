"""The registration e-mail: text + HTML alternatives, the QR inline (cid:), a PNG and an .ics.

Layout (what Gmail, Outlook, Naver Mail and Apple Mail all show correctly):

    multipart/mixed
      multipart/alternative
        text/plain                    the whole invitation, readable without images
        multipart/related
          text/html                   <img src="cid:...">
          image/png   (inline)        the QR code
      image/png       (attachment)    the same QR code, to save or print
      text/calendar   (attachment)    invitation.ics

Korean subjects and display names become RFC 2047 encoded-words (=?utf-8?b?...?=), lines
end in CRLF, and no template or roster cell can smuggle in a header (they are flattened to one
line before encoding).

Built with the `email.mime` classes and the compat32 policy rather than `EmailMessage`: the
same MIME, about four times faster (`EmailMessage` parses every header it sets into objects),
which is what lets 180 invitations go out in seconds. It also sidesteps a folding bug of the
modern policy, which puts the line break of a long Korean subject on the space *between* two
encoded-words, where RFC 2047 says whitespace is ignored: "등록 안내" arrived as "등록안내".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import encoders, policy
from email.header import Header
from email.headerregistry import Address
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from kiosk.domain.models import Event, Participant
from kiosk.invite import template as tpl
from kiosk.invite.ics import make_ics, program_lines
from kiosk.invite.qr import QrSize, render_png, token_for

_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]{2,}$")
DEFAULT_SENDER = "행사 사무국 <invitation@kiosk.example>"
QR_FILENAME = "입장QR.png"
ICS_FILENAME = "invitation.ics"
# compat32 writes Header objects folded at 78 and everything else as given, CRLF throughout.
WIRE = policy.compat32.clone(linesep="\r\n", max_line_length=78)


class AddressError(ValueError):
    """An e-mail address the message cannot be sent to (or from)."""


def valid_address(text: str | None) -> bool:
    return bool(text) and bool(_ADDRESS.match(text or "")) and text.isascii()  # type: ignore[union-attr]


def parse_sender(text: str) -> Address:
    """'사무국 <invite@example.org>' or a bare address -> Address; AddressError if unusable."""
    if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029" for ch in text):
        raise AddressError("보내는 사람 주소는 한 줄이어야 합니다")
    name, addr = parseaddr(text.strip())
    if not valid_address(addr):
        raise AddressError(f"보내는 사람 주소가 올바르지 않습니다: {text!r}")
    return Address(display_name=" ".join(name.split()), addr_spec=addr)


def event_sender(event: Event | None) -> str:
    """The sender the organiser gave the event ('포럼 사무국 <forum@example.org>'), or ''."""
    if event is None or not valid_address(event.sender_email):
        return ""
    return formataddr((" ".join(event.sender_name.split()), event.sender_email))


def subject_header(text: str) -> Header:
    """The subject as a Header: flattened to one line, encoded only if it is not plain ASCII."""
    flat = " ".join(text.split())
    return Header(flat, "us-ascii" if flat.isascii() else "utf-8", header_name="Subject")


def address_header(display_name: str, addr_spec: str, header_name: str = "To") -> Header | str:
    """'=?utf-8?b?6rmA7ZiE66+4?= <hmkim@molit.example>'. The name is flattened to one line,
    so a roster cell can only ever be a name, never another header."""
    if not valid_address(addr_spec):
        raise AddressError("이메일 주소 형식이 올바르지 않습니다")
    name = " ".join(display_name.split())
    if name.isascii():
        return formataddr((name, addr_spec))  # quotes "Kim, Hyun-mi" where needed
    header = Header(name, "utf-8", header_name=header_name)
    header.append(f"<{addr_spec}>", "us-ascii")
    return header


def display_code(code: str) -> str:
    """The code in groups of five for reading aloud or typing: KHK13-11TWZ-9W3EM-P6HH2-MAK8F.
    The scanner field ignores the hyphens."""
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


# The template speaks of the QR "below", which is true of the HTML part only; a reader of the
# plain-text part finds it in the attachment.
_QR_BELOW = re.compile(r"(?:바로\s*)?(?:아래|하단)(?:의|에\s*있는)?\s*QR\s*코드")


def text_part_wording(text: str) -> str:
    """The body for the plain-text part: the QR is in the attached 입장QR.png, not "below"."""
    return _QR_BELOW.sub(f"첨부 파일({QR_FILENAME})의 QR 코드", text)


@dataclass(frozen=True)
class Invitation:
    participant_id: int
    message: Message
    code: str
    png: bytes

    def as_bytes(self) -> bytes:
        return self.message.as_bytes(policy=WIRE)


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _png_part(png: bytes, disposition: str, cid: str | None = None) -> MIMEImage:
    part = MIMEImage(png, "png")
    if cid is not None:
        part["Content-ID"] = cid
    # RFC 2231 (filename*=utf-8''...) keeps the Korean file name intact in every modern client.
    part.add_header("Content-Disposition", disposition, filename=("utf-8", "", QR_FILENAME))
    return part


class InvitationComposer:
    """Builds one message per participant for an event (program and template read once)."""

    def __init__(self, event: Event, sender: str | Address | None = None) -> None:
        self.event = event
        sender = sender or event_sender(event) or DEFAULT_SENDER
        self.sender = sender if isinstance(sender, Address) else parse_sender(sender)
        self.reply_to = event.reply_to if valid_address(event.reply_to) else ""
        self.privacy = " ".join((event.privacy_line or "").split())
        self.template = tpl.template_of(event)
        self.zone = event.timezone or "Asia/Seoul"
        self.program = program_lines(list(event.program), self.zone)
        self._msgid_domain = self.sender.domain or "kiosk.invalid"

    def compose(self, participant: Participant, now: datetime | None = None) -> Invitation:
        if not valid_address(participant.email):
            raise AddressError("이메일 주소 형식이 올바르지 않습니다")
        now = now or datetime.now(UTC)
        code = token_for(participant, self.event)
        values = tpl.field_values(participant, self.event, display_code(code))
        png = render_png(code, QrSize.SCREEN)
        cid = make_msgid(idstring=f"qr{participant.id}", domain=self._msgid_domain)

        related = MIMEMultipart("related")
        # Text parts in canonical form (CRLF) before base64, as RFC 2046 asks.
        related.attach(MIMEText(_crlf(self._html(values, cid)), "html", "utf-8"))
        related.attach(_png_part(png, "inline", cid))
        alternative = MIMEMultipart("alternative")
        alternative.attach(MIMEText(_crlf(self._text(values)), "plain", "utf-8"))
        alternative.attach(related)
        # Bytes, base64: the CRLF line ends and folding RFC 5545 asks for arrive untouched.
        calendar = MIMEBase("text", "calendar", method="PUBLISH", charset="utf-8")
        calendar.set_payload(make_ics(self.event, participant.id, code, now))
        encoders.encode_base64(calendar)
        calendar.add_header("Content-Disposition", "attachment", filename=ICS_FILENAME)

        msg = MIMEMultipart("mixed", _subparts=[alternative, _png_part(png, "attachment"), calendar])
        msg["Subject"] = subject_header(tpl.render_subject(self.template, values))
        msg["From"] = address_header(self.sender.display_name, self.sender.addr_spec, "From")
        msg["To"] = address_header(participant.name, participant.email or "")
        if self.reply_to:
            msg["Reply-To"] = self.reply_to
        msg["Date"] = format_datetime(now.astimezone(UTC))
        msg["Message-ID"] = make_msgid(idstring=f"invite{participant.id}", domain=self._msgid_domain)
        for part in msg.walk():
            if part is not msg:
                del part["MIME-Version"]  # the email.mime classes stamp it on every part
        return Invitation(participant_id=participant.id, message=msg, code=code, png=png)

    # -- the two bodies ------------------------------------------------------------------------

    def _details(self, values: dict[str, str], *, code: bool = True) -> list[tuple[str, str]]:
        rows = [("행사", values["행사명"]), ("일시", values["일시"]), ("장소", values["장소"])]
        if values["주최"]:
            rows.append(("주최", values["주최"]))
        if code:  # the HTML shows it in the QR's frame, on one line, where a table cell would wrap it
            rows.append(("입장 코드", values["등록코드"]))
        if values["등록번호"]:
            rows.append(("등록번호", values["등록번호"]))
        return rows

    def _text(self, values: dict[str, str]) -> str:
        parts = [text_part_wording(tpl.render_text(self.template, values)), "", "─" * 30]
        parts += [f"{label}: {value}" for label, value in self._details(values)]
        if self.program:
            parts += ["", "[프로그램]", *self.program]
        parts += [
            "",
            "입장 QR 코드는 첨부된 그림 파일(입장QR.png)에 있습니다.",
            "일정은 첨부된 invitation.ics 파일로 달력에 추가할 수 있습니다.",
        ]
        if self.privacy:
            parts += ["", self.privacy]
        return "\n".join(parts) + "\n"

    def _html(self, values: dict[str, str], cid: str) -> str:
        esc = html.escape
        body = tpl.render_html_paragraphs(self.template, values)
        code = esc(values["등록코드"])
        # The code breaks at its hyphens otherwise: one line wherever the template puts it.
        body = body.replace(code, f'<span style="white-space:nowrap">{code}</span>')
        details = "".join(
            f'<tr><th style="text-align:left;padding:4px 16px 4px 0;color:#5f6b7a;font-weight:normal;'
            f'white-space:nowrap">{esc(label)}</th><td style="padding:4px 0">{esc(value)}</td></tr>'
            for label, value in self._details(values, code=False)
        )
        program = "".join(f'<li style="margin:2px 0">{esc(line)}</li>' for line in self.program)
        program_block = (
            f'<h3 style="font-size:16px;margin:24px 0 8px 0">프로그램</h3>'
            f'<ul style="padding-left:20px;margin:0">{program}</ul>'
            if program
            else ""
        )
        privacy = (
            f'<p style="margin:12px 0 0 0;font-size:12px;color:#5f6b7a">{esc(self.privacy)}</p>'
            if self.privacy
            else ""
        )
        return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{esc(values["행사명"])}</title></head>
<body style="margin:0;padding:0;background:#f4f6f8">
<div style="max-width:640px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1d232a;
font-family:'Malgun Gothic','Apple SD Gothic Neo','Noto Sans KR',sans-serif;font-size:15px;line-height:1.6;
word-break:keep-all;overflow-wrap:break-word">
<h2 style="font-size:20px;margin:0 0 20px 0;color:#0b5cad">{esc(values["행사명"])}</h2>
{body}
<div style="text-align:center;margin:24px 0;padding:12px 8px;border:1px solid #dde3ea;border-radius:8px">
<img src="cid:{esc(cid[1:-1])}" width="264" alt="입장 QR 코드"
 style="display:block;margin:0 auto;width:100%;max-width:264px;height:auto;image-rendering:pixelated">
<p style="margin:12px 0 0 0;color:#5f6b7a">입장 코드 (직접 입력용)</p>
<p style="margin:4px 0 0 0;font-family:Consolas,'Courier New',monospace;font-size:13px;
white-space:nowrap;word-break:keep-all">{esc(values["등록코드"])}</p>
</div>
<table style="border-collapse:collapse;margin:0">{details}</table>
{program_block}
<p style="margin:24px 0 0 0;font-size:13px;color:#5f6b7a">이 QR 코드는 본인 확인용이므로 다른 사람과 공유하지 마십시오.
일정은 첨부된 invitation.ics 파일로 달력에 추가할 수 있습니다.</p>
{privacy}
</div></body></html>
"""
