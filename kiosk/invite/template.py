"""The registration e-mail's words: a Korean default, and the organiser's own version.

The organiser edits plain text with fields in braces, e.g. ``{호칭}``, ``{행사명}``, ``{일시}``.
The template is stored with the event (``events.email_subject_template`` / ``email_body_template``;
NULL means "use the default"). Substitution is deliberately dumb: a field is a name from
``FIELDS`` and nothing else — no attribute access or format specs as with ``str.format``, so a
template can never reach into Python objects. Unknown fields stay as typed and are reported
by ``check_template`` so the editor can warn. In the HTML part every value and the template text
are escaped; the subject is flattened to one line so no template or name can add a header.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.domain.honorific import address
from kiosk.domain.models import Event, Participant
from kiosk.domain.timefmt import event_when, hhmm, korean_date

DEFAULT_SUBJECT = "[{행사명}] 등록 안내 및 입장 QR 코드 — {호칭}"

DEFAULT_BODY = """{호칭}, 안녕하십니까.

{주최}에서 개최하는 「{행사명}」에 귀하를 초대합니다.

  ■ 일시: {일시}
  ■ 장소: {장소}

행사 당일 입구에서 아래 QR 코드를 휴대전화 화면이나 인쇄물로 보여 주시면 바로 입장하실 수 있습니다.
QR 코드를 읽을 수 없으면 접수처에 등록코드 {등록코드} 를 알려 주십시오.

바쁘시더라도 참석하시어 자리를 빛내 주시기 바랍니다.
감사합니다.

{행사명} 사무국 드림"""

# Field name -> what it holds (shown in the template editor and docs/invitations.md).
FIELDS: dict[str, str] = {
    "이름": "참석자 성명 (김현미)",
    "호칭": "성명과 존칭 (김현미 장관님)",
    "소속": "소속 기관",
    "직위": "직위",
    "행사명": "행사 이름",
    "일시": "날짜와 시간 (2017년 11월 22일 (수) 14:00–17:00)",
    "날짜": "날짜 (2017년 11월 22일 (수))",
    "시간": "시간 (14:00–17:00)",
    "장소": "행사 장소",
    "주최": "주최 기관",
    "후원": "후원 기관",
    "등록코드": "QR 코드에 담긴 입장 코드 (직접 입력용)",
    "등록번호": "다른 시스템의 등록번호 (있을 때만)",
}
# English aliases, for organisers who prefer them.
ALIASES = {
    "name": "이름", "address": "호칭", "organization": "소속", "title": "직위",
    "event": "행사명", "when": "일시", "date": "날짜", "time": "시간", "venue": "장소",
    "hosts": "주최", "sponsor": "후원", "code": "등록코드", "external_code": "등록번호",
}  # fmt: skip

_FIELD = re.compile(r"\{([0-9A-Za-z_가-힣]+)\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
MAX_SUBJECT = 200


@dataclass(frozen=True)
class InviteTemplate:
    subject: str
    body: str

    @property
    def is_default(self) -> bool:
        return self.subject == DEFAULT_SUBJECT and self.body == DEFAULT_BODY


def template_of(event: Event) -> InviteTemplate:
    """The event's template, the default where the organiser left it empty."""
    return InviteTemplate(
        subject=(event.email_subject_template or "").strip() or DEFAULT_SUBJECT,
        body=(event.email_body_template or "").strip("\n") or DEFAULT_BODY,
    )


def save_template(session: Session, event: Event, subject: str, body: str) -> list[str]:
    """Store the organiser's template with the event; returns the unknown fields it uses.

    Saving the default text (or nothing) stores NULL, so later improvements of the default
    reach events whose organiser never changed it.
    """
    subject = _one_line(subject)
    body = body.replace("\r\n", "\n").strip("\n")
    event.email_subject_template = None if subject in ("", DEFAULT_SUBJECT) else subject
    event.email_body_template = None if body in ("", DEFAULT_BODY) else body
    session.add(event)
    return check_template(f"{subject}\n{body}")


def check_template(text: str) -> list[str]:
    """Fields the template names that do not exist (typos the editor should point out)."""
    unknown: list[str] = []
    for name in _FIELD.findall(text):
        if name not in FIELDS and name not in ALIASES and name not in unknown:
            unknown.append(name)
    return unknown


def field_values(participant: Participant, event: Event, code: str) -> dict[str, str]:
    zone = event.timezone or "Asia/Seoul"
    return {
        "이름": participant.name,
        "호칭": address(participant.name, participant.title, participant.category),
        "소속": participant.organization,
        "직위": participant.title,
        "행사명": event.name,
        "일시": event_when(event.starts_at, event.ends_at, zone),
        "날짜": korean_date(event.starts_at, zone),
        "시간": f"{hhmm(event.starts_at, zone)}–{hhmm(event.ends_at, zone)}",
        "장소": event.venue,
        "주최": event.hosts,
        "후원": event.sponsor,
        "등록코드": code,
        "등록번호": participant.external_code or "",
    }


def substitute(text: str, values: dict[str, str], escape: bool = False) -> str:
    """Fill the fields in; with escape=True the result is safe HTML text (template included)."""
    out: list[str] = []
    pos = 0
    for match in _FIELD.finditer(text):
        literal = text[pos : match.start()]
        name = ALIASES.get(match.group(1), match.group(1))
        value = values.get(name)
        piece = match.group(0) if value is None else value
        out.append(html.escape(literal) if escape else literal)
        out.append(html.escape(piece) if escape else piece)
        pos = match.end()
    tail = text[pos:]
    out.append(html.escape(tail) if escape else tail)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def render_subject(template: InviteTemplate, values: dict[str, str]) -> str:
    """The subject line: one line whatever the template or the names contain, bounded."""
    subject = _one_line(substitute(template.subject, values))
    return subject[:MAX_SUBJECT] or values.get("행사명", "")


def render_text(template: InviteTemplate, values: dict[str, str]) -> str:
    return substitute(template.body, values).strip("\n")


def render_html_paragraphs(template: InviteTemplate, values: dict[str, str]) -> str:
    """The body as HTML paragraphs: blank lines split paragraphs, single newlines are <br>."""
    escaped = substitute(template.body, values, escape=True)
    paragraphs = [p for p in re.split(r"\n\s*\n", escaped.strip("\n")) if p.strip()]
    return "\n".join(
        '<p style="margin:0 0 14px 0;white-space:pre-wrap">' + p.replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )
