"""The door's decision on PostgreSQL in one round trip (the functions of migration 0008).

`CheckInDesk.admit_in` costs six statements plus BEGIN and COMMIT, and a pool pre-ping: nine
round trips, ~200 ms through a venue Wi-Fi with 20 ms round trips. Here the desk resolves the
code in Python (a signed token needs no database) and sends one statement: the server function
locks, counts, inserts and audits exactly as admit_in does and answers with the verdict's fields
as JSON. The statement runs alone in autocommit, so its implicit transaction is committed with
`synchronous_commit = on` (WAL on the server's disk) before the reply leaves the server: what the
screen shows is durable. The check-in id is made here, by the caller, so a retry after a lost
reply finds the row and answers ok instead of "already checked in".
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from kiosk.domain.models import CheckInMethod
from kiosk.storage.engine import Database
from kiosk.storage.postgres import one_statement
from kiosk.storage.retry import retry_conflicts

if TYPE_CHECKING:
    from kiosk.domain.checkin import CheckInVerdict

ADMIT = text(
    "SELECT kiosk_door_check_in(:event_id, :participant_id, :check_in_id, :code, :station, :operator,"
    " :method, :companions, :override, :override_reason, :missing_why)"
)
APPEND = text(
    "SELECT kiosk_audit_append(:event_id, :station, :operator, :action, :outcome, :participant_id,"
    " :check_in_id, :detail)"
)


def _when(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


class ServerDoor:
    """One event's door on a PostgreSQL server: a check-in or a refusal is one statement."""

    def __init__(self, db: Database, event_id: int) -> None:
        self.db = db
        self.event_id = event_id

    def admit(
        self,
        participant_id: int,
        shown: str,
        station: str,
        operator: str,
        method: CheckInMethod,
        companions: int,
        override: bool,
        *,
        override_reason: str = "",
        check_in_id: str | None = None,
        missing_why: str | None = None,
    ) -> CheckInVerdict:
        """admit_in's decision, made and committed on the server. `missing_why`: the participant
        was named by a signed code, so a missing one is a refused scan (audited as such)."""
        params = dict(
            event_id=self.event_id, participant_id=int(participant_id), check_in_id=check_in_id or str(uuid.uuid4()),
            code=shown, station=station, operator=operator or "", method=CheckInMethod(method).value,
            companions=max(0, int(companions)), override=bool(override), override_reason=override_reason or "",
            missing_why=missing_why,
        )  # fmt: skip
        row = retry_conflicts(lambda: one_statement(self.db, ADMIT, params), what="checkin")
        return verdict_from_json(shown, row if isinstance(row, dict) else json.loads(row))

    def refuse(self, *, action: str, outcome: str, station: str, operator: str, **detail: Any) -> None:
        """Audit a refused scan (chained like every entry) in one statement."""
        params = dict(
            event_id=self.event_id, station=station, operator=operator or "", action=action, outcome=outcome,
            participant_id=None, check_in_id=None,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
        )  # fmt: skip
        retry_conflicts(lambda: one_statement(self.db, APPEND, params), what="audit")


def verdict_from_json(shown: str, row: dict[str, Any]) -> CheckInVerdict:
    from kiosk.domain.checkin import CheckInVerdict, ParticipantSummary, ScanStatus

    status = ScanStatus(row["status"])
    person = row.get("participant")
    extra: dict[str, Any] = {}
    if status is ScanStatus.CAPACITY_FULL:
        extra = {"present": row["present"], "capacity": row["capacity"]}
    elif status is ScanStatus.OK:
        extra = {
            "reentry": bool(row["reentry"]),
            "entry_number": int(row["entry_number"]),
            "earlier": [(_when(went_in), _when(went_out)) for went_in, went_out in row["earlier"]],
        }
    return CheckInVerdict(
        code=shown,
        status=status,
        participant=ParticipantSummary(**person) if person else None,
        checked_in_at=_when(row.get("checked_in_at")),
        station=row.get("station"),
        check_in_id=row.get("check_in_id"),
        companions=int(row.get("companions") or 0),
        detail=row.get("detail") or "",
        extra=extra,
    )
