"""The purge reaches the audit log too: codes typed at the desk (a phone, an e-mail) and mail-server
replies (which quote addresses, spelled any way the server likes) are personal data.

The log is append-only and hash-chained, so this is the one sanctioned rewrite: inside the purge's
transaction the triggers step aside, the details are scrubbed, the chain is sealed again from the
first changed entry, the triggers come back, and the purge's own entry says how many were
scrubbed. Tokens (signed QR codes) and counts stay: they identify nobody outside this database.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from kiosk.domain import audit_chain
from kiosk.domain.models import AuditEntry, Setting
from kiosk.domain.privacy import mask_free_text
from kiosk.domain.token import looks_like_token

REMOVED = "(삭제됨)"
# Keys whose values are free text from outside: what was typed, what a server answered.
_FREE_KEYS = {"code", "email", "phone", "recipient", "reason", "error", "reply", "notes", "to", "query", "name_typed"}
_AT_SIGN = re.compile(r"@|\bat\b|\(at\)|\[at\]|골뱅이", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d\s().+-]{6,}\d")


def _scrub_value(key: str, value: object) -> object:
    if not isinstance(value, str) or not value:
        return value
    if key == "code" and looks_like_token(value):
        return value  # a signed code names a row of this database, nothing more
    if key in _FREE_KEYS:
        return REMOVED
    if _AT_SIGN.search(value) or _DIGITS.search(value):
        return mask_free_text(value) if not _AT_SIGN.search(value) else REMOVED
    return value


def scrubbed_detail(detail: str) -> str:
    if not detail:
        return detail
    try:
        data = json.loads(detail)
    except ValueError:
        return REMOVED if (_AT_SIGN.search(detail) or _DIGITS.search(detail)) else detail
    if not isinstance(data, dict):
        return REMOVED
    clean = {k: _scrub_value(k, v) for k, v in data.items()}
    return json.dumps(clean, ensure_ascii=False, default=str) if clean != data else detail


def scrub_audit(session: Session) -> int:
    """Scrub personal data from every audit detail and re-seal the chain; the number changed."""
    changed: list[tuple[int, str]] = []
    for entry_id, detail in session.execute(select(AuditEntry.id, AuditEntry.detail).order_by(AuditEntry.id)):
        clean = scrubbed_detail(detail or "")
        if clean != (detail or ""):
            changed.append((entry_id, clean))
    if not changed:
        return 0
    pg = session.get_bind().dialect.name == "postgresql"
    if pg:
        session.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update"))
    else:
        session.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
    for entry_id, clean in changed:
        session.execute(update(AuditEntry).where(AuditEntry.id == entry_id).values(detail=clean))
    session.expire_all()
    # Re-seal from the first changed entry: its predecessor's hash is still good.
    first = changed[0][0]
    before = session.scalars(select(AuditEntry).where(AuditEntry.id < first).order_by(AuditEntry.id.desc()).limit(1)).first()
    prev = before.entry_hash if before is not None and before.entry_hash else audit_chain.GENESIS
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.id >= first).order_by(AuditEntry.id)):
        digest = audit_chain.entry_digest(prev, entry)
        session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(prev_hash=prev, entry_hash=digest))
        prev = digest
    head = session.get(Setting, audit_chain.HEAD_KEY)
    if head is None:
        session.add(Setting(key=audit_chain.HEAD_KEY, value=prev))
    else:
        head.value = prev
    if pg:
        session.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update"))
    else:
        audit_chain.restore_triggers(session)
    session.flush()
    return len(changed)
