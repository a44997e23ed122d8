"""kiosk import FILE [--dry-run] [--json]: the invitee roster from a Korean Excel/CSV file.

Exit codes: 0 every row accepted, 1 some rows refused (the others are imported unless --dry-run),
2 the file could not be read (nothing changed).
"""

from __future__ import annotations

import argparse
import json

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.domain.roster_files import RosterFileError
from kiosk.domain.roster_import import ImportReport
from kiosk.service.documents import active_event_service

SHOWN_PROBLEMS = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("import", help="초청 명단 가져오기 (.xlsx, .csv)")
    p.add_argument("file", metavar="FILE", help="명단 파일 (.xlsx 또는 .csv, UTF-8/CP949)")
    p.add_argument("--dry-run", action="store_true", help="확인만 하고 저장하지 않기")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.add_argument(
        "--column",
        metavar="머리글=항목",
        action="append",
        default=[],
        help="알아보지 못한 열 지정, 예: --column '참가자=name' (항목: name, organization, title, "
        "category, region, phone, email, external_code, vip, companions, speaker, notes, ignore)",
    )
    p.set_defaults(func=run)


def _overrides(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise CliError(f"--column 형식은 '머리글=항목'입니다: {pair}")
        found[header.strip()] = field.strip()
    return found


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    service = active_event_service(ctx.database(), ctx.station)
    if not args.dry_run:
        require_supervisor(ctx, "명단 변경")
    try:
        report = service.import_roster_file(args.file, dry_run=args.dry_run, overrides=_overrides(args.column))
    except RosterFileError as exc:
        raise CliError(f"명단 파일을 읽을 수 없습니다 — 아무것도 바뀌지 않았습니다. {exc}") from exc
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        _print_summary(report)
    return report.exit_code


def _print_summary(report: ImportReport) -> None:
    head = "확인만 했습니다 (저장하지 않음)" if report.dry_run else "가져왔습니다"
    print(
        f"{head}: 새로 추가 {report.imported}명 · 변경 {report.updated}명 · 그대로 {report.unchanged}명"
        f" · 거부 {len(report.rejected)}행"
    )
    for problem in report.rejected[:SHOWN_PROBLEMS]:
        print(f"  {problem.line}번째 줄: {problem.reason}")
    if len(report.rejected) > SHOWN_PROBLEMS:
        print(f"  … 외 {len(report.rejected) - SHOWN_PROBLEMS}행 (--json으로 전체 보기)")
    for warning in report.warnings[:SHOWN_PROBLEMS]:
        print(f"  {warning.line}번째 줄 (참고): {warning.reason}")
    if report.missing_from_file:
        print(f"파일에 없는 기존 참석자 {len(report.missing_from_file)}명 (삭제하지 않았습니다):")
        for person in report.missing_from_file[:SHOWN_PROBLEMS]:
            print(f"  #{person.id} {person.name} ({person.organization})")
