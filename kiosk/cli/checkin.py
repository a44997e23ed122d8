"""kiosk checkin / kiosk checkout [--json] CODE...: the door's verdicts from the command line.

Each code is decided in its own database transaction; its line (with --json, one JSON object
{"code", "status", "participant", "checked_in_at", "station"}) is printed only after that
transaction committed. "-" reads codes from standard input, one per line (a scanner in a terminal).
With "-" and --companions N > 0 on an event with a supervisor PIN, the first line of standard input
is the PIN (docs/security.md), read and checked before any code: a wrong PIN changes nothing.
A Korean IME's jamo are undone like everywhere else ("ㅏ..." -> "K...").

Exit code: 0 when every code was ok, 1 when at least one was not, 2 for a usage or database error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.decode import print_json_line
from kiosk.cli.roles import pin_is_set, require_supervisor

STATUS_TEXT = {
    "ok": "입장 확인",
    "already_checked_in": "이미 입장",
    "not_found": "등록되지 않은 코드",
    "invalid_signature": "위조되었거나 손상된 코드",
    "wrong_event": "다른 행사의 코드",
    "cancelled": "취소된 참가자",
    "capacity_full": "정원 초과",
    "malformed": "읽을 수 없는 코드",
    "not_checked_in": "입장 기록 없음",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, helptext in (
        ("checkin", "코드로 입장 처리 (check in by code)"),
        ("checkout", "코드로 퇴장 처리 (check out by code)"),
    ):
        p = subparsers.add_parser(name, help=helptext)
        p.add_argument("codes", nargs="+", metavar="CODE", help="QR 코드 내용 또는 등록번호 ('-': 표준 입력)")
        p.add_argument("--json", action="store_true", help="코드마다 JSON 한 줄로 출력")
        p.add_argument("--operator", default=None, help="처리자 이름 (기본: KIOSK_OPERATOR 또는 'cli')")
        if name == "checkin":
            p.add_argument("--companions", type=int, default=0, metavar="N", help="동반 인원 (기본 0)")
        p.set_defaults(func=run, checkout=name == "checkout")


def _codes(raw: list[str]) -> Iterator[str]:
    for code in raw:
        if code == "-":
            for line in sys.stdin:
                if line.strip():
                    yield line.rstrip("\r\n")
        else:
            yield code


def _describe(verdict, checkout: bool = False) -> str:  # type: ignore[no-untyped-def]
    from kiosk.domain.timefmt import hhmm

    status = verdict.status.value
    if checkout and status == "ok":
        text = "퇴장 확인"
    elif status == "ok" and verdict.reentry:
        text = "재입장 확인"
    else:
        text = STATUS_TEXT.get(status, status)
    parts = [text]
    if verdict.participant is not None:
        p = verdict.participant
        parts.append(f"{p.name} ({p.organization} {p.title})".replace(" )", ")").replace("( ", "("))
    if verdict.status.value == "already_checked_in" and verdict.checked_in_at:
        parts.append(f"{hhmm(verdict.checked_in_at)} {verdict.station}에서 입장")
    if checkout and status == "ok" and verdict.checked_out_at is not None:
        parts.append(f"{hhmm(verdict.checked_out_at)} 퇴장 ({hhmm(verdict.checked_in_at)} 입장)")
        parts.append("안녕히 가세요")
    elif status == "ok" and verdict.participant is not None:
        if verdict.reentry:
            parts.append("이전 입장 " + ", ".join(_visit(i, o) for i, o in verdict.earlier_visits))
        parts.append(verdict.greeting)
    if status == "capacity_full" and (verdict.extra.get("apart") or verdict.extra.get("held_elsewhere")) and verdict.detail:
        parts.append(verdict.detail)  # apart with no seats left of its share / seats held for other doors
    return f"{verdict.code}: " + " — ".join(parts)


def _visit(came, left) -> str:  # type: ignore[no-untyped-def]
    from kiosk.domain.timefmt import hhmm

    return f"{hhmm(came)}–{hhmm(left)}" if left is not None else hhmm(came)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if getattr(args, "companions", 0) < 0:
        raise CliError("동반 인원은 0 이상이어야 합니다")
    # On a shared server: the console's own station path (server, or this station's journal).
    service = ctx.service()
    if getattr(args, "companions", 0) and "-" in args.codes and pin_is_set(ctx):
        # Codes on stdin: the PIN comes first (docs/security.md), before any code is read, so a
        # code line is never taken for a PIN (which counted a failure and locked the supervisor out).
        require_supervisor(ctx, f"동반 {args.companions}명 (허용 인원을 넘을 때)")
    operator = args.operator or os.environ.get("KIOSK_OPERATOR") or "cli"
    all_ok = True
    for code in _codes(args.codes):
        if args.checkout:
            verdict = service.check_out(code, operator)
        else:
            if args.companions and args.companions > service.companions_allowed(code):
                # More companions than the invitation allows: the supervisor's call, as in the GUI.
                require_supervisor(ctx, f"허용 인원을 넘는 동반 {args.companions}명")
            verdict = service.scan(code, operator, companions=args.companions)
        # scan/check_out return only after their transaction committed and was flushed.
        all_ok = all_ok and verdict.ok
        if args.json:
            print_json_line(verdict.to_json())
        else:
            print(_describe(verdict, args.checkout), flush=True)
    return 0 if all_ok else 1
