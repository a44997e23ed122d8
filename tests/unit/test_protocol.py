"""Protocol desk rules: the default order table, import columns, deputies through the engine,
reordering by hand, and centre-first seating."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.events import create_event
from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, Category, CheckIn, Event, Participant
from kiosk.domain.protocol import ProtocolState, check_in_deputy, present_in_order, protocol_list
from kiosk.domain.protocol_edit import move, parse_precedence, reorder, set_precedence, set_wording
from kiosk.domain.protocol_rules import (
    PrecedenceRules,
    Tier,
    assign_default_order,
    default_rules,
    load_rules,
    save_rules,
)
from kiosk.domain.protocol_seating import (
    SeatingPlan,
    arrange,
    centre_first,
    load_plan,
    parse_rows,
    pin,
    save_plan,
    seating,
)
from kiosk.domain.roster_import import import_roster
from kiosk.storage.engine import Database


@pytest.fixture
def busan(db: Database) -> int:
    """An event in 부산 with a mixed, deliberately unordered list of officials."""
    people = [
        ("이차관", "국토교통부", "제1차관", Category.MINISTRY),
        ("최의원", "국회", "국회의원", Category.LAWMAKER),
        ("박장관", "국토교통부", "장관", Category.MINISTRY),
        ("정시장", "울산광역시", "시장", Category.LOCAL_GOVERNMENT),
        ("한시장", "부산광역시", "시장", Category.LOCAL_GOVERNMENT),
        ("송위원장", "지역발전위원회", "위원장", Category.COMMITTEE),
        ("오도의원", "경상남도의회", "도의원", Category.OTHER),
        ("유시장", "진주시", "시장", Category.LOCAL_GOVERNMENT),
        ("문부시장", "부산광역시", "행정부시장", Category.LOCAL_GOVERNMENT),
        ("강교수", "부산대학교", "교수", Category.ACADEMIA),
    ]
    with db.write() as session:
        event = create_event(
            session, name="시험 행사", venue="부산 벡스코(BEXCO)", capacity=5,
            starts_at=datetime(2030, 5, 1, 5, tzinfo=UTC), ends_at=datetime(2030, 5, 1, 8, tzinfo=UTC),
        )  # fmt: skip
        for name, org, title, category in people:
            session.add(
                Participant(event_id=event.id, name=name, organization=org, title=title, category=category)
            )
        return event.id


def ranked(db: Database, event_id: int) -> list[str]:
    with db.session() as session:
        return [e.name for e in protocol_list(session, event_id)]


def test_default_order_follows_the_table_and_puts_the_host_head_before_lawmakers(
    db: Database, busan: int
) -> None:
    with db.write() as session:
        assert assign_default_order(session, busan) == 8
    # 장관 → 위원장 → (host city's mayor) → 국회의원 → 시·도지사 → 차관 → 부시장 → 시장·군수
    assert ranked(db, busan) == [
        "박장관",
        "송위원장",
        "한시장",
        "최의원",
        "정시장",
        "이차관",
        "문부시장",
        "유시장",
    ]


def test_the_supervisor_edits_the_table(db: Database, busan: int) -> None:
    with db.write() as session:
        rules = load_rules(session, session.get(Event, busan))
        assert rules.host == "부산"
        tiers = list(rules.tiers)
        vice = next(t for t in tiers if t.label == "차관")
        tiers.remove(vice)
        tiers.insert(0, vice)  # this organiser wants the vice-minister first
        save_rules(session, PrecedenceRules(tuple(tiers) + (Tier("교수", titles=("교수",)),), host=""))
    with db.write() as session:
        assign_default_order(session, busan)
    order = ranked(db, busan)
    assert order[0] == "이차관" and order[-1] == "강교수"
    assert order.index("최의원") < order.index("한시장")  # no host any more: lawmakers first
    assert PrecedenceRules.from_json(default_rules("부산").to_json()) == default_rules("부산")


def test_reorder_by_hand_and_stale_lists_are_refused(db: Database, busan: int) -> None:
    with db.write() as session:
        assign_default_order(session, busan)
    with db.session() as session:
        ids = [e.id for e in protocol_list(session, busan)]
    moved = move(ids, ids[3], -2)
    assert moved[1] == ids[3] and move(ids, ids[0], -5) == ids and move(ids, ids[-1], 9) == ids
    with db.write() as session:
        reorder(session, busan, moved, operator="의전")
    with db.session() as session:
        assert [e.id for e in protocol_list(session, busan)] == moved
        assert [e.precedence for e in protocol_list(session, busan)] == list(range(1, len(ids) + 1))
        assert session.scalar(select(func.count()).where(AuditEntry.action == "protocol_reorder")) == 1
    with db.write() as session:
        set_precedence(session, busan, ids[0], None)
    with pytest.raises(ValueError, match="바뀌었습니다"), db.write() as session:
        reorder(session, busan, moved)  # the list changed meanwhile: nothing is renumbered
    with db.write() as session:
        set_wording(session, busan, ids[1], "  대통령 직속   지역발전위원회 송재호 위원장님 ")
    with db.session() as session:
        assert session.get(Participant, ids[1]).intro_wording == "대통령 직속 지역발전위원회 송재호 위원장님"


def test_deputy_takes_one_place_and_is_greeted_by_own_title(db: Database, busan: int) -> None:
    with db.write() as session:
        assign_default_order(session, busan)
        minister = session.scalars(select(Participant).where(Participant.name == "박장관")).one().id
    desk = CheckInDesk(db, busan)
    verdict = check_in_deputy(desk, minister, "한지원", "제2차관", "국토교통부", station="s1")
    assert verdict.status is ScanStatus.OK and verdict.greeting == "한지원 차관님, 환영합니다"
    assert verdict.to_json()["participant"]["id"] == minister
    with db.session() as session:
        assert present_count(session, busan) == 1
        [entry] = present_in_order(session, busan)
        assert entry.state is ProtocolState.DEPUTY_ARRIVED
        assert entry.display == "박장관 장관 (대리: 한지원 제2차관)"
        assert entry.introduction == "박장관 장관을 대신하여 국토교통부 한지원 제2차관님"
    # The principal arriving after all, or a second deputy: the place is taken.
    assert desk.check_in_participant(minister, "s2").status is ScanStatus.ALREADY_CHECKED_IN
    again = check_in_deputy(desk, minister, "다른이", "실장", station="s2")
    assert again.status is ScanStatus.ALREADY_CHECKED_IN
    with db.session() as session:
        assert present_count(session, busan) == 1
        assert session.scalar(select(func.count(CheckIn.id))) == 1


def test_deputy_respects_capacity_and_bad_input_writes_nothing(db: Database, busan: int) -> None:
    with db.write() as session:
        assign_default_order(session, busan)
        ids = [p.id for p in session.scalars(select(Participant).where(Participant.precedence.is_not(None)))]
    desk = CheckInDesk(db, busan)
    for pid in ids[1:6]:  # capacity 5
        assert desk.check_in_participant(pid, "s1").ok
    full = check_in_deputy(desk, ids[0], "한지원", "차관", station="s1")
    assert full.status is ScanStatus.CAPACITY_FULL
    for name, title in (("", "차관"), ("한지원", " "), ("한" * 201, "차관")):
        with pytest.raises(ValueError):
            check_in_deputy(desk, ids[6], name, title, station="s1")
    with db.session() as session:
        assert present_count(session, busan) == 5
        assert session.scalar(select(func.count(CheckIn.id)).where(CheckIn.deputy_name.is_not(None))) == 0


def test_left_and_re_entry_states(db: Database, desk: CheckInDesk, demo_event_id: int) -> None:
    with db.session() as session:
        first = protocol_list(session, demo_event_id)[0]
    entry = desk.check_in_participant(first.id, "s1")
    with db.write() as session:
        session.get(CheckIn, entry.check_in_id).checked_out_at = datetime.now(UTC)
    with db.session() as session:
        assert protocol_list(session, demo_event_id)[0].state is ProtocolState.LEFT
        assert present_in_order(session, demo_event_id) == []
    assert desk.check_in_participant(first.id, "s1").ok
    with db.session() as session:
        assert protocol_list(session, demo_event_id)[0].state is ProtocolState.ARRIVED


def test_import_accepts_precedence_columns(db: Database, busan: int, tmp_path: Path) -> None:
    for header in ("의전순위", "서열", "Precedence"):
        path = tmp_path / f"{header}.csv"
        path.write_text(
            f"성명,소속,직위,{header}\n김갑동,국토교통부,장관,1\n이을순,국회,국회의원,2위\n"
            "박병호,부산시,과장,\n최정호,국회,국회의원,둘째\n",
            encoding="utf-8",
        )
        report = import_roster(db, path, event_id=busan)
        assert [p.line for p in report.rejected] == [5], header
        assert "숫자" in report.rejected[0].reason
        with db.session() as session:
            got = {
                p.name: p.precedence
                for p in session.scalars(select(Participant).where(Participant.event_id == busan))
            }
        assert got["김갑동"] == 1 and got["이을순"] == 2 and got["박병호"] is None and "최정호" not in got
    assert parse_precedence(" 12 ") == 12 and parse_precedence(3.0) == 3 and parse_precedence("-") is None
    for bad in ("0", "10000", "1.5", 2.5, True, "일"):
        with pytest.raises(ValueError):
            parse_precedence(bad)


def test_centre_first_alternates_right_then_left() -> None:
    assert centre_first(10) == [5, 6, 4, 7, 3, 8, 2, 9, 1, 10]
    assert centre_first(9) == [5, 6, 4, 7, 3, 8, 2, 9, 1]
    assert centre_first(1) == [1] and centre_first(2) == [1, 2]
    for n in range(1, 40):
        assert sorted(centre_first(n)) == list(range(1, n + 1))
    assert parse_rows("10, 8") == (("1열", 10), ("2열", 8))
    for bad in ("", "a", "0", "61", ",".join(["5"] * 21)):
        with pytest.raises(ValueError):
            parse_rows(bad)


def test_seating_fills_rows_centre_first_with_pins_and_deputies(
    db: Database, desk: CheckInDesk, demo_event_id: int
) -> None:
    with db.session() as session:
        guests = protocol_list(session, demo_event_id)
    plan = SeatingPlan(rows=(("1열", 5), ("2열", 4)))
    by_seat = {s.key: s.entry.name for s in arrange(plan, guests).seated}
    assert [by_seat[f"1열-{n}"] for n in (3, 4, 2, 5, 1)] == [g.name for g in guests[:5]]
    assert [by_seat[f"2열-{n}"] for n in (2, 3, 1, 4)] == [g.name for g in guests[5:9]]
    pinned = pin(plan, "2열-4", guests[0].id)  # the minister asked for the aisle
    result = arrange(pinned, guests)
    seats = {s.key: s for s in result.seated}
    assert seats["2열-4"].entry.name == guests[0].name and seats["2열-4"].pinned
    assert seats["1열-3"].entry.name == guests[1].name
    assert len(result.unseated) == len(guests) - 9
    with pytest.raises(ValueError):
        pin(plan, "9열-1", guests[0].id)
    # A ranked invitee who came as the minister's deputy is seated once, in the minister's seat.
    vice = next(g for g in guests if g.name == "석인숙")
    assert check_in_deputy(desk, guests[0].id, vice.name, vice.title, vice.organization, station="s").ok
    with db.write() as session:
        save_plan(session, demo_event_id, plan)
    with db.session() as session:
        assert load_plan(session, demo_event_id) == plan
        now = seating(session, demo_event_id)
        names = [s.entry.name for s in now.seated] + [e.name for e in now.unseated]
        assert "석인숙" not in names
        centre = next(s for s in now.seated if s.key == "1열-3")
        assert centre.deputy is not None and centre.deputy.name == "석인숙"
        assert [e.name for e in present_in_order(session, demo_event_id)] == [guests[0].name]


def test_merge_keeps_the_deputy_and_the_rank(
    db: Database, db_path: Path, demo_event_id: int, tmp_path: Path
) -> None:
    import sqlite3
    from contextlib import closing

    from kiosk.sync.merge import merge_file

    station = tmp_path / "station2.db"
    with closing(sqlite3.connect(db_path)) as a, closing(sqlite3.connect(station)) as b:
        a.backup(b)
    other = Database.open(station)
    with other.session() as session:
        minister = protocol_list(session, demo_event_id)[0]
    assert check_in_deputy(CheckInDesk(other, demo_event_id), minister.id, "한지원", "제2차관", "국토교통부",
                           station="입구2").ok  # fmt: skip
    with other.write() as session:
        session.add(Participant(event_id=demo_event_id, name="현장의원", organization="국회", title="국회의원",
                                category=Category.LAWMAKER, precedence=22, intro_wording="현장의원 국회의원님"))  # fmt: skip
    with other.session() as session:
        newcomer = session.scalars(select(Participant.id).where(Participant.name == "현장의원")).one()
    assert CheckInDesk(other, demo_event_id).check_in_participant(newcomer, "입구2").ok
    other.dispose()
    merge_file(station, db, station="본부")
    with db.session() as session:
        entries = {e.name: e for e in protocol_list(session, demo_event_id)}
    assert entries[minister.name].state is ProtocolState.DEPUTY_ARRIVED
    assert entries[minister.name].deputy is not None and entries[minister.name].deputy.title == "제2차관"
    assert entries["현장의원"].precedence == 22 and entries["현장의원"].introduction == "현장의원 국회의원님"


def test_a_malformed_order_table_is_refused_with_one_line() -> None:
    """Old code: "titles": "장관" became the letters 장 and 관; "titles": [""] ranked everybody;
    unknown categories and missing keys were stored; errors read "'NoneType' object ..."."""
    import pytest

    from kiosk.domain.protocol_rules import PrecedenceRules

    bad = [
        '{"tiers": [{"label": "장관", "titles": "장관"}]}',
        '{"tiers": [{"label": "모두", "titles": [""]}]}',
        '{"tiers": [{"label": "숫자", "titles": [1, 2]}]}',
        '{"tiers": [{"label": "구분", "categories": ["nonsense"]}]}',
        '{"tiers": [{"label": "빈 단계"}]}',
        '{"host": 123, "tiers": [{"label": "장관", "titles": ["장관"]}]}',
        '{"tiers": null}',
        "[1, 2]",
        "{not json",
    ]
    for text in bad:
        with pytest.raises(ValueError) as caught:
            PrecedenceRules.from_json(text)
        message = str(caught.value)
        assert message and "\n" not in message and "NoneType" not in message, (text, message)


def test_default_order_ranks_no_committee_clerk_above_the_lawmakers() -> None:
    """Old code: the 위원장 tier's category fallback put a committee's 과장·사무관·주무관 at #4–8,
    above every lawmaker; 부구청장·부군수 matched 구청장·군수."""
    from kiosk.domain.protocol_rules import default_rules, tier_index

    rules = default_rules()
    lawmaker = tier_index(rules, "국회의원", "lawmaker")
    chair = tier_index(rules, "위원장", "committee")
    assert chair is not None and lawmaker is not None and chair < lawmaker
    for clerk in ("과장", "사무관", "주무관", "전문위원"):
        rank = tier_index(rules, clerk, "committee")
        assert rank is None or rank > lawmaker, clerk
    assert tier_index(rules, "정책위원장", "forum") != chair
    mayor = tier_index(rules, "구청장", "local_government")
    for deputy in ("부구청장", "부군수"):
        assert tier_index(rules, deputy, "local_government") != mayor


def test_an_invisible_deputy_name_is_refused() -> None:
    """Old code: a zero-width space was accepted as the deputy's name (a blank name plate)."""
    import pytest

    from kiosk.domain.protocol import _clean

    for invisible in ("\u200b", "\ufeff", "\uffa0", " \u200b "):
        with pytest.raises(ValueError, match="성명을 입력하세요"):
            _clean(invisible, "성명", True)
    assert _clean(" 한지원 ", "성명", True) == "한지원"
