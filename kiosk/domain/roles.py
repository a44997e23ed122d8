"""Steward and supervisor: the supervisor PIN, stored as a salted scrypt hash, with a lockout.

A PIN is at least 6 digits. Five wrong PINs in a row lock it; each lockout is longer than the one
before (1, 5, 15, 60, 60 … minutes) and the ladder only goes back to the start when the right
PIN is entered (the supervisor's reset): waiting out the lockouts buys a guesser 5 tries an hour.
The failure count is read and written under a row lock (SELECT … FOR UPDATE on PostgreSQL, the
write lock on SQLite), so four stations guessing at once still get five tries between them.

Stewards scan, search and register walk-ins; the supervisor's PIN unlocks undo, capacity
overrides, settings, export and leaving kiosk mode. The hash and the lockout live in the shared
`settings` table, so every station on one database knows the same PIN, and restarting the
program does not reset a lockout a guest may have triggered at a self-service kiosk.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import Setting, utcnow

PIN_HASH_KEY = "supervisor_pin_hash"
FAILURES_KEY = "supervisor_pin_failures"
LOCKED_UNTIL_KEY = "supervisor_pin_locked_until"

LOCKOUTS_KEY = "supervisor_pin_lockouts"

MAX_FAILURES = 5
LOCKOUT_STEPS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=60))
LOCKOUT = LOCKOUT_STEPS[0]
MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 12

# scrypt cost, chosen by measurement (docs/security.md): on the 2-core build machine one check
# took 91 ms at n=2**14, 187 ms at 2**15 and 405 ms at 2**16 (r=8, p=1). n=2**16 needs 64 MiB per
# guess, which is what starves a GPU; all 10**6 six-digit PINs then cost about 110 core-hours
# offline from a stolen database file (every 4-digit PIN used to fall in 8 minutes), and one
# Enter key at the desk still answers in well under half a second.
_N, _R, _P = 2**16, 8, 1
_MAXMEM = 256 * 1024 * 1024  # OpenSSL's default cap (32 MiB) is below what n=2**16, r=8 needs


class Role(enum.StrEnum):
    STEWARD = "steward"
    SUPERVISOR = "supervisor"


class PinCheck(enum.StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinResult:
    outcome: PinCheck
    failures: int = 0
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is PinCheck.OK

    def seconds_left(self, now: datetime | None = None) -> int:
        if self.locked_until is None:
            return 0
        return max(0, int((self.locked_until - (now or utcnow())).total_seconds() + 0.999))


class PinFormatError(ValueError):
    pass


class PinTooEasy(PinFormatError):
    """All one digit (111111) or a straight run up or down (123456, 654321, 012345)."""


def too_easy(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return len(steps) == 1 and steps <= {-1, 0, 1}


def validate_pin(pin: str) -> str:
    """A PIN is 6-12 ASCII digits (a number pad is all a kiosk keyboard may offer)."""
    pin = (pin or "").strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinFormatError("PIN은 숫자만 쓸 수 있습니다")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinFormatError(f"PIN은 {MIN_PIN_LENGTH}~{MAX_PIN_LENGTH}자리 숫자입니다")
    if too_easy(pin):
        raise PinTooEasy("PIN이 너무 쉽습니다: 한 숫자만(111111)이나 이어지는 숫자(123456, 654321)는 쓸 수 없습니다")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt-hex$hash-hex' (parameters stored so they can change later)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32, maxmem=_MAXMEM)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        if int(n) > 2**20 or int(r) > 32 or int(p) > 4:
            return False  # a planted hash must not make one check eat gigabytes
        digest = hashlib.scrypt(
            (pin or "").encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32,
            maxmem=_MAXMEM,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def needs_rehash(stored: str) -> bool:
    """A hash made with a weaker cost than today's (upgraded on the next right PIN)."""
    try:
        _scheme, n, r, p, *_ = stored.split("$")
        return (int(n), int(r), int(p)) != (_N, _R, _P)
    except ValueError:
        return True


