"""Whatever is held up to the scanner gets a verdict: nothing crashes, nobody is checked in by accident."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.events import create_event
from kiosk.domain.models import AuditEntry, CheckIn, Event, Participant

HOSTILE = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REFUSALS = set(ScanStatus) - {ScanStatus.OK}
SQL = [
    "'; DROP TABLE participants; --",
    "\" OR 1=1 --",
    "1; DELETE FROM check_ins",
    "' UNION SELECT signing_secret FROM events --",
    "%' OR external_code LIKE '%",
    "BXC-2017-%",
]
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
RTL = ["\u202e", "\u202b", "\u200f", "\u061c", "\u2067"]
HANGUL = st.characters(min_codepoint=0x3131, max_codepoint=0x318E) | st.characters(
    min_codepoint=0xAC00, max_codepoint=0xD7A3
)


@pytest.fixture
def genuine(desk: CheckInDesk) -> str:
    with desk.db.session() as session:
        event = session.get(Event, desk.event_id)
        pid = session.scalars(select(Participant.id).limit(1)).one()
        return token.issue(event.token_tag, event.signing_secret, pid)


@pytest.fixture
def foreign(desk: CheckInDesk) -> str:
    with desk.db.write() as session:
        other = create_event(
            session, name="다른 행사", venue="서울", capacity=10,
            starts_at=datetime(2018, 1, 1, tzinfo=UTC), ends_at=datetime(2018, 1, 1, 3, tzinfo=UTC),
        )  # fmt: skip
        pid = session.scalars(select(Participant.id).limit(1)).one()
        return token.issue(other.token_tag, other.signing_secret, pid)


def refused(desk: CheckInDesk, text: str) -> ScanStatus:
    verdict = desk.scan(text, station="s", operator="fuzz")
    assert verdict.status in REFUSALS, (text[:100], verdict.status)
    assert len(verdict.code) <= 80
    out = desk.check_out(text, station="s")
    assert out.status in REFUSALS
    return verdict.status


def nobody_inside(desk: CheckInDesk) -> None:
    with desk.db.session() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0


@HOSTILE
@given(data=st.binary(max_size=400), how=st.sampled_from(["latin-1", "utf-8", "surrogateescape", "cp949"]))
def test_random_bytes(desk: CheckInDesk, data: bytes, how: str) -> None:
    if how == "surrogateescape":
        text = data.decode("utf-8", errors="surrogateescape")  # lone surrogates included
    else:
        text = data.decode(how, errors="replace")
    refused(desk, text)
    nobody_inside(desk)


@settings(HOSTILE, max_examples=4)
@given(unit=st.text(min_size=1, max_size=8), size=st.integers(10_000, 10_240))
def test_ten_kilobyte_payloads(desk: CheckInDesk, genuine: str, unit: str, size: int) -> None:
    payload = (unit * (size // len(unit) + 1))[:size]
    assert refused(desk, payload) is ScanStatus.MALFORMED
    assert refused(desk, (genuine + " ") * 400) is ScanStatus.MALFORMED
    nobody_inside(desk)


@HOSTILE
@given(fragment=st.sampled_from(SQL), noise=st.text(max_size=20))
def test_sql_fragments(desk: CheckInDesk, fragment: str, noise: str) -> None:
    refused(desk, fragment + noise)
    refused(desk, noise + fragment)
    nobody_inside(desk)
    with desk.db.session() as session:  # the tables are all still there
        assert session.scalar(select(func.count(Participant.id))) > 100
        assert session.scalar(select(func.count(AuditEntry.id))) > 0


@HOSTILE
@given(text=st.text(alphabet=CONTROL, min_size=1, max_size=60), plain=st.text(max_size=30))
def test_control_characters(desk: CheckInDesk, text: str, plain: str) -> None:
    refused(desk, text)
    refused(desk, text + plain + text)
    nobody_inside(desk)


@HOSTILE
@given(mark=st.sampled_from(RTL), body=st.text(max_size=40), at=st.integers(0, 40))
def test_right_to_left_marks(desk: CheckInDesk, foreign: str, mark: str, body: str, at: int) -> None:
    refused(desk, body[:at] + mark + body[at:])
    # Another event's token stays another event's, marks or not.
    assert refused(desk, mark + foreign[:at] + mark + foreign[at:]) is ScanStatus.WRONG_EVENT
    nobody_inside(desk)


@HOSTILE
@given(noise=st.text(alphabet=HANGUL, min_size=1, max_size=60))
def test_hangul_noise(desk: CheckInDesk, noise: str) -> None:
    refused(desk, noise)
    nobody_inside(desk)


@HOSTILE
@given(case=st.sampled_from(["as is", "lower", "ime"]))
def test_another_events_token(desk: CheckInDesk, foreign: str, case: str) -> None:
    from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS

    jamo = {v: k for k, v in _JAMO_KEYS.items() if len(v) == 1 and v.islower()}
    text = {"as is": foreign, "lower": foreign.lower(), "ime": "".join(jamo.get(c.lower(), c) for c in foreign)}[case]
    assert refused(desk, text) is ScanStatus.WRONG_EVENT
    nobody_inside(desk)


@settings(HOSTILE, max_examples=40)
@given(position=st.integers(0, 100), replacement=st.sampled_from(token.ALPHABET + "IOLU"))
def test_one_changed_character(desk: CheckInDesk, genuine: str, position: int, replacement: str) -> None:
    position %= len(genuine)
    changed = genuine[:position] + replacement + genuine[position + 1 :]
    if token.normalise(changed) == genuine:  # I->1, O->0 ... may spell the very same token
        return
    # A changed K is no longer token-shaped: an unknown code (not_found), still refused.
    assert refused(desk, changed) in {
        ScanStatus.MALFORMED, ScanStatus.INVALID_SIGNATURE, ScanStatus.WRONG_EVENT, ScanStatus.NOT_FOUND
    }
    nobody_inside(desk)


def test_a_forged_token_with_a_valid_check_character_is_invalid_signature(desk: CheckInDesk, genuine: str) -> None:
    body = genuine[:-1]
    mac_start = len(body) - token.MAC_LENGTH
    tampered = body[:mac_start] + ("0" if body[mac_start] != "0" else "1") + body[mac_start + 1 :]
    forged = tampered + token._check_char(tampered)
    assert refused(desk, forged) is ScanStatus.INVALID_SIGNATURE
    nobody_inside(desk)


def test_every_hostile_scan_is_in_the_audit_log(desk: CheckInDesk) -> None:
    for text in ["", "x" * 10_000, SQL[0], "\u202e", "한글"]:
        refused(desk, text)
    with desk.db.session() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == 10  # scan + check-out each
