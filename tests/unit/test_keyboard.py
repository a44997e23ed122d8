"""Undoing the Korean IME: Dubeolsik jamo and syllables back to the QWERTY keys that typed them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain import token
from kiosk.domain.keyboard import clean_scanned_text, hangul_to_qwerty


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("ㅁㄴㅇ", "asd"),  # plain jamo
        ("무", "an"),  # a composed syllable
        ("ㅏ1무", "k1an"),  # digits pass through
        ("한글", "gksrmf"),
        ("괘", "rho"),  # compound vowel ㅙ = h + o
        ("ㅘㅝㅢ", "hknjml"),  # compound vowels typed alone
        ("닭", "ekfr"),  # final cluster ㄺ = f + r
        ("값", "rkqt"),  # final cluster ㅄ = q + t
        ("ㄳㄶㅀ", "rtsgfg"),  # clusters typed alone
        ("ㅃㅉㄸㄲㅆㅒㅖ", "QWERTOP"),  # shifted jamo are upper-case keys
        ("빢", "QkR"),  # shifted initial and final in one syllable
        ("ＡＢ１", "AB1"),  # full-width forms fold to ASCII
        ("ﾡﾱ", "ra"),  # half-width jamo
        ("\u1100\u1161\u11a8", "rkr"),  # conjoining jamo (NFD-style 각)
        ("K7QW", "K7QW"),  # ASCII untouched
    ],
)
def test_hangul_to_qwerty(typed: str, keys: str) -> None:
    assert hangul_to_qwerty(typed) == keys


def _dubeolsik_compose(keys: str) -> str:
    """What a 한-mode IME shows for lower-case keys, composed syllable by syllable (test oracle)."""
    from kiosk.domain.keyboard import FINALS as _FINALS
    from kiosk.domain.keyboard import INITIALS as _INITIALS
    from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS
    from kiosk.domain.keyboard import MEDIALS as _MEDIALS

    jamo_of = {v: k for k, v in _JAMO_KEYS.items() if len(v) == 1}
    jamo = [jamo_of.get(k, k) for k in keys]
    out, i = [], 0
    while i < len(jamo):
        j = jamo[i]
        if j in _INITIALS and i + 1 < len(jamo) and jamo[i + 1] in _MEDIALS:
            initial, medial = _INITIALS.index(j), _MEDIALS.index(jamo[i + 1])
            i += 2
            final = 0
            # A consonant becomes the final unless a vowel follows it (then it starts the next).
            if i < len(jamo) and jamo[i] in _FINALS and not (i + 1 < len(jamo) and jamo[i + 1] in _MEDIALS):
                final = _FINALS.index(jamo[i])
                i += 1
            out.append(chr(0xAC00 + (initial * 21 + medial) * 28 + final))
        else:
            out.append(j)
            i += 1
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=40))
def test_composed_syllables_round_trip(keys: str) -> None:
    assert hangul_to_qwerty(_dubeolsik_compose(keys)) == keys


def test_a_whole_token_survives_the_ime() -> None:
    code = token.issue("Q7WX", b"secret", 1234)
    typed = _dubeolsik_compose(code.lower())
    assert typed != code.lower()
    assert token.normalise(typed) == code


def test_a_token_with_syllables_survives_the_ime() -> None:
    code = "KAN7GKSRMF"  # k a n 7 g k s r m f  ->  ㅏ무7한글
    assert _dubeolsik_compose(code.lower()) == "ㅏ무7한글"
    assert token.normalise("ㅏ무7한글") == code


def test_clean_scanned_text_drops_controls_and_edges() -> None:
    assert clean_scanned_text("  ㅁㄴㅇ\r\n") == "asd"
    assert clean_scanned_text("\u202eAB\u200f12\x00") == "AB12"  # RTL marks, NUL
    assert clean_scanned_text("") == ""
