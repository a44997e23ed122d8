"""kiosk audit verify: is the audit log whole? Exit 0 intact, 1 with the first broken entry named.

Also reports (and restores) missing append-only triggers: someone who dropped them to delete
entries gets the triggers back, and the gap shows in the hash chain (domain/audit_chain.py).
"""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.context import CliContext


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("audit", help="감사 기록 검사 (audit log)")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="감사 기록의 해시 사슬과 트리거 검사 (0: 온전함, 1: 손상)")
    v.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    v.set_defaults(func=run_verify)


def backup_heads(ctx: CliContext) -> list[tuple[str, str]]:
    """The newest audit hash each backup of this database recorded (SQLite files only)."""
    import sqlite3
    from contextlib import closing

    from kiosk.cli.backup import backup_folder
    from kiosk.domain.audit_chain import HEAD_KEY
    from kiosk.service.upkeep import backups

    path = ctx.db_path
    if path is None:
        return []
    heads = []
    for info in backups.list_backups(backup_folder(path)):
        try:
            with closing(sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
                row = conn.execute("SELECT value FROM settings WHERE key = ?", (HEAD_KEY,)).fetchone()
        except sqlite3.Error:
            continue  # an older or damaged copy: nothing to compare
        if row and row[0]:
            heads.append((info.name, row[0]))
    return heads


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kiosk.cli.roles import door_service

    checked = door_service(ctx, event=False).verify_audit(backup_heads(ctx))
    report, rewritten = checked.report, checked.rewritten
    damage = report.chain_problem
    if rewritten and not damage:
        damage = (
            f"백업 {rewritten[0]}에 기록된 감사 항목이 지금 기록에 없습니다: 기록이 지워지고 다시 계산되었습니다 "
            "(history rewritten since that backup)"
        )
        report = replace(report, ok=False, problem=damage)
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
        if damage:
            print(f"kiosk: 감사 기록이 손상되었습니다 — {damage}", file=sys.stderr)
    return 0 if report.ok else 1
