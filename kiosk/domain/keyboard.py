"""Undo what a Korean IME does to a scanner's keystrokes.

A USB scanner types key codes; with the IME in 한 mode, Dubeolsik turns them into jamo and then
into syllables ("asd" arrives as "ㅁㄴㅇ", "an" as "무"). Tokens use letters and digits only and
are case-insensitive, so mapping each jamo back to its key recovers the code exactly.
"""

from __future__ import annotations

import unicodedata

# Dubeolsik: compatibility jamo -> the QWERTY key(s) that produce it.
JAMO_KEYS: dict[str, str] = {
    "ㅂ": "q", "ㅈ": "w", "ㄷ": "e", "ㄱ": "r", "ㅅ": "t", "ㅛ": "y", "ㅕ": "u", "ㅑ": "i", "ㅐ": "o", "ㅔ": "p",
    "ㅁ": "a", "ㄴ": "s", "ㅇ": "d", "ㄹ": "f", "ㅎ": "g", "ㅗ": "h", "ㅓ": "j", "ㅏ": "k", "ㅣ": "l",
    "ㅋ": "z", "ㅌ": "x", "ㅊ": "c", "ㅍ": "v", "ㅠ": "b", "ㅜ": "n", "ㅡ": "m",
    "ㅃ": "Q", "ㅉ": "W", "ㄸ": "E", "ㄲ": "R", "ㅆ": "T", "ㅒ": "O", "ㅖ": "P",
    # Compound vowels and final clusters are two keystrokes.
    "ㅘ": "hk", "ㅙ": "ho", "ㅚ": "hl", "ㅝ": "nj", "ㅞ": "np", "ㅟ": "nl", "ㅢ": "ml",
    "ㄳ": "rt", "ㄵ": "sw", "ㄶ": "sg", "ㄺ": "fr", "ㄻ": "fa", "ㄼ": "fq", "ㄽ": "ft", "ㄾ": "fx",
    "ㄿ": "fv", "ㅀ": "fg", "ㅄ": "qt",
}  # fmt: skip

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]

_SYLLABLE_FIRST, _SYLLABLE_LAST = 0xAC00, 0xD7A3
_CONJOINING = {
    **{chr(0x1100 + i): j for i, j in enumerate(INITIALS)},
    **{chr(0x1161 + i): j for i, j in enumerate(MEDIALS)},
    **{chr(0x11A8 + i): j for i, j in enumerate(FINALS[1:])},
}


def _syllable_keys(ch: str) -> str:
    index = ord(ch) - _SYLLABLE_FIRST
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    jamo = INITIALS[initial] + MEDIALS[medial] + FINALS[final]
    return "".join(JAMO_KEYS[j] for j in jamo)


def hangul_to_qwerty(text: str) -> str:
    """Map Hangul jamo and syllables back to the Dubeolsik keys that typed them.

    Everything else passes through unchanged: "ㅏ1무" -> "k1an".
    """
    if text.isascii():
        return text
    out: list[str] = []
    for original in text:
        if _SYLLABLE_FIRST <= ord(original) <= _SYLLABLE_LAST:
            out.append(_syllable_keys(original))
            continue
        if original in JAMO_KEYS:
            # Before NFKC: it turns some clusters (ㅀ) into archaic initials no table knows.
            out.append(JAMO_KEYS[original])
            continue
        # NFKC folds full-width letters and halfwidth jamo, but turns compatibility jamo into
        # conjoining ones, which are mapped back here.
        for ch in unicodedata.normalize("NFKC", original):
            ch = _CONJOINING.get(ch, ch)
            out.append(JAMO_KEYS.get(ch, ch))
    return "".join(out)


def clean_scanned_text(text: str) -> str:
    """What a scanner or a person meant to type: IME undone, controls and edge spaces dropped."""
    text = hangul_to_qwerty(text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