# -- the shared settings table ------------------------------------------------------------------


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def pin_is_set(session: Session) -> bool:
    return bool(get_setting(session, PIN_HASH_KEY))


def set_pin(session: Session, pin: str, *, station: str = "", operator: str = "") -> None:
    """Store a new supervisor PIN (call inside a write transaction)."""
    put_setting(session, PIN_HASH_KEY, hash_pin(validate_pin(pin)))
    put_setting(session, FAILURES_KEY, "0")
    put_setting(session, LOCKED_UNTIL_KEY, "")
    put_setting(session, LOCKOUTS_KEY, "0")
    audit.record(session, action="pin_set", outcome="ok", station=station, operator=operator)


def lockout_for(level: int) -> timedelta:
    """The length of the `level`-th lockout in a row (0-based): 1, 5, 15, 60, 60 … minutes."""
    return LOCKOUT_STEPS[min(level, len(LOCKOUT_STEPS) - 1)]


def _lock_pin_row(session: Session) -> str:
    """Take the row lock every PIN check serialises on; the stored hash ("" when none).

    On PostgreSQL two stations checking at once would otherwise both read "4 failures" and both
    write 5; FOR UPDATE makes the second wait for the first's commit and read its count.
    """
    row = session.execute(
        select(Setting).where(Setting.key == PIN_HASH_KEY).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()
    for key in (FAILURES_KEY, LOCKED_UNTIL_KEY, LOCKOUTS_KEY):  # re-read after the lock
        session.get(Setting, key, populate_existing=True)
    return row.value if row is not None else ""


def lock_state(session: Session, now: datetime | None = None) -> PinResult | None:
    """The lockout in force now, or None."""
    now = now or utcnow()
    until_text = get_setting(session, LOCKED_UNTIL_KEY)
    if until_text:
        until = datetime.fromisoformat(until_text)
        if until > now:
            return PinResult(PinCheck.LOCKED, MAX_FAILURES, until)
    return None


def check_pin(session: Session, pin: str, *, station: str = "", now: datetime | None = None) -> PinResult:
    """Verify the supervisor PIN, counting failures; 5 wrong in a row lock it (1, 5, 15, 60 min…).

    Call inside a write transaction: the failure count is shared by every station.
    """
    now = now or utcnow()
    stored = get_setting(session, PIN_HASH_KEY)
    if not stored:
        return PinResult(PinCheck.NOT_SET)
    stored = _lock_pin_row(session)
    locked = lock_state(session, now)
    if locked is not None:
        # A locked PIN is not even checked, so guessing during the lockout learns nothing.
        audit.record(session, action="pin", outcome="locked", station=station)
        return locked
    if verify_pin(pin, stored):
        put_setting(session, FAILURES_KEY, "0")
        put_setting(session, LOCKED_UNTIL_KEY, "")
        put_setting(session, LOCKOUTS_KEY, "0")  # the supervisor's own PIN resets the ladder
        if needs_rehash(stored):
            put_setting(session, PIN_HASH_KEY, hash_pin(pin))
        audit.record(session, action="pin", outcome="ok", station=station)
        return PinResult(PinCheck.OK)
    failures = int(get_setting(session, FAILURES_KEY, "0") or 0) + 1
    if failures >= MAX_FAILURES:
        level = int(get_setting(session, LOCKOUTS_KEY, "0") or 0)
        until = now + lockout_for(level)
        put_setting(session, FAILURES_KEY, "0")
        put_setting(session, LOCKED_UNTIL_KEY, until.isoformat())
        put_setting(session, LOCKOUTS_KEY, str(level + 1))
        audit.record(session, action="pin", outcome="locked", station=station, failures=failures, lockout=level + 1)
        return PinResult(PinCheck.LOCKED, failures, until)
    put_setting(session, FAILURES_KEY, str(failures))
    audit.record(session, action="pin", outcome="wrong", station=station, failures=failures)
    return PinResult(PinCheck.WRONG, failures)
