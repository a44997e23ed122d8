"""kiosk demo [--reset]: the 혁신도시 시즌2 콘퍼런스 and its roster, ready to check in."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.context import CliContext
from kiosk.cli.destructive import add_confirm_options, guarded, server_safety_copy
from kiosk.domain.demo import has_events, load_demo
from kiosk.domain.headcount import headcount
from kiosk.storage.engine import Database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="시연 행사와 명단 만들기 (create the demo event)")
    p.add_argument("--reset", action="store_true", help="데이터베이스를 비우고 시연 행사를 다시 만들기")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.add_argument("--yes", action="store_true", help="서버 데이터베이스 초기화에 동의 (--confirm-event 와 함께)")
    add_confirm_options(p)
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    db = ctx.database()
    with db.session() as session:
        exists = has_events(session)
    if exists and not args.reset:
        print("이미 행사가 있습니다. 다시 만들려면 'kiosk demo --reset' (기존 데이터는 사본으로 보관됩니다).")
        return 0
    if not args.reset:
        return _create(db, args)
    if exists:
        from kiosk.cli.roles import require_supervisor

        if db.path is not None:
            _confirm_real_event(db, args)
        require_supervisor(ctx, "데이터베이스 비우기 (demo --reset)")
    # Refused while a console has the database; on a server only with --yes and the event's name.
    with guarded(ctx, db, args, "데모 초기화 (demo --reset)"):
        saved = _safety_copy(ctx, db) if exists else None
        from kiosk.storage.migrate import reset_database

        reset_database(db)
        if saved and not args.json:
            print(f"이전 데이터베이스 사본 (복원 가능): {saved}")
        return _create(db, args)


def _confirm_real_event(db: Database, args: argparse.Namespace) -> None:
    """A file that holds a real event (not the demo) is wiped only with its name typed back: a
    wrong --db or KIOSK_DB must not turn this afternoon's event into the demo."""
    from kiosk.cli.context import CliError
    from kiosk.domain.demo import demo_name
    from kiosk.domain.events import active_event

    with db.session() as session:
        event = active_event(session)
        name = event.name if event is not None else None
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


def _safety_copy(ctx: CliContext, db: Database) -> str:
    path = db.path
    if path is None:
        return server_safety_copy(ctx, db, "before-reset")
    from kiosk.cli.backup import backup_folder
    from kiosk.storage.backup import take_backup

    # In the backup folder, so the console's backup list (and `kiosk restore`) offers it.
    return str(take_backup(path, backup_folder(path), "before-reset").path)


def _create(db: Database, args: argparse.Namespace) -> int:
    with db.write() as session:
        event = load_demo(session)
        counts = headcount(session, event)
        name, capacity = event.name, event.capacity
    if args.json:
        print(
            json.dumps({"event": name, "capacity": capacity, "invited": counts.invited}, ensure_ascii=False)
        )
    else:
        print(f"시연 행사를 만들었습니다: {name} — 초청 {counts.invited}명 / 정원 {capacity}명")
    return 0
