"""The supervisor PIN: salted scrypt hashes, 6+ digits, and lockouts that grow (1, 5, 15, 60 min)."""

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


@pytest.mark.parametrize("bad", ["", "12", "1234", "12345", "abcdef", "12 3456", "１２３４５６", "1234567890123"])
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
        roles.set_pin(s, "246813", station="desk1")
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
        assert roles.check_pin(s, "246813", now=t0 + timedelta(seconds=59)).outcome is roles.PinCheck.LOCKED
    with db.write() as s:
        assert roles.check_pin(s, "246813", now=t0 + timedelta(seconds=61)).ok
    with db.session() as s:
        stored = s.get(Setting, roles.PIN_HASH_KEY).value
        outcomes = [e.outcome for e in s.query(AuditEntry).filter_by(action="pin")]
    assert "246813" not in stored
    assert outcomes == ["wrong"] * 4 + ["locked", "locked", "ok"]


def test_right_pin_resets_failures(db: Database) -> None:
    with db.write() as s:
        roles.set_pin(s, "135790")
    for _ in range(4):
        with db.write() as s:
            roles.check_pin(s, "999999")
    with db.write() as s:
        assert roles.check_pin(s, "135790").ok
    with db.write() as s:
        assert roles.check_pin(s, "999999").failures == 1


def test_lockouts_grow_and_only_the_right_pin_resets_the_ladder(db: Database) -> None:
    """Old code: a fixed one-minute lockout, 636 guesses in three hours."""
    with db.write() as s:
        roles.set_pin(s, "246813")
    now = datetime(2017, 11, 22, 5, 0, tzinfo=UTC)
    lengths = []
    for _ in range(5):
        result = None
        for _ in range(5):
            with db.write() as s:
                result = roles.check_pin(s, "000000", now=now)
        assert result is not None and result.outcome is roles.PinCheck.LOCKED
        lengths.append(result.seconds_left(now) // 60)
        now = result.locked_until + timedelta(seconds=1)
    assert lengths == [1, 5, 15, 60, 60]
    # Three hours of guessing now buys at most a handful of tries, not 636.
    with db.write() as s:
        assert roles.check_pin(s, "246813", now=now).ok
    for _ in range(5):
        with db.write() as s:
            result = roles.check_pin(s, "000000", now=now)
    assert result.seconds_left(now) == 60  # back at the first step after the supervisor's PIN


def test_kdf_cost_and_old_hashes_upgraded(db: Database) -> None:
    """Old code: scrypt n=2**14 (about 50 ms a guess): every 4-digit PIN fell in 8 minutes offline."""
    stored = roles.hash_pin("246813")
    assert stored.split("$")[1:4] == [str(2**16), "8", "1"]
    weak = "scrypt${}$8$1${}${}".format(
        2**14, "00" * 16, __import__("hashlib").scrypt(b"246813", salt=bytes(16), n=2**14, r=8, p=1, dklen=32).hex()
    )
    with db.write() as s:
        roles.put_setting(s, roles.PIN_HASH_KEY, weak)
    with db.write() as s:
        assert roles.check_pin(s, "246813").ok
    with db.session() as s:
        assert not roles.needs_rehash(roles.get_setting(s, roles.PIN_HASH_KEY))
    # A planted hash with an absurd cost is refused, not computed.
    assert not roles.verify_pin("246813", "scrypt$1073741824$8$1$00$00")
