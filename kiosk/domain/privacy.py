"""Personal data made safe to hand out: masked phones and e-mails, inert spreadsheet cells.

Pure functions, shared by every export (reports, roster exports, screens guests can see).
"""

from __future__ import annotations

import re

from kiosk.domain.phones import digits_of, normalise_phone

# A spreadsheet treats a cell starting with one of these as a formula (or, for tab and CR/LF,
# may shift it into one when pasted): OWASP "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

_KEEP_LAST = 4


def mask_phone(value: str | None) -> str:
    """ "010-1234-5678" -> "010-****-5678"; the area/mobile prefix and the last four digits stay.

    Numbers in other shapes keep their last four digits only; empty input gives "".
    """
    if value is None or not str(value).strip():
        return ""
    shaped = normalise_phone(str(value)) or ""
    groups = shaped.split("-")
    if len(groups) == 3 and all(g.isdigit() for g in groups):
        return f"{groups[0]}-{'*' * len(groups[1])}-{groups[2]}"
    digits = digits_of(shaped)
    if len(digits) <= _KEEP_LAST:
        return "*" * max(len(digits), 4)
    return "*" * (len(digits) - _KEEP_LAST) + digits[-_KEEP_LAST:]


def mask_email(value: str | None) -> str:
    """ "kim.hm@example.com" -> "k***@example.com": first letter and the domain stay."""
    if value is None or not str(value).strip():
        return ""
    text = str(value).strip()
    local, at, domain = text.rpartition("@")
    if not at:  # not an address at all: show nothing of it but its first letter
        return f"{text[0]}***"
    if not local:
        return f"***@{domain}"
    return f"{local[0]}***@{domain}"


NOTES_MASK = "(가림)"
_EMAIL_IN_TEXT = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?82[-. ]?)?0?1[016789][-. ]?\d{3,4}[-. ]?\d{4}(?!\d)"
                            r"|(?<!\d)0\d{1,2}[-. )]\d{3,4}[-. ]\d{4}(?!\d)")


def mask_notes(value: str | None) -> str:
    """Notes are free text (a phone number, a health remark): masked, nothing of them shows."""
    return NOTES_MASK if value and str(value).strip() else ""


# "code=KHS5V-13XRX-…" in an audit detail: a whole entry code still admits its holder.
_CODE_IN_TEXT = re.compile(r"(\bcode=)([^;\s]{5})[^;\s]*")


def mask_free_text(text: str) -> str:
    """Phones, e-mails and entry codes inside free text (an audit detail quoting a typed code)
    masked; a code keeps its first five characters, enough to tell two scans apart."""
    text = _CODE_IN_TEXT.sub(lambda m: m.group(1) + m.group(2) + "…", text)
    text = _EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group(0)), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise_cell(value: object) -> object:
    """A value that a spreadsheet shows as text, never runs as a formula.

    Strings that start with a formula trigger get a leading apostrophe (the OWASP advice, and
    what Excel itself shows for text typed as '=...); numbers, dates and None pass untouched.
    Control characters no spreadsheet can show (NUL, VT, FF…) are dropped first: otherwise
    "\x0b=cmd" would pass here and turn into "=cmd" when a writer drops the \x0b.
    """
    if not isinstance(value, str) or not value:
        return value
    if not value.isprintable():
        value = strip_control_chars(value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def strip_control_chars(text: str) -> str:
    """Drop control characters XML (and so .xlsx) cannot hold; tab, LF and CR stay."""
    return _ILLEGAL_XML.sub("", text)
