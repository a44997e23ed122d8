"""The records' use cases: each declares what it does while apart, refusals say why in Korean
first and English second, and on a plain SQLite file they simply run."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.domain.roster import RosterError
from kiosk.service import DoorService, NotWhileApart, Offline
from kiosk.service.records import RecordCases
from kiosk.service.usecase import declared
from kiosk.storage.engine import Database

HANGUL = re.compile(r"^[가-힣]")


def test_every_records_change_is_refused_apart_with_a_korean_then_english_reason() -> None:
    cases = declared(RecordCases)
    refused = {n for n, c in cases.items() if c.offline is Offline.REFUSED}
    assert {"add_participant", "edit_participant", "set_cancelled", "edit_event", "save_event_settings",
            "set_pin", "save_precedence_rules", "assign_default_order", "reorder_protocol",
            "set_intro_wording", "set_seat_rows", "pin_seat", "record_badge_print"} <= refused  # fmt: skip
    for name in refused:
        why = cases[name].why
        assert HANGUL.match(why) and re.search(r"\([a-z][^)]*\)$", why), name
    assert cases["roster"].offline is Offline.LOCAL and cases["verify_pin"].offline is Offline.LOCAL


class _Apart:
    apart = True
    shared = True

    def read(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a refused case must not touch the database")

    write = read


def test_refused_cases_touch_nothing_while_apart() -> None:
    service = DoorService(_Apart(), 1, "PC1")  # type: ignore[arg-type]
    with pytest.raises(NotWhileApart, match="^서버와 연결이 끊겨 명단을"):
        service.set_cancelled(1, True)
    with pytest.raises(NotWhileApart, match="좌석 배치"):
        service.pin_seat(1, "A-1")
    with pytest.raises(NotWhileApart, match="명찰 인쇄"):
        service.record_badge_print(1)


def test_roster_cases_on_a_plain_file(db: Database, demo_event_id: int, tmp_path: Path) -> None:
    service = DoorService.for_file(db, demo_event_id, "정문-1")
    first = service.roster().entries[0]
    record = service.participant(first.id)
    assert record is not None and record.fields.name == first.name
    with pytest.raises(RosterError, match="이메일"):  # 김현미's address twice: refused, one line
        service.add_participant(replace(record.fields, name="홍길동", external_code=None))
    new_id = service.add_participant(replace(record.fields, name="홍길동", email="hong@busan.example",
                                             external_code=None), operator="책임자")  # fmt: skip
    assert service.edit_participant(new_id, replace(service.participant(new_id).fields, title="국장")) == ["title"]
    assert service.set_cancelled(new_id, True) and service.participant(new_id).cancelled
    assert service.set_cancelled(new_id, False) and not service.participant(new_id).cancelled
    snapshot = service.roster()
    assert len(snapshot.entries) == 184 and snapshot.index.search("홍길동", limit=1)[0].id == new_id
    assert service.save_event_settings(160, operator="책임자") and service.event_settings().capacity == 160
