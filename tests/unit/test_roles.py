"""The supervisor PIN: salted scrypt hashes, and five wrong PINs lock it for a minute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.domain import roles
from kiosk.domain.models import AuditEntry, Setting
from kiosk.storage.engine import Database


def test_hash_is_salted_and_verifies() -> None:
    a, b = roles.hash_pin("1234"), roles.hash_pin("1234")
    assert a != b  # different salts
    assert a.startswith("scrypt$")
    assert "1234" not in a
    assert roles.verify_pin("1234", a) and roles.verify_pin("1234", b)
    assert not roles.verify_pin("1235", a)
    assert not roles.verify_pin("1234", "garbage")
    assert not roles.verify_pin("1234", "md5$1$2$3$00$00")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "12 34", "１２３４", "1234567890123"])
def test_pin_format(bad: str) -> None:
    with pytest.raises(roles.PinFormatError):
        roles.validate_pin(bad)


def test_pin_not_set(db: Database) -> None:
    with db.write() as s:
        assert not roles.pin_is_set(s)
        assert roles.check_pin(s, "1234").outcome is roles.PinCheck.NOT_SET


def test_five_wrong_pins_lock_for_a_minute(db: Database) -> None:
    t0 = datetime(2017, 11, 22, 5, 0, tzinfo=UTC)
    with db.write() as s:
        roles.set_pin(s, "2468", station="desk1")
    for i in range(1, 5):
        with db.write() as s:
            result = roles.check_pin(s, "0000", now=t0)
        assert result.outcome is roles.PinCheck.WRONG and result.failures == i
    with db.write() as s:
        fifth = roles.check_pin(s, "0000", now=t0)
    assert fifth.outcome is roles.PinCheck.LOCKED
    assert fifth.seconds_left(t0) == 60
    # Locked: even the right PIN is refused, and the state survives a new session (restart).
    with db.write() as s:
        assert roles.check_pin(s, "2468", now=t0 + timedelta(seconds=59)).outcome is roles.PinCheck.LOCKED
    with db.write() as s:
        assert roles.check_pin(s, "2468", now=t0 + timedelta(seconds=61)).ok
    with db.session() as s:
        stored = s.get(Setting, roles.PIN_HASH_KEY).value
        outcomes = [e.outcome for e in s.query(AuditEntry).filter_by(action="pin")]
    assert "2468" not in stored
    assert outcomes == ["wrong"] * 4 + ["locked", "locked", "ok"]


def test_right_pin_resets_failures(db: Database) -> None:
    with db.write() as s:
        roles.set_pin(s, "1357")
    for _ in range(4):
        with db.write() as s:
            roles.check_pin(s, "9999")
    with db.write() as s:
        assert roles.check_pin(s, "1357").ok
    with db.write() as s:
        assert roles.check_pin(s, "9999").failures == 1
