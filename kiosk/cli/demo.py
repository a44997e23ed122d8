"""kiosk demo [--reset]: the 혁신도시 시즌2 콘퍼런스 and its roster, ready to check in."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.context import CliContext
from kiosk.cli.destructive import add_confirm_options, guarded, server_safety_copy
from kiosk.service import USE_CASES, DoorService, NotWhileApart


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="시연 행사와 명단 만들기 (create the demo event)")
    p.add_argument("--reset", action="store_true", help="데이터베이스를 비우고 시연 행사를 다시 만들기")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.add_argument("--yes", action="store_true", help="서버 데이터베이스 초기화에 동의 (--confirm-event 와 함께)")
    add_confirm_options(p)
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    service = _service(ctx)
    exists = service.event_name() is not None
    if exists and not args.reset:
        print("이미 행사가 있습니다. 다시 만들려면 'kiosk demo --reset' (기존 데이터는 사본으로 보관됩니다).")
        return 0
    if not args.reset:
        return _create(service, args)
    if exists:
        from kiosk.cli.roles import require_supervisor

        if service.apart:  # refused before the PIN is asked for: nothing to confirm
            raise NotWhileApart(USE_CASES["reset_database"])
        if service.file_path() is not None:
            _confirm_real_event(service, args)
        require_supervisor(ctx, "데이터베이스 비우기 (demo --reset)")
    # Refused while a console has the database, while this station is apart from the shared
    # server; on a server only with --yes and the event's name.
    with guarded(ctx, service, args, "데모 초기화 (demo --reset)"):
        saved = _safety_copy(ctx, service) if exists else None
        service.reset_database()
        if saved and not args.json:
            print(f"이전 데이터베이스 사본 (복원 가능): {saved}")
        return _create(service, args)


def _service(ctx: CliContext) -> DoorService:
    """This station's link to a shared server that has an event (so a reset is refused while it is
    apart); the server itself when it has none yet (the first event on an empty server)."""
    from kiosk.service.connect import is_shared

    if not is_shared(ctx.db_target):
        return ctx.service(event=False)
    from kiosk.service.errors import StationUnavailable

    try:
        return ctx.service(event=False)
    except StationUnavailable:
        ctx.close()
        return ctx.service(event=False, station=False)  # unreachable: one line, exit 2, as before


def _confirm_real_event(service: DoorService, args: argparse.Namespace) -> None:
    """A file that holds a real event (not the demo) is wiped only with its name typed back: a
    wrong --db or KIOSK_DB must not turn this afternoon's event into the demo."""
    from kiosk.cli.context import CliError
    from kiosk.domain.demo import demo_name

    name = service.event_name()
    typed = args.confirm_event
    if name is None or (name == demo_name() and typed is None):
        return
    if typed is None and sys.stdin is not None and sys.stdin.isatty():
        try:
            typed = input(f"이 파일에는 실제 행사 '{name}'이(가) 있습니다. 지우려면 행사 이름을 정확히 입력하세요: ")
        except EOFError:
            typed = ""
    if typed is None:
        raise CliError(
            f"이 파일에는 시연이 아닌 행사 '{name}'이(가) 있습니다: 지우려면 --confirm-event \"{name}\" 를 주세요 "
            "(a real event: confirm with its name)", exit_code=3,
        )  # fmt: skip
    if typed.strip() != name:
        raise CliError(f"확인용 행사 이름이 다릅니다. 정확히 입력하세요: \"{name}\" (event name did not match)", exit_code=3)


def _safety_copy(ctx: CliContext, service: DoorService) -> str:
    if service.file_path() is None:
        return server_safety_copy(ctx, service, "before-reset")
    # In the backup folder, so the console's backup list (and `kiosk restore`) offers it.
    return str(service.backup("before-reset"))


def _create(service: DoorService, args: argparse.Namespace) -> int:
    made = service.create_demo()
    if args.json:
        print(json.dumps({"event": made.name, "capacity": made.capacity, "invited": made.invited}, ensure_ascii=False))
    else:
        print(f"시연 행사를 만들었습니다: {made.name} — 초청 {made.invited}명 / 정원 {made.capacity}명")
    return 0
