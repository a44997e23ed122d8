"""The supervisor's PIN on the command line: one guard every protected command calls.

`require_supervisor(ctx, action)` before anything the GUI reserves for the supervisor (override,
companions above the allowance, undo, restore, purge, full-data reports, roster edits, settings,
event edits). The PIN is read from the terminal without echo, or as the first line of standard
input when that is not a terminal (scripts), never from the command line where `ps` and the
shell history would show it. Without a PIN set the command goes ahead, so scripts keep working,
and stderr says that nothing protects this event.
"""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING

from kiosk.cli.context import CliContext, CliError
from kiosk.domain import roles

if TYPE_CHECKING:
    from kiosk.service import DoorService

NO_PIN_WARNING = (
    "kiosk: 경고: 책임자 PIN이 없어 이 행사는 보호되지 않습니다 — 'kiosk pin set'으로 정하세요 "
    "(warning: no supervisor PIN protects this event)"
)


MISSING_PIN = "책임자 PIN이 필요합니다: 터미널에서 입력하거나 표준 입력 첫 줄로 주세요 (supervisor PIN required)"


def read_secret(prompt: str, missing: str = MISSING_PIN) -> str:
    """One PIN: from the terminal without echo, else the next line of standard input.

    `missing` is the refusal when standard input has no line left: it says which line was expected.
    """
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt) as exc:
            raise CliError("PIN을 입력하지 않았습니다 (no PIN given)") from exc
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise CliError(missing)
    return line.rstrip("\r\n")


def describe_refusal(result: roles.PinResult) -> str:
    if result.outcome is roles.PinCheck.LOCKED:
        return (
            f"PIN을 여러 번 틀려 잠겼습니다: {result.seconds_left()}초 뒤에 다시 시도하세요 "
            "(supervisor PIN locked)"
        )
    left = roles.MAX_FAILURES - result.failures
    return f"책임자 PIN이 틀렸습니다 (남은 시도 {left}번) (wrong supervisor PIN)"


def door_service(ctx: CliContext, *, event: bool = True) -> DoorService:
    """The door service over this command's database: the same use cases the console runs,
    called directly (a command has no event loop to keep alive, so no worker).

    With `event`, the database's event is required (NoEventError: one line, exit 2)."""
    from kiosk.domain.events import NoEventError
    from kiosk.service import DoorService

    # A command that already opened its service (on a station: through the station's link, so
    # it journals while apart) keeps using that one; otherwise the database directly.
    service = ctx._service or DoorService.for_file(ctx.database(), 0, ctx.station)
    if event and not service.event_id:
        event_id = service.active_event_id()
        if event_id is None:
            raise NoEventError()
        service.event_id = event_id
    return service


def pin_is_set(ctx: CliContext) -> bool:
    return door_service(ctx, event=False).pin_is_set()


def require_supervisor(ctx: CliContext, action: str) -> None:
    """Ask for and check the supervisor PIN once per command; CliError when refused.

    `action` names what is being unlocked (Korean), for the prompt and the audit log.
    """
    if ctx.supervisor_ok:
        return
    service = door_service(ctx, event=False)
    if not service.pin_is_set():
        # Said once the command has done its work (cli/__init__.py): a refusal stays one line.
        ctx.warned_no_pin = True
        return
    pin = read_secret(f"책임자 PIN ({action}): ")
    result = service.verify_pin(pin)
    if not result.ok:
        raise CliError(describe_refusal(result))
    ctx.supervisor_ok = True
