"""Guards for commands that destroy data (reset, restore, purge): no Qt, plain answers.

- SQLite: the command must be able to take the database's program lock (`<db>.lock`); a running
  console holds it for its whole life, so the command is refused instead of pulling the file
  from under it.
- PostgreSQL: other stations may be connected at any time. The command refuses while another
  kiosk program is connected to the database, and otherwise only with an explicit, informed
  confirmation: `--yes` plus the event's name typed exactly.
"""

from __future__ import annotations

from sqlalchemy import text

from kiosk.domain.events import active_event
from kiosk.storage.engine import Database


class DestructiveRefused(RuntimeError):
    """The command would destroy data and was not allowed to (the message says why, Korean first)."""


def other_kiosk_sessions(db: Database) -> list[str]:
    """Other kiosk programs connected to this PostgreSQL database: their application names."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND application_name LIKE 'kiosk%'"
            )
        ).scalars()
        return list(rows)


def event_name(db: Database) -> str | None:
    with db.session() as session:
        event = active_event(session)
        return event.name if event is not None else None


def confirm_server_command(db: Database, *, what: str, yes: bool, typed_name: str | None) -> str | None:
    """Refuse unless it is safe and confirmed; returns the event's name (None: no event yet)."""
    others = other_kiosk_sessions(db)
    if others:
        raise DestructiveRefused(
            f"다른 kiosk 프로그램 {len(others)}개가 이 서버 데이터베이스에 연결되어 있어 {what}을(를) 거부합니다. "
            "모든 체크인 PC의 프로그램을 닫은 뒤 다시 실행하세요."
        )
    name = event_name(db)
    if name is None:
        return None  # nothing to lose yet
    if not yes:
        raise DestructiveRefused(
            f"서버의 행사 '{name}' 데이터를 지우는 {what}입니다: --yes 와 --confirm-event \"{name}\" 를 함께 주세요."
        )
    if (typed_name or "").strip() != name:
        raise DestructiveRefused(f"확인용 행사 이름이 다릅니다. 정확히 입력하세요: \"{name}\" (event name did not match)")
    return name
