"""External registration codes: one key for every place a code is stored or compared.

"REG-001", "reg 001", "ＲＥＧ－００１" (full-width, as a Korean IME types it) and "REG‐001" (a word
processor's hyphen) are one code: the roster refuses the second as a duplicate and a scan of one
finds the person who holds the other. Scans, roster edits, imports and merges all call
`external_code_key`, so no two places can disagree about what is the same code.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.models import Participant

# Spaces of every kind, every dash (Unicode "Pd" plus the minus sign and the soft hyphen) and the
# dots people put between letters and digits ("REG.001", "REG·001").
_DASHES = "\\-\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212\u00ad"
_IGNORED = re.compile(f"[\\s{_DASHES}_.·・‧∙\u200b-\u200d\u2060\ufeff]+")
MAX_KEY = 64


def external_code_key(raw: str | None) -> str:
    """The comparison key: NFKC (full-width to ASCII), no spaces/dashes/dots, case-folded."""
    text = unicodedata.normalize("NFKC", raw or "")
    return _IGNORED.sub("", text).casefold()[:MAX_KEY]


def holder_of_code(
    session: Session, event_id: int, raw: str | None, *, exclude_id: int | None = None
) -> Participant | None:
    """The participant of this event whose code has the same key as `raw`, if any."""
    wanted = external_code_key(raw)
    if not wanted:
        return None
    rows = session.execute(
        select(Participant.id, Participant.external_code).where(
            Participant.event_id == event_id, Participant.external_code.is_not(None)
        )
    )
    for pid, code in rows:
        if pid != exclude_id and external_code_key(code) == wanted:
            return session.get(Participant, pid)
    return None
