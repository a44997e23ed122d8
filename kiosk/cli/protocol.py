"""kiosk protocol [--json] | protocol intro --out FILE.pdf | protocol default-order | protocol rules.

`kiosk protocol --json` prints one JSON array: everyone with a precedence rank, in precedence
order, as {"id", "name", "title", "organization", "precedence", "state", "arrived_at",
"deputy": {"name", "title", "organization"} | null}; state is arrived, deputy_arrived, expected
or left.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("protocol", help="의전 현황: 의전 순위대로 도착 상태 (protocol list)")
    p.add_argument("--json", action="store_true", help="JSON 배열로 출력")
    p.set_defaults(func=run_list)
    sub = p.add_subparsers(dest="protocol_command", metavar="ACTION")
    intro = sub.add_parser("intro", help="사회자 내빈 소개 카드 PDF (지금 참석한 내빈만)")
    intro.add_argument("--out", required=True, metavar="FILE.pdf", help="만들 PDF 파일")
    intro.add_argument("--size", choices=("A4", "A5"), default="A4", help="용지 (기본 A4)")
    intro.set_defaults(func=run_intro)
    order = sub.add_parser("default-order", help="기본 서열표로 의전 순위를 다시 매김 (책임자)")
    order.set_defaults(func=run_default_order)
    rules = sub.add_parser("rules", help="기본 서열표 보기 (JSON) / --set 으로 바꾸기 (책임자)")
    rules.add_argument("--set", metavar="FILE.json", default=None, help="이 JSON 파일의 서열표로 바꿈")
    rules.set_defaults(func=run_rules)


def _event_id(ctx: CliContext) -> int:
    from kiosk.domain.events import require_active_event

    with ctx.database().session() as session:
        return require_active_event(session).id


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.domain.protocol import STATE_LABELS, protocol_list
    from kiosk.domain.timefmt import hhmm

    event_id = _event_id(ctx)
    with ctx.database().session() as session:
        entries = protocol_list(session, event_id)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False))
        return 0
    if not entries:
        print("의전 순위가 매겨진 참석자가 없습니다 ('kiosk protocol default-order' 또는 명단의 의전순위 열)")
    for e in entries:
        when = hhmm(e.arrived_at) if e.arrived_at else "--:--"
        print(
            f"{e.precedence:>3}  {STATE_LABELS[e.state]:<5} {when}  {e.display} · {e.organization}  [#{e.id}]"
        )
    return 0


def _pdf_target(out: str) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".pdf":
        raise CliError(f"PDF 파일 이름을 지정하세요 (.pdf): {out}")
    if not path.parent.exists():
        raise CliError(f"폴더가 없습니다: {path.parent}")
    return path


def run_intro(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.service import DoorService

    path = _pdf_target(args.out)
    count = DoorService.for_file(ctx.database(), _event_id(ctx), ctx.station).export_intro_card(path, size=args.size)
    print(f"내빈 소개 카드: {path} (참석 내빈 {count}명)")
    return 0


def run_default_order(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.domain.protocol_rules import assign_default_order

    event_id = _event_id(ctx)
    require_supervisor(ctx, "의전 순위 다시 매기기")
    operator = os.environ.get("KIOSK_OPERATOR") or "cli"
    with ctx.database().write() as session:
        count = assign_default_order(session, event_id, station=ctx.station, operator=operator)
    print(f"기본 서열표로 {count}명의 의전 순위를 매겼습니다")
    return 0


def run_rules(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.domain.events import require_active_event
    from kiosk.domain.protocol_rules import PrecedenceRules, load_rules, save_rules

    if args.set is None:
        with ctx.database().session() as session:
            print(load_rules(session, require_active_event(session)).to_json())
        return 0
    try:
        rules = PrecedenceRules.from_json(Path(args.set).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(f"서열표 파일을 읽을 수 없습니다: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CliError("서열표 파일이 UTF-8 텍스트가 아닙니다") from exc
    except ValueError as exc:  # from_json says what is wrong, in one line
        raise CliError(f"서열표를 받아들일 수 없습니다: {exc}") from exc
    require_supervisor(ctx, "서열표 변경")
    with ctx.database().write() as session:
        save_rules(session, rules, station=ctx.station, operator=os.environ.get("KIOSK_OPERATOR") or "cli")
    print(f"서열표를 저장했습니다 ({len(rules.tiers)}단계). 'kiosk protocol default-order'로 순위를 다시 매깁니다")
    return 0
