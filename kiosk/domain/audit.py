"""The append-only audit log: every decision, refused ones too."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain import audit_chain  # noqa: F401 - registers the hook that chains new entries
from kiosk.domain.models import AuditEntry


def printable(text: str, limit: int = 80) -> str:
    """A scanned code made safe to store and show: controls escaped, length bounded."""
    out = "".join(
        ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in text[: limit * 2]
    )
    return out if len(out) <= limit else out[: limit - 1] + "…"


def record(
    session: Session,
    *,
    action: str,
    outcome: str = "",
    event_id: int | None = None,
    station: str = "",
    operator: str = "",
    participant_id: int | None = None,
    check_in_id: str | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        event_id=event_id,
        station=station,
        operator=operator,
        action=action,
        outcome=outcome,
        participant_id=participant_id,
        check_in_id=check_in_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )
    session.add(entry)
    return entry
