"""kiosk merge OTHER_DB [--json] [--dry-run] [--any-event]: fold another station's SQLite file in.

The target is --db (a SQLite file or the shared PostgreSQL server). The other file is never
changed: a snapshot of it is read. Running the same merge twice changes nothing the second time.

--json prints one object:
  source, target            what was merged into what (passwords hidden)
  check_ins.seen            check-ins read from OTHER_DB
  check_ins.inserted        new in the target (conflicting ones included)
  check_ins.already_present already in the target by UUID, unchanged
  check_ins.updated         already there, but closed (checked out / undone) in OTHER_DB since
  check_ins.conflicts       how many people were inside twice (see conflicts)
  participants.matched      people found in the target by stable identity only: their uid (walk-ins
                            included), registration code, or id in the same event (older files)
  participants.created      people added to the target (walk-ins registered on that station)
  audit_entries_copied      audit entries carried over (each once)
  over_capacity             people inside beyond capacity after the merge (0 normally)
  conflicts[]               {participant_id, name, kept{id, station, checked_in_at}, dropped{...}}:
                            the first check-in is kept; the later one is kept too, marked undone
  unsure_pairs[]            {added_id, existing_id, added_name, existing_name}: kept as two people
  target_purged             the target's personal data was purged: nothing brings it back
  personal_data_stripped    people added without the phone/e-mail/notes OTHER_DB had for them
                            though they share a name + organisation, phone or e-mail; check them
  changed                   false when the merge had nothing new (a second run)
  findings[]                {kind: overshoot|cancelled_admitted, at, stations, present, capacity,
                            over, added, overrides, participant_id, name, check_in_id,
                            checked_in_at}: also written to the audit log (sync_overshoot,
                            sync_cancelled_admitted)
  dry_run                   true when nothing was written
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.domain.timefmt import local
from kiosk.service.admin import MergeError, MergeSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("merge", help="다른 체크인 PC의 데이터베이스 합치기 (merge)")
    p.add_argument("other_db", metavar="OTHER_DB", type=Path, help="합칠 SQLite 파일 (변경하지 않습니다)")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.add_argument("--dry-run", action="store_true", help="쓰지 않고 결과만 미리 보기")
    p.add_argument("--any-event", action="store_true", help="행사 태그가 달라도 현재 행사에 합치기")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    service = ctx.service(event=False)  # refused while this station is apart from the shared server
    try:
        summary = service.merge_file(args.other_db, any_event=args.any_event, dry_run=args.dry_run)
    except MergeError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps({**summary.to_json(), "dry_run": bool(args.dry_run)}, ensure_ascii=False))
    else:
        _print_text(summary, args.dry_run)
    return 0


def _print_text(s: MergeSummary, dry_run: bool) -> None:
    head = "미리 보기 (쓰지 않음)" if dry_run else "합치기 완료"
    print(f"{head}: {s.source} -> {s.target}")
    print(
        f"체크인 {s.check_ins_seen}건 중 새로 추가 {s.inserted}건 · 이미 있음 {s.already_present}건 · "
        f"갱신 {s.updated}건 · 충돌 {len(s.conflicts)}건"
    )
    print(f"참가자 일치 {s.participants_matched}명 · 새로 추가 {s.participants_created}명 · "
          f"감사 기록 {s.audit_copied}건")  # fmt: skip
    if s.personal_data_stripped:
        print(f"개인정보가 삭제된 데이터베이스라 새로 추가한 {s.personal_data_stripped}명의 전화번호·이메일·메모는 "
              "옮기지 않았습니다 (personal data purged: contacts not copied)")  # fmt: skip
    if s.over_capacity:
        print(f"주의: 정원을 {s.over_capacity}명 초과했습니다")
    for f in s.findings:  # also in the audit log (sync_overshoot / sync_cancelled_admitted)
        if f.kind == "cancelled_admitted":
            print(f"  주의: {f.name} — 등록이 취소된 분이 {', '.join(f.stations)}에서 입장했습니다 "
                  "(입장 상태로 둠, 감사 기록에 남김; cancelled participant admitted, kept present)")  # fmt: skip
    for c in s.conflicts:
        print(
            f"  충돌: {c.name} — 유지 {c.kept.station} {local(c.kept.checked_in_at):%H:%M:%S}, "
            f"취소 처리 {c.dropped.station} {local(c.dropped.checked_in_at):%H:%M:%S}"
        )
    for u in s.unsure:
        print(f"  확인 필요: 새로 추가한 #{u.added_id} {u.added_name} 와(과) 기존 #{u.existing_id} {u.existing_name} "
              "— 같은 사람인지 확인하세요 (두 사람으로 유지함)")  # fmt: skip
    if not s.changed and not dry_run:
        print("새로운 내용이 없습니다 (이미 합쳐진 파일)")
