"""Guest-facing screens never show a phone number or an e-mail address, whoever is scanned."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInVerdict, ParticipantSummary
from kiosk.domain.models import Event, Participant
from kiosk.domain.phones import digits_of


def test_verdicts_carry_no_contact_data():
    fields = {f.name for f in dataclasses.fields(ParticipantSummary)} | {f.name for f in dataclasses.fields(CheckInVerdict)}
    assert not {"phone", "email", "notes"} & fields


def test_kiosk_screen_shows_no_phone_or_email(qtbot, db, desk, demo_event_id):
    from kiosk.ui.kiosk_mode import KioskScreen

    screen = KioskScreen("행사")
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        people = session.scalars(select(Participant).where(Participant.phone.is_not(None)).limit(25)).all()
        codes = [(p, token.issue(event.token_tag, event.signing_secret, p.id)) for p in people]
    assert codes
    for person, code in codes:
        for verdict in (desk.scan(code, "kiosk"), desk.scan(code, "kiosk")):  # ok, then already checked in
            screen.show_verdict(verdict)
            shown = " ".join(label.text() for label in screen.findChildren(QLabel))
            assert not person.email or person.email not in shown
            assert digits_of(person.phone)[-8:] not in digits_of(shown)
