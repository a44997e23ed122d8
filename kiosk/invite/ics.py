"""An iCalendar (RFC 5545) file for the invitation: the event in the guest's calendar.

METHOD:PUBLISH, not REQUEST: a REQUEST would make mail clients offer "accept/decline" and send
replies to the organiser's address, which nobody reads for an invitation like this.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.domain.models import Event, ProgramItem
from kiosk.domain.timefmt import hhmm

PRODID = "-//kiosk//event check-in kiosk//KO"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n")
        .replace("\n", "\\n")
    )  # fmt: skip


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue after CRLF + space, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def program_lines(program: list[ProgramItem], zone: str) -> list[str]:
    """ "14:00–14:10 개회인사 (개회사/환영사/축사)" — shared with the e-mail's text part."""
    lines = []
    for item in program:
        detail = f" ({item.detail})" if item.detail else ""
        lines.append(f"{hhmm(item.starts_at, zone)}–{hhmm(item.ends_at, zone)} {item.title}{detail}")
    return lines


def make_ics(event: Event, participant_id: int, code: str, now: datetime | None = None) -> bytes:
    """The calendar file, CRLF line ends, UTF-8. The UID is stable per person and event,
    so a re-sent invitation updates the calendar entry instead of adding a second one."""
    zone = event.timezone or "Asia/Seoul"
    description = "\n".join(
        [
            f"입장 코드: {code}",
            "",
            *program_lines(list(event.program), zone),
        ]
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.token_tag}-{participant_id}@kiosk.invalid",
        f"DTSTAMP:{_utc(now or datetime.now(UTC))}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{_escape(event.name)}",
        f"LOCATION:{_escape(event.venue)}",
        f"DESCRIPTION:{_escape(description)}",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
