"""Hostile names, organisations, event texts and templates in the registration e-mail: no
header injection, no HTML injection, no calendar-property injection, only AddressError refused."""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime
from email import policy

import pytest
from fuzz_support import FAILURES, bounded, counted, report
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.models import Category, Event, Participant

TARGET = "invite.template_fields"
SNIPPETS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\r\nBcc: evil@example.com",
            "\nX-Injected: 1", "\r\nX-INJECTED:1\r\n", "=?utf-8?b?7ZeI?=", "{이름}", "{호칭}", "\"", "'>",
            "&amp;", "]]>", "\u2028", "\x00", "\ufeff", "국회의원", "의원님"]  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8)), max_size=5).map("".join),
)
EXPECTED_HEADERS = {"content-type", "mime-version", "subject", "from", "to", "date", "message-id"}


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    report([TARGET])


@st.composite
def invitations(draw: st.DrawFn) -> tuple[Event, Participant]:
    event = Event(
        id=1, name=draw(_TEXT) or "행사", venue=draw(_TEXT), hosts=draw(_TEXT), sponsor=draw(_TEXT),
        starts_at=datetime(2017, 11, 22, 5, 0, tzinfo=UTC), ends_at=datetime(2017, 11, 22, 8, 0, tzinfo=UTC),
        timezone="Asia/Seoul", capacity=150, token_tag="B7XK", signing_secret=b"s" * 32,
        email_subject_template=draw(st.one_of(st.none(), _TEXT)), email_body_template=draw(st.one_of(st.none(), _TEXT)),
    )  # fmt: skip
    event.program = []
    person = Participant(
        id=draw(st.integers(1, 10**6)), event_id=1, name=draw(_TEXT), organization=draw(_TEXT), title=draw(_TEXT),
        category=draw(st.sampled_from(list(Category))), external_code=draw(st.one_of(st.none(), _TEXT)),
        email=draw(st.one_of(st.just("kim.hm@example.com"), _TEXT, st.emails())),
    )  # fmt: skip
    return event, person


def _unfolded_ics_lines(text: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


@pytest.mark.slow
@bounded(80)
@given(invitations())
def test_no_field_can_inject_headers_html_or_calendar_lines(case: tuple[Event, Participant]) -> None:
    from kiosk.invite.message import AddressError, InvitationComposer

    counted(TARGET)
    event, person = case
    try:
        try:
            invitation = InvitationComposer(event).compose(person, now=datetime(2017, 11, 1, tzinfo=UTC))
        except AddressError:
            return  # refused with a message, nothing sent
        raw = invitation.as_bytes()
        parsed = email.message_from_bytes(raw, policy=policy.default)
        assert {k.lower() for k in parsed} == EXPECTED_HEADERS
        assert len(parsed.get_all("To")) == 1
        assert [a.addr_spec for a in parsed["To"].addresses] == [person.email]
        assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
        html = text = ics = ""
        for part in parsed.walk():
            if part.get_content_type() == "text/html":
                html = part.get_content()
            elif part.get_content_type() == "text/plain":
                text = part.get_content()
            elif part.get_content_type() == "text/calendar":
                ics = part.get_payload(decode=True).decode("utf-8")
        assert html and text and ics
        lowered = html.lower()
        assert "<script" not in lowered and "<img src=x" not in lowered
        assert not any(line.upper().startswith(("X-INJECTED", "BCC")) for line in _unfolded_ics_lines(ics))
    except BaseException:
        FAILURES[TARGET] += 1
        raise
