"""Roster search: names, 초성, organizations, phone digits, e-mail, codes; ranking; live statuses."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.events import create_event
from kiosk.domain.models import Event, Participant
from kiosk.domain.roster import ParticipantFields, add_participant, set_cancelled
from kiosk.domain.search import RosterIndex, SearchHit, chosung, fold, search_participants
from kiosk.storage.engine import Database


@pytest.fixture
def index(db: Database, demo_event_id: int) -> RosterIndex:
    with db.session() as session:
        return RosterIndex.load(session, demo_event_id)


def names(hits: list[SearchHit]) -> list[str]:
    return [h.name for h in hits]


def test_exact_name_first(index: RosterIndex) -> None:
    hits = index.search("김현미")
    assert hits[0].name == "김현미" and hits[0].organization == "국토교통부"
    assert hits[0].title == "장관" and hits[0].category == "ministry" and hits[0].phone_last4 == "7442"
    assert hits[0].score > max((h.score for h in hits[1:]), default=0)


def test_partial_name_and_syllable_being_typed(index: RosterIndex) -> None:
    assert "김현미" in names(index.search("현미"))
    assert "김현미" in names(index.search("김혀"))  # 현 still being composed
    assert all(n.startswith("김") for n in names(index.search("김", limit=10)))


@pytest.mark.parametrize("query", ["ㄱㅎㅁ", "ㄱㅎ", "김ㅎㅁ", "ㄱ현ㅁ"])
def test_initial_consonants(index: RosterIndex, query: str) -> None:
    assert "김현미" in names(index.search(query, limit=50))
    assert index.search("ㄱㅎㅁ")[0].name == "김현미"


def test_organization_phone_email_code(index: RosterIndex) -> None:
    assert {h.organization for h in index.search("국토교통부", limit=3)} == {"국토교통부"}
    assert index.search("산업통상")[0].organization.startswith("산업통상자원부")
    assert names(index.search("7442")) == ["김현미"]
    assert index.search("010-0010-7442")[0].name == "김현미"
    assert index.search("hmkim@molit.example")[0].name == "김현미"
    assert index.search("HMKIM")[0].name == "김현미"
    assert index.search("BXC-2017-00978")[0].score == 100
    assert index.search("bxc201700978")[0].id == index.search("BXC-2017-00978")[0].id
    assert index.search("00978")


@pytest.mark.parametrize("typed", ["rlagusal", "rla gusal", "RLAGUSAL", "rlagus"])
def test_hangul_typed_in_english_mode(index: RosterIndex, typed: str) -> None:
    hits = index.search(typed)
    assert hits and hits[0].name == "김현미"
    assert hits[0].score < 100  # below what the real spelling would score


def test_mistyped_hangul_composition() -> None:
    from kiosk.domain.hangul_keys import looks_like_mistyped_hangul, qwerty_to_hangul

    assert qwerty_to_hangul("tjrdlstnr") == "석인숙" and qwerty_to_hangul("ekfr") == "닭"
    assert qwerty_to_hangul("dhkdrk") == "왕가" and qwerty_to_hangul("rrr") == "ㄱㄱㄱ"
    assert looks_like_mistyped_hangul("hmkim") is None  # lone vowels: meant as English
    assert looks_like_mistyped_hangul("7442") is None and looks_like_mistyped_hangul("김") is None


def test_words_narrow_the_search(index: RosterIndex) -> None:
    hits = index.search("김 국토교통부")
    assert hits[0].name == "김현미"
    assert all("국토" in h.organization or "김" in h.name for h in hits)


def test_ranking_is_stable_and_limited(index: RosterIndex) -> None:
    hits = index.search("ㄱ", limit=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert index.search("ㄱ", limit=7) == hits
    assert index.search("", limit=5) == [] and index.search("   ") == [] and index.search("김", limit=0) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_query_is_safe(index: RosterIndex, query: str) -> None:
    for hit in index.search(query):
        assert isinstance(hit, SearchHit)


@pytest.mark.parametrize("query", ["(", "[ㄱ-ㅎ]", ".*", "\\", "a" * 500, "🎉", "金賢美", "\n김", "ㅏㅑ"])
def test_odd_queries(index: RosterIndex, query: str) -> None:
    index.search(query)


def test_fold_and_chosung() -> None:
    assert fold(" 김 현미 ") == "김현미"
    assert fold("ＡＢＣ１２３") == "abc123"  # full-width letters typed on a Korean keyboard
    assert fold("ㄱㅎㅁ") == "ㄱㅎㅁ"  # compatibility jamo survive (NFKC would change them)
    assert chosung("김현미 KIM") == "ㄱㅎㅁ KIM"


def test_statuses_follow_checkins(db: Database, demo_event_id: int, desk: CheckInDesk) -> None:
    with db.write() as session:
        # Move the demo event into the future: nobody is a no-show yet.
        event = session.get(Event, demo_event_id)
        event.starts_at, event.ends_at = (
            datetime(2099, 1, 1, 5, tzinfo=UTC),
            datetime(2099, 1, 1, 8, tzinfo=UTC),
        )
        kim = session.scalars(select(Participant).where(Participant.name == "김현미")).one()
        walk_in = add_participant(
            session, demo_event_id, ParticipantFields(name="현장손님", organization="부산")
        )
        walk_in.is_walk_in = True
        kim_id, walk_in_id = kim.id, walk_in.id
    with db.session() as session:
        index = RosterIndex.load(session, demo_event_id)
    assert index.search("김현미")[0].status == "invited"
    desk.check_in_participant(kim_id, "desk-1")
    with db.session() as session:
        index.refresh_status(session)
    assert index.search("김현미")[0].status == "checked_in"
    with db.write() as session:
        set_cancelled(session, index.search("석인숙")[0].id, True)
    with db.session() as session:
        index.refresh_status(session)
        assert index.search("석인숙")[0].status == "cancelled"
        assert search_participants(session, demo_event_id, "현장손님")[0].id == walk_in_id
        assert search_participants(session, demo_event_id, "현장손님")[0].status == "walk_in"


def test_no_show_after_the_event(index: RosterIndex) -> None:
    # The demo event (2017-11-22) is over: whoever did not come is a no-show.
    assert index.search("김현미")[0].status == "no_show"


def test_an_empty_roster(db: Database) -> None:
    with db.write() as session:
        event_id = create_event(
            session, name="빈 행사", venue="X", capacity=10,
            starts_at=datetime(2030, 1, 1, tzinfo=UTC), ends_at=datetime(2030, 1, 2, tzinfo=UTC),
        ).id  # fmt: skip
    with db.session() as session:
        assert RosterIndex.load(session, event_id).search("김") == []


def test_cli_search(run_cli, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("search", "ㄱㅎㅁ", "--json")
    assert result.code == 0
    hits = json.loads(result.out)
    assert hits[0] == {
        "id": hits[0]["id"], "name": "김현미", "organization": "국토교통부", "title": "장관",
        "category": "ministry", "status": "no_show",
    }  # fmt: skip
    plain = run_cli("search", "국토교통부")
    assert plain.code == 0 and "김현미" in plain.out
    assert run_cli("search", "없는사람zzz").out.strip() == "찾는 사람이 없습니다."
