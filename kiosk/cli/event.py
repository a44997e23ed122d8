"""kiosk event create|show|edit|export: the event of this database file, from the command line.

    kiosk --db forum.kiosk.db event create --name "2026 지역균형발전 포럼" --venue 대전컨벤션센터 \\
        --starts "2026-03-05 13:30" --ends "2026-03-05 18:00" --capacity 300
    kiosk --db forum.kiosk.db event create --from forum.toml
    kiosk --db forum.kiosk.db event export --out forum.toml
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.domain.event_setup import (
    EventSetupError,
    EventSpec,
    apply_changes,
    parse_capacity,
    parse_local,
    shift_program,
    validate,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("event", help="행사 만들기·보기·고치기·내보내기 (create, show, edit, export)")
    sub = p.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="이 데이터베이스 파일에 행사 만들기 (파일 하나에 행사 하나)")
    create.add_argument(
        "--from", dest="source", metavar="FILE.toml", type=Path, help="TOML 파일에서 행사 전체 읽기"
    )
    _fields(create)
    create.add_argument("--timezone", metavar="TZ", default=None, help="시간대 (기본: Asia/Seoul)")
    create.add_argument("--json", action="store_true", help="만든 행사를 JSON으로 출력")
    create.set_defaults(func=run_create)
    show = sub.add_parser("show", help="행사 정보 보기")
    show.add_argument("--json", action="store_true", help="JSON으로 출력")
    show.set_defaults(func=run_show)
    edit = sub.add_parser("edit", help="행사 정보 고치기 (감사 기록에 남습니다)")
    _fields(edit)
    edit.set_defaults(func=run_edit)
    export = sub.add_parser("export", help="행사를 TOML 파일로 내보내기 (event create --from 으로 다시 읽힘)")
    export.add_argument("--out", metavar="FILE.toml", type=Path, required=True, help="쓸 파일")
    export.set_defaults(func=run_export)


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", metavar="NAME", help="행사 이름")
    p.add_argument("--venue", metavar="VENUE", help="장소")
    p.add_argument("--starts", metavar='"YYYY-MM-DD HH:MM"', help="시작 (행사 현지 시각)")
    p.add_argument("--ends", metavar='"YYYY-MM-DD HH:MM"', help="끝 (행사 현지 시각)")
    p.add_argument("--capacity", metavar="N", help="정원 (1~99,999)")
    p.add_argument("--sender-name", metavar="S", help="초대장 보내는 사람 이름")
    p.add_argument("--sender-email", metavar="E", help="초대장 보내는 사람 이메일")


def _guard(run):  # type: ignore[no-untyped-def]
    """Domain refusals become the one-line CLI error (exit 2)."""

    def wrapped(ctx: CliContext, args: argparse.Namespace) -> int:
        try:
            return run(ctx, args)
        except EventSetupError as exc:
            raise CliError(str(exc)) from None

    return wrapped


def _spec_from_flags(args: argparse.Namespace) -> EventSpec:
    missing = [
        flag for flag in ("name", "venue", "starts", "ends", "capacity") if getattr(args, flag) is None
    ]
    if missing:
        raise CliError(
            "필요한 옵션이 없습니다: " + ", ".join(f"--{m}" for m in missing) + " (또는 --from FILE.toml)"
        )
    return EventSpec(
        name=args.name, venue=args.venue, starts=parse_local(args.starts, "--starts"),
        ends=parse_local(args.ends, "--ends"), capacity=parse_capacity(args.capacity),
        timezone="Asia/Seoul" if args.timezone is None else args.timezone, sender_name=args.sender_name or "",
        sender_email=args.sender_email or "",
    )  # fmt: skip


@_guard
def run_create(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.source is not None:
        given = [f for f in ("name", "venue", "starts", "ends", "capacity", "timezone", "sender_name",
                             "sender_email") if getattr(args, f) is not None]  # fmt: skip
        if given:
            raise CliError(
                "--from 과 함께 쓸 수 없는 옵션: " + ", ".join("--" + g.replace("_", "-") for g in given)
            )
        from kiosk.domain.event_toml import spec_from_toml

        try:
            text = args.source.read_text(encoding="utf-8-sig")  # Notepad's BOM is fine
        except UnicodeDecodeError:
            raise CliError(f"UTF-8 TOML 파일이 아닙니다: {args.source}") from None
        spec = spec_from_toml(text)
    else:
        spec = _spec_from_flags(args)
    validate(spec)  # before the database file is created or migrated
    from kiosk.cli.roles import door_service

    service = door_service(ctx, event=False)
    service.create_event_here(spec)
    shown = service.event_details()
    if args.json:
        print(json.dumps(shown, ensure_ascii=False))
    else:
        print(
            f"행사를 만들었습니다: {shown['name']} — {shown['starts_at']} · {shown['venue']} · 정원 {shown['capacity']}명"
        )
    return 0


@_guard
def run_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.cli.roles import door_service

    shown = door_service(ctx).event_details()
    if args.json:
        print(json.dumps(shown, ensure_ascii=False))
        return 0
    print(
        f"{shown['name']}\n장소: {shown['venue']}\n일시: {shown['starts_at']} – {shown['ends_at']} ({shown['timezone']})"
    )
    print(f"정원: {shown['capacity']}명\n보내는 사람: {shown['sender_email'] or '-'}")
    for item in shown["program"]:  # type: ignore[attr-defined]
        presenters = ", ".join(item["presenters"])
        print(
            f"  {item['starts_at'][11:16]}–{item['ends_at'][11:16]} {item['title']}"
            + (f" ({presenters})" if presenters else "")
        )
    return 0


@_guard
def run_edit(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.cli.roles import door_service, require_supervisor

    service = door_service(ctx)  # a file without an event: say how to make one, before a PIN
    require_supervisor(ctx, "행사 정보 변경")
    spec = service.event_spec()
    starts = parse_local(args.starts, "--starts") if args.starts is not None else None
    ends = parse_local(args.ends, "--ends") if args.ends is not None else None
    if starts is not None and ends is not None and ends - starts == spec.ends - spec.starts:
        spec = shift_program(spec, starts - spec.starts)  # the whole event moved: its sessions move too
    new = apply_changes(
        spec, name=args.name, venue=args.venue, starts=starts, ends=ends,
        capacity=parse_capacity(args.capacity) if args.capacity is not None else None,
        sender_name=args.sender_name, sender_email=args.sender_email,
    )  # fmt: skip
    outcome = service.edit_event(new, operator="cli")
    if outcome.warning:
        print(f"kiosk: 경고: {outcome.warning}", file=sys.stderr)
    print("바꾼 항목: " + ", ".join(outcome.changed) if outcome.changed else "바뀐 것이 없습니다")
    return 0


@_guard
def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.cli.roles import door_service
    from kiosk.domain.event_toml import spec_to_toml

    text = spec_to_toml(door_service(ctx).event_spec())
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)  # a half-written file never replaces a good one
    print(f"내보냈습니다: {args.out}")
    return 0
