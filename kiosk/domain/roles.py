"""Steward and supervisor: the supervisor PIN, stored as a salted scrypt hash, with a lockout.

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

from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import Setting, utcnow

PIN_HASH_KEY = "supervisor_pin_hash"
FAILURES_KEY = "supervisor_pin_failures"
LOCKED_UNTIL_KEY = "supervisor_pin_locked_until"

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=1)
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12

# scrypt cost: n=2**14, r=8 uses 16 MB and takes a few tens of milliseconds on a laptop (190 ms on
# the busy 2-core build machine): slow enough that guessing every 4-digit PIN from a stolen
# database file takes minutes rather than milliseconds, fast enough for one Enter key.
_N, _R, _P = 2**14, 8, 1


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


def validate_pin(pin: str) -> str:
    """A PIN is 4-12 digits (a number pad is all a kiosk keyboard may offer)."""
    pin = (pin or "").strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinFormatError("PIN은 숫자만 쓸 수 있습니다")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinFormatError(f"PIN은 {MIN_PIN_LENGTH}~{MAX_PIN_LENGTH}자리 숫자입니다")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt-hex$hash-hex' (parameters stored so they can change later)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            (pin or "").encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


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
    audit.record(session, action="pin_set", outcome="ok", station=station, operator=operator)


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
    """Verify the supervisor PIN, counting failures; 5 wrong in a row lock it for a minute.

    Call inside a write transaction: the failure count is shared by every station.
    """
    now = now or utcnow()
    stored = get_setting(session, PIN_HASH_KEY)
    if not stored:
        return PinResult(PinCheck.NOT_SET)
    locked = lock_state(session, now)
    if locked is not None:
        # A locked PIN is not even checked, so guessing during the lockout learns nothing.
        audit.record(session, action="pin", outcome="locked", station=station)
        return locked
    if verify_pin(pin, stored):
        put_setting(session, FAILURES_KEY, "0")
        put_setting(session, LOCKED_UNTIL_KEY, "")
        audit.record(session, action="pin", outcome="ok", station=station)
        return PinResult(PinCheck.OK)
    failures = int(get_setting(session, FAILURES_KEY, "0") or 0) + 1
    if failures >= MAX_FAILURES:
        until = now + LOCKOUT
        put_setting(session, FAILURES_KEY, "0")
        put_setting(session, LOCKED_UNTIL_KEY, until.isoformat())
        audit.record(session, action="pin", outcome="locked", station=station, failures=failures)
        return PinResult(PinCheck.LOCKED, failures, until)
    put_setting(session, FAILURES_KEY, str(failures))
    audit.record(session, action="pin", outcome="wrong", station=station, failures=failures)
    return PinResult(PinCheck.WRONG, failures)
