"""Signed check-in tokens: event tag + participant number + HMAC, in Crockford Base32.

Layout (all characters from 0-9A-Z, so the QR uses alphanumeric mode):

    K | tag (4) | n (1) | participant id (n) | mac (17 = 85 bits) | check (1)

The leading K marks version 1. The tag names the event, so a foreign code is told apart from a
forged one. The check character catches typos before the HMAC is even computed. Reading is
case-insensitive and forgives the Korean IME, Crockford's look-alikes (I, L -> 1; O -> 0) and
hyphens or spaces a person may type.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from dataclasses import dataclass

from kiosk.domain.keyboard import clean_scanned_text

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
VERSION = "K"
TAG_LENGTH = 4
MAC_LENGTH = 17
MAX_LENGTH = 40
_MAX_ID_DIGITS = 7
_MIN_LENGTH = 1 + TAG_LENGTH + 2 + MAC_LENGTH + 1
_TOKEN_SHAPE = re.compile(rf"^K[0-9A-Z]{{{_MIN_LENGTH - 1},{MAX_LENGTH - 1}}}$")


class TokenProblem(enum.StrEnum):
    MALFORMED = "malformed"
    INVALID_SIGNATURE = "invalid_signature"
    WRONG_EVENT = "wrong_event"


class TokenError(ValueError):
    def __init__(self, problem: TokenProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem


@dataclass(frozen=True)
class ParsedToken:
    tag: str
    participant_id: int


def _encode_int(value: int) -> str:
    if value < 0:
        raise ValueError("negative id")
    digits = []
    while True:
        value, rem = divmod(value, 32)
        digits.append(ALPHABET[rem])
        if value == 0:
            return "".join(reversed(digits))


def _decode_int(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 32 + _VALUE[ch]
    return value


def _check_char(body: str) -> str:
    # Odd weights are invertible mod 32, so any single changed character changes the sum.
    total = sum(_VALUE[ch] * (2 * i + 1) for i, ch in enumerate(body))
    return ALPHABET[total % 32]


def _mac(secret: bytes, tag: str, id_text: str) -> str:
    digest = hmac.new(secret, f"kiosk-v1|{tag}|{id_text}".encode(), hashlib.sha256).digest()
    bits = int.from_bytes(digest[:11], "big") >> (88 - 5 * MAC_LENGTH)
    return "".join(ALPHABET[(bits >> (5 * (MAC_LENGTH - 1 - i))) & 31] for i in range(MAC_LENGTH))


def make_tag(raw: bytes) -> str:
    """An event tag from random bytes (at least 3)."""
    value = int.from_bytes(raw[:3], "big") >> 4
    return "".join(ALPHABET[(value >> (5 * (TAG_LENGTH - 1 - i))) & 31] for i in range(TAG_LENGTH))


def issue(tag: str, secret: bytes, participant_id: int) -> str:
    """The token printed in a participant's QR code."""
    if len(tag) != TAG_LENGTH or any(ch not in _VALUE for ch in tag):
        raise ValueError(f"bad event tag {tag!r}")
    id_text = _encode_int(participant_id)
    if len(id_text) > _MAX_ID_DIGITS:
        raise ValueError("participant id too large for a token")
    body = VERSION + tag + ALPHABET[len(id_text)] + id_text + _mac(secret, tag, id_text)
    return body + _check_char(body)


def normalise(text: str) -> str:
    """Canonical form of anything typed or scanned: IME undone, upper case, separators dropped."""
    cleaned = clean_scanned_text(text).upper()
    cleaned = re.sub(r"[\s\-_.]", "", cleaned)
    return cleaned.translate(_ALIASES)


def looks_like_token(text: str) -> bool:
    """True when the (normalised) text has a token's shape: worth verifying as one."""
    return bool(_TOKEN_SHAPE.match(text))


def parse(text: str) -> ParsedToken:
    """Check shape and check character (no secret needed); raise TokenError(MALFORMED)."""
    code = normalise(text)
    if not looks_like_token(code):
        raise TokenError(TokenProblem.MALFORMED, "not a kiosk token")
    if any(ch not in _VALUE for ch in code):
        raise TokenError(TokenProblem.MALFORMED, "character outside the alphabet")
    body, check = code[:-1], code[-1]
    if _check_char(body) != check:
        raise TokenError(TokenProblem.MALFORMED, "check character mismatch")
    n = _VALUE[body[1 + TAG_LENGTH]]
    id_start = 2 + TAG_LENGTH
    if not 1 <= n <= _MAX_ID_DIGITS or len(body) != id_start + n + MAC_LENGTH:
        raise TokenError(TokenProblem.MALFORMED, "length mismatch")
    id_text = body[id_start : id_start + n]
    return ParsedToken(tag=body[1 : 1 + TAG_LENGTH], participant_id=_decode_int(id_text))


def verify(text: str, tag: str, secret: bytes) -> int:
    """The participant id a genuine token of this event carries; TokenError otherwise."""
    parsed = parse(text)
    if parsed.tag != tag:
        raise TokenError(TokenProblem.WRONG_EVENT, f"token of event {parsed.tag}")
    code = normalise(text)
    id_start = 2 + TAG_LENGTH
    n = _VALUE[code[1 + TAG_LENGTH]]
    id_text = code[id_start : id_start + n]
    mac = code[id_start + n : id_start + n + MAC_LENGTH]
    if not hmac.compare_digest(mac, _mac(secret, tag, id_text)):
        raise TokenError(TokenProblem.INVALID_SIGNATURE)
    return parsed.participant_id
