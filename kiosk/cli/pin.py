"""kiosk pin set: choose or change the supervisor PIN (never given on the command line).

The new PIN is typed twice at a terminal, or given as lines of standard input (old PIN first
when one is set, then the new PIN twice). Changing a PIN asks for the old one, which counts
toward the lockout like any other attempt.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import describe_refusal, door_service, read_secret
from kiosk.domain import roles


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("pin", help="책임자 PIN 관리 (supervisor PIN)")
    sub = p.add_subparsers(dest="pin_command", metavar="ACTION", required=True)
    s = sub.add_parser(
        "set",
        help="책임자 PIN 정하기·바꾸기 (터미널 또는 표준 입력; 명령줄 인자로는 받지 않음)",
        description="PIN은 숫자 6~12자리. 처음 정하는 사람이 책임자가 됩니다. 바꿀 때는 이전 PIN을 묻습니다.",
    )
    s.set_defaults(func=run_set)


def _expected(has_pin: bool, missing: str) -> str:
    """Which lines `pin set` reads from standard input, naming the one that was not there."""
    lines = (
        "첫 줄 현재 PIN, 둘째 줄 새 PIN, 셋째 줄 같은 새 PIN 한 번 더"
        if has_pin
        else ("첫 줄 새 PIN, 둘째 줄 같은 PIN 한 번 더")
    )
    return f"{missing} 줄이 없습니다: 표준 입력으로는 {lines}를 주세요 (PIN set needs the PIN twice)"


def run_set(ctx: CliContext, args: argparse.Namespace) -> int:
    service = door_service(ctx, event=False)
    has_pin = service.pin_is_set()
    if has_pin:
        old = read_secret("현재 책임자 PIN: ", _expected(has_pin, "현재 PIN"))
        result = service.verify_pin(old)
        if not result.ok:
            raise CliError(describe_refusal(result))
    else:
        print(
            "kiosk: 책임자 PIN을 처음 정합니다 — 정하는 사람이 이 행사의 책임자가 됩니다 "
            "(whoever sets the PIN becomes the supervisor)",
            file=sys.stderr,
        )
    new = read_secret("새 PIN (숫자 6~12자리): ", _expected(has_pin, "새 PIN"))
    again = read_secret("새 PIN 한 번 더: ", _expected(has_pin, "새 PIN 확인"))
    if new != again:
        raise CliError("두 PIN이 다릅니다 — 바꾸지 않았습니다 (PINs differ)")
    try:
        roles.validate_pin(new)
    except roles.PinFormatError as exc:
        raise CliError(f"{exc} — 바꾸지 않았습니다") from exc
    service.set_pin(new, operator=roles.Role.SUPERVISOR.value)
    print("책임자 PIN을 바꿨습니다." if has_pin else "책임자 PIN을 정했습니다.")
    return 0
