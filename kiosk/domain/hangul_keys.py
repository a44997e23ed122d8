"""Hangul typed with the IME in English mode: "rlagusal" → "김현미" (Dubeolsik layout).

Front-desk staff often start typing a name before noticing the 한/영 key is on 영. The search
tries the Hangul those keystrokes would have made, so the name is found anyway.
(`kiosk.domain.keyboard` does the opposite for scanners: Hangul back to the keys.)
"""

from __future__ import annotations

from kiosk.domain.keyboard import FINALS, INITIALS, JAMO_KEYS, MEDIALS

# The same Dubeolsik layout as the scanner recovery, read in the other direction.
_KEYS = {keys: jamo for jamo, keys in JAMO_KEYS.items() if len(keys) == 1}
_INITIALS, _MEDIALS, _FINALS = INITIALS, MEDIALS, FINALS
_PAIRS = {_KEYS[keys[0]] + _KEYS[keys[1]]: jamo for jamo, keys in JAMO_KEYS.items() if len(keys) == 2}
_VOWEL_PAIRS = {pair: jamo for pair, jamo in _PAIRS.items() if jamo in MEDIALS}
_FINAL_PAIRS = {pair: jamo for pair, jamo in _PAIRS.items() if jamo not in MEDIALS}
_SPLIT_FINAL = {pair: (key[0], key[1]) for key, pair in _FINAL_PAIRS.items()}


def _jamo(key: str) -> str | None:
    return _KEYS.get(key) or _KEYS.get(key.lower())


def qwerty_to_hangul(text: str) -> str:
    """Compose the syllables Dubeolsik makes from these keys; other characters pass through."""
    out: list[str] = []
    cho = jung = jong = ""

    def flush() -> None:
        nonlocal cho, jung, jong
        if cho and jung:
            code = (_INITIALS.index(cho) * 21 + _MEDIALS.index(jung)) * 28 + _FINALS.index(jong)
            out.append(chr(0xAC00 + code))
        else:
            out.append(cho + jung)
        cho = jung = jong = ""

    for key in text:
        jamo = _jamo(key)
        if jamo is None:
            flush()
            out.append(key)
        elif jamo in _INITIALS:  # a consonant
            if jung and cho and not jong and jamo in _FINALS:
                jong = jamo
            elif jong and jong + jamo in _FINAL_PAIRS:
                jong = _FINAL_PAIRS[jong + jamo]
            else:
                flush()
                cho = jamo
        else:  # a vowel
            if jong:
                # The last consonant moves to the new syllable: 김+ㅏ → 기마.
                keep, move = _SPLIT_FINAL.get(jong, ("", jong))
                jong = keep
                flush()
                cho, jung = move, jamo
            elif jung and jung + jamo in _VOWEL_PAIRS:
                jung = _VOWEL_PAIRS[jung + jamo]
            elif jung or not cho:
                flush()
                jung = jamo
            else:
                jung = jamo
    flush()
    return "".join(out)


def looks_like_mistyped_hangul(text: str) -> str | None:
    """The Hangul meant, when ASCII letters compose into syllables and initials only."""
    if not text.isascii() or not any(ch.isalpha() for ch in text):
        return None
    hangul = qwerty_to_hangul(text)
    if not all("가" <= ch <= "힣" or ch in _INITIALS for ch in hangul):
        return None  # a lone vowel, a digit, a sign: this was meant as typed
    return hangul
