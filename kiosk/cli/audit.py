"""kiosk audit verify: is the audit log whole? Exit 0 intact, 1 with the first broken entry named.

Also reports (and restores) missing append-only triggers: someone who dropped them to delete
entries gets the triggers back, and the gap shows in the hash chain (domain/audit_chain.py).
"""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.context import CliContext
from kiosk.domain.audit_chain import check_audit


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("audit", help="감사 기록 검사 (audit log)")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="감사 기록의 해시 사슬과 트리거 검사 (0: 온전함, 1: 손상)")
    v.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    v.set_defaults(func=run_verify)


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    report = check_audit(ctx.database())
    if args.json:
        print(json.dumps({
            "ok": report.ok, "entries": report.entries, "broken_id": report.broken_id,
            "problem": report.problem, "missing_triggers": list(report.missing_triggers),
        }, ensure_ascii=False))  # fmt: skip
    elif report.ok:
        print(f"감사 기록이 온전합니다: {report.entries}건 (audit log intact)")
    else:
        if report.missing_triggers:
            print(f"kiosk: 감사 기록 트리거가 없어 다시 만들었습니다: {', '.join(report.missing_triggers)}", file=sys.stderr)
        if report.broken_id is not None or "지워졌" in report.problem or "바뀌었" in report.problem:
            print(f"kiosk: 감사 기록이 손상되었습니다 — {report.problem}", file=sys.stderr)
    return 0 if report.ok else 1
