"""Property tests of check-in tokens: every alteration refused, every honest mangling accepted.

"Honest mangling" is what the way to the kiosk does to a genuine code: a USB scanner typing with
Caps Lock on or with the Korean IME in 한 mode (the IME composes the keystrokes into Hangul
syllables, simulated below the way Windows' Dubeolsik IME does it), full-width input, the
hyphens of the e-mail's printed code, a trailing Enter.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.domain import token
from kiosk.domain.keyboard import FINALS as _FINALS
from kiosk.domain.keyboard import INITIALS as _INITIALS
from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS
from kiosk.domain.keyboard import MEDIALS as _MEDIALS
from kiosk.domain.token import ALPHABET, TokenError, TokenProblem

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

tags = st.text(alphabet=ALPHABET, min_size=4, max_size=4)
secrets = st.binary(min_size=16, max_size=32)
ids = st.integers(min_value=1, max_value=32**5 - 1)  # up to 33 million participants


@st.composite
def tokens(draw: st.DrawFn) -> tuple[str, str, bytes, int]:
    tag, secret, pid = draw(tags), draw(secrets), draw(ids)
    return token.issue(tag, secret, pid), tag, secret, pid


# --- a Dubeolsik IME, as a scanner in 한 mode meets it -----------------------------------------

_KEY_TO_JAMO = {keys: jamo for jamo, keys in _JAMO_KEYS.items() if len(keys) == 1}
_VOWELS = set(_MEDIALS)
_COMPOUND_VOWELS = {("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ", ("ㅜ", "ㅓ"): "ㅝ",
                    ("ㅜ", "ㅔ"): "ㅞ", ("ㅜ", "ㅣ"): "ㅟ", ("ㅡ", "ㅣ"): "ㅢ"}  # fmt: skip
_CLUSTERS = {("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ", ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ",
             ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ", ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ",
             ("ㅂ", "ㅅ"): "ㅄ"}  # fmt: skip
_SPLIT = {v: k for k, v in _CLUSTERS.items()}


def _jamo_for_key(ch: str) -> str | None:
    # Shift changes only Q W E R T O P (to ㅃ ㅉ ㄸ ㄲ ㅆ ㅒ ㅖ); other letters type the same jamo.
    return _KEY_TO_JAMO.get(ch) or _KEY_TO_JAMO.get(ch.lower())


def ime_type(keys: str) -> str:
    """What the Korean IME in 한 mode makes of these keystrokes."""
    out: list[str] = []
    cho = jung = jong = ""

    def flush() -> None:
        nonlocal cho, jung, jong
        if cho and jung:
            index = (_INITIALS.index(cho) * 21 + _MEDIALS.index(jung)) * 28 + _FINALS.index(jong)
            out.append(chr(0xAC00 + index))
        else:
            out.append(cho + jung)
        cho = jung = jong = ""

    for key in keys:
        jamo = _jamo_for_key(key)
        if jamo is None:  # digits and the rest pass through and end the syllable
            flush()
            out.append(key)
        elif jamo in _VOWELS:
            if cho and jung and jong:
                # 닭 + ㅏ -> 달가: a cluster's second half (or a single final) moves on.
                jong, moved = _SPLIT.get(jong, ("", jong))
                flush()
                cho, jung = moved, jamo
            elif cho and not jung:
                if cho in _SPLIT:
                    first, cho = _SPLIT[cho]
                    out.append(first)
                jung = jamo
            elif jung and (jung, jamo) in _COMPOUND_VOWELS:
                jung = _COMPOUND_VOWELS[jung, jamo]
            else:
                flush()
                jung = jamo
        else:  # a consonant
            if cho and jung and not jong and jamo in _FINALS:
                jong = jamo
            elif cho and jung and jong and (jong, jamo) in _CLUSTERS:
                jong = _CLUSTERS[jong, jamo]
            elif cho and not jung and (cho, jamo) in _CLUSTERS:
                cho = _CLUSTERS[cho, jamo]
            else:
                flush()
                cho = jamo
    flush()
    return "".join(out)


def test_ime_simulator_matches_known_examples() -> None:
    assert ime_type("asd") == "ㅁㄴㅇ"
    assert ime_type("an") == "무"
    assert ime_type("rkrk") == "가가"
    assert ime_type("ekfrk") == "달가"
    assert ime_type("hk") == "ㅘ"
    assert ime_type("QQ") == "ㅃㅃ"


# --- round trip and format ------------------------------------------------------------------


@SETTINGS
@given(tokens())
def test_issued_tokens_verify_and_fit_a_compact_qr(t: tuple[str, str, bytes, int]) -> None:
    code, tag, secret, pid = t
    assert token.verify(code, tag, secret) == pid
    assert 25 <= len(code) <= token.MAX_LENGTH <= 40
    # QR alphanumeric mode holds 0-9, A-Z: upper case only, and Crockford's unambiguous subset.
    assert set(code) <= set(ALPHABET)
    assert code.startswith(token.VERSION + tag)


# --- every alteration is refused --------------------------------------------------------------


@SETTINGS
@given(tokens(), st.data())
def test_every_symbol_bit_flip_is_refused(t: tuple[str, str, bytes, int], data: st.DataObject) -> None:
    code, tag, secret, _ = t
    for position in range(len(code)):
        for bit in range(5):
            value = token._VALUE[code[position]] ^ (1 << bit)
            altered = code[:position] + ALPHABET[value] + code[position + 1 :]
            with pytest.raises(TokenError):
                token.verify(altered, tag, secret)


@SETTINGS
@given(tokens())
def test_every_ascii_bit_flip_is_refused_except_letter_case(t: tuple[str, str, bytes, int]) -> None:
    code, tag, secret, pid = t
    for position, ch in enumerate(code):
        for bit in range(7):
            flipped = chr(ord(ch) ^ (1 << bit))
            altered = code[:position] + flipped + code[position + 1 :]
            if flipped.upper() == ch:  # the case bit of a letter: the same code, read case-blind
                assert token.verify(altered, tag, secret) == pid
                continue
            with pytest.raises(TokenError):
                token.verify(altered, tag, secret)


@SETTINGS
@given(tokens())
def test_every_truncation_is_refused_as_malformed(t: tuple[str, str, bytes, int]) -> None:
    code, tag, secret, _ = t
    for cut in range(len(code)):
        for piece in (code[:cut], code[cut + 1 :]):
            with pytest.raises(TokenError) as error:
                token.verify(piece, tag, secret)
            assert error.value.problem is TokenProblem.MALFORMED or piece == ""


@SETTINGS
@given(tokens(), secrets)
def test_resigned_forgery_is_an_invalid_signature(t: tuple[str, str, bytes, int], other: bytes) -> None:
    code, tag, secret, pid = t
    if other == secret:
        return
    forged = token.issue(tag, other, pid)  # well-formed, check character right, wrong key
    with pytest.raises(TokenError) as error:
        token.verify(forged, tag, secret)
    assert error.value.problem is TokenProblem.INVALID_SIGNATURE
    # Another participant's number under our tag, with a valid check character: same verdict.
    body = code[:-1]
    n = token._VALUE[body[5]]
    other_id = token._encode_int((pid + 1) % (32**n) or 1).rjust(n, "0")
    swapped = body[:6] + other_id + body[6 + n :]
    swapped += token._check_char(swapped)
    if swapped != code:
        with pytest.raises(TokenError) as error:
            token.verify(swapped, tag, secret)
        assert error.value.problem is TokenProblem.INVALID_SIGNATURE


@SETTINGS
@given(tokens(), tags)
def test_foreign_event_is_told_apart(t: tuple[str, str, bytes, int], our_tag: str) -> None:
    code, tag, secret, _ = t
    if our_tag == tag:
        return
    with pytest.raises(TokenError) as error:
        token.verify(code, our_tag, secret)
    assert error.value.problem is TokenProblem.WRONG_EVENT


# --- every honest mangling is accepted --------------------------------------------------------


@SETTINGS
@given(tokens(), st.data())
def test_any_letter_case_is_accepted(t: tuple[str, str, bytes, int], data: st.DataObject) -> None:
    code, tag, secret, pid = t
    mask = data.draw(st.lists(st.booleans(), min_size=len(code), max_size=len(code)))
    mangled = "".join(ch.lower() if lower else ch for ch, lower in zip(code, mask, strict=True))
    assert token.verify(mangled, tag, secret) == pid


@SETTINGS
@given(tokens(), st.data())
@example(("KHK1311TWZ9W3EMP6HH2MAK8F", "", b"", 0), None)  # the format's first demo token
def test_korean_ime_typing_is_accepted(t: tuple[str, str, bytes, int], data: st.DataObject | None) -> None:
    code, tag, secret, pid = t
    if data is None:  # the @example: a fixed token, checked for its recovery alone
        assert token.normalise(ime_type(code)) == code
        return
    caps = data.draw(st.lists(st.booleans(), min_size=len(code), max_size=len(code)))
    keys = "".join(ch if upper else ch.lower() for ch, upper in zip(code, caps, strict=True))
    typed = ime_type(keys) + data.draw(st.sampled_from(["", "\n", "\r\n", "\t"]))
    assert not typed.strip().isascii() or not any(c.isalpha() for c in code)
    assert token.verify(typed, tag, secret) == pid


@SETTINGS
@given(tokens())
def test_full_width_and_printed_groups_are_accepted(t: tuple[str, str, bytes, int]) -> None:
    code, tag, secret, pid = t
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code)
    grouped = "-".join(code[i : i + 5] for i in range(0, len(code), 5))
    spaced = " ".join(code[i : i + 4] for i in range(0, len(code), 4)).lower()
    for variant in (full_width, grouped, spaced, f"  {code}\r\n"):
        assert token.verify(variant, tag, secret) == pid
