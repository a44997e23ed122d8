"""Korean phone numbers as offices write them, normalised to 010-1234-5678."""

from __future__ import annotations

import re
import unicodedata


def digits_of(text: str) -> str:
    # NFKC: full-width digits ("０１０") typed on a Korean keyboard become ASCII ones.
    text = unicodedata.normalize("NFKC", text or "")
    digits = re.sub(r"[^0-9]", "", text)
    # +82 10-1234-5678 and 82-10-... drop the country code and regain the trunk 0.
    if digits.startswith("82") and len(digits) in (11, 12) and not text.strip().startswith("0"):
        digits = "0" + digits[2:]
    return digits


def normalise_phone(text: str | None) -> str | None:
    """ "01012345678", "+82 10 1234 5678" -> "010-1234-5678"; None when there is no number.

    Numbers that are not Korean mobile or landline shapes are kept as written (trimmed),
    so nothing an office typed is thrown away.
    """
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip()
    d = digits_of(raw)
    # Excel keeps 010-1234-5678 typed as a number as 1012345678: the trunk 0 is gone.
    if re.fullmatch(r"1[016789]\d{7,8}", d) and not raw.startswith(("+", "82")):
        d = "0" + d
    if re.fullmatch(r"01[016789]\d{7,8}", d):
        return f"{d[:3]}-{d[3:-4]}-{d[-4:]}"
    if re.fullmatch(r"02\d{7,8}", d):
        return f"02-{d[2:-4]}-{d[-4:]}"
    if re.fullmatch(r"0[3-9]\d{8,9}", d):
        return f"{d[:3]}-{d[3:-4]}-{d[-4:]}"
    return raw


def last_four(text: str | None) -> str:
    d = digits_of(text or "")
    return d[-4:] if len(d) >= 4 else ""
