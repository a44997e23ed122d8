"""A real event's whole life from the command line, on an empty file: no demo anywhere.

create (--from TOML) → import → invite (.eml with the QR) → check-in (the decoded QR) → walk-in →
report; then export/create --from round trip, 다른 이름으로 복사 (old codes read wrong_event), and
the commands that need an event on a file without one.
"""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import openpyxl
import pytest

from kiosk.service.event_files import copy_as_new_event
from kiosk.storage.engine import Database

DATA = Path(__file__).parent / "data"
FORUM = DATA / "forum_2026.toml"
ROSTER = DATA / "forum_roster.csv"
DEMO_WORDS = ("혁신도시", "BEXCO", "벡스코", "2017", "시즌2", "부산")


def _json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_a_real_event_from_create_to_report(run_cli, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not db_path.exists()
    created = run_cli("event", "create", "--from", str(FORUM), "--json")
    assert created.code == 0, created.err
    shown = _json(run_cli("event", "show", "--json").out)
    assert shown == _json(created.out)
    assert set(shown) == {
        "name",
        "venue",
        "starts_at",
        "ends_at",
        "timezone",
        "capacity",
        "sender_email",
        "program",
    }
    assert shown["name"] == "2026 지역균형발전 포럼" and shown["venue"] == "대전컨벤션센터"
    assert (
        shown["starts_at"] == "2026-03-05T13:30:00+09:00" and shown["ends_at"] == "2026-03-05T18:00:00+09:00"
    )
    assert shown["capacity"] == 300 and shown["timezone"] == "Asia/Seoul"
    assert shown["sender_email"] == "forum@daejeon.example"
    assert [item["title"] for item in shown["program"]][0] == "개회식" and len(shown["program"]) == 4
    assert shown["program"][2] == {
        "starts_at": "2026-03-05T15:20:00+09:00", "ends_at": "2026-03-05T16:40:00+09:00",
        "title": "세션 1: 혁신거점과 일자리", "presenters": ["정하늘", "최유진"],
    }  # fmt: skip

    imported = run_cli("import", str(ROSTER), "--json")
    assert imported.code == 0, imported.err

    outbox = tmp_path / "outbox"
    invited = run_cli("invite", "--out", str(outbox))
    assert invited.code == 0, invited.err
    emls = sorted(outbox.glob("*.eml"))
    assert len(emls) == 6
    message = email.message_from_bytes(emls[0].read_bytes(), policy=policy.default)
    assert "forum@daejeon.example" in message["From"] and "포럼 사무국" in str(message["From"])
    assert message["Reply-To"] == "help@daejeon.example"
    text = message.get_body(("plain",)).get_content()
    assert (
        "2026 지역균형발전 포럼" in text and "대전컨벤션센터" in text and "2026년 3월 5일 (목) 13:30" in text
    )
    assert "행사 후 30일 안에 파기합니다" in text
    ics = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    calendar = ics.get_content()
    assert "DTSTART:20260305T043000Z" in calendar.replace("\r\n ", "")
    for word in DEMO_WORDS:
        assert word not in text and word not in calendar, word

    # The guest's QR, as the mail carries it, through the real decoder, to the door.
    png = next(p for p in message.iter_attachments() if p.get_content_type() == "image/png")
    qr_file = tmp_path / "guest.png"
    qr_file.write_bytes(png.get_content())
    decoded = run_cli("decode", "--json", str(qr_file))
    assert decoded.code == 0, decoded.err
    code = _json(decoded.out)["texts"][0]
    checked = run_cli("checkin", "--json", code)
    assert checked.code == 0, checked.err
    assert _json(checked.out)["status"] == "ok"

    walked = run_cli("walkin", "--name", "오세린", "--organization", "대전일보", "--json")
    assert walked.code == 0, walked.err

    status = _json(run_cli("status", "--json").out)
    assert status["event"]["name"] == "2026 지역균형발전 포럼" and status["event"]["capacity"] == 300
    assert status["checked_in"] == 2 and status["walk_ins"] == 1

    report = tmp_path / "report.xlsx"
    assert run_cli("report", "--out", str(report)).code == 0
    book = openpyxl.load_workbook(report, read_only=True)
    cells = " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    )
    assert "2026 지역균형발전 포럼" in cells and "오세린" in cells
    for word in ("혁신도시", "BEXCO", "시즌2"):
        assert word not in cells, word


def test_export_then_create_from_is_the_same_event(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.kiosk.db", tmp_path / "b.kiosk.db"
    assert run_cli("event", "create", "--from", str(FORUM), db=first).code == 0
    exported = tmp_path / "forum.toml"
    assert run_cli("event", "export", "--out", str(exported), db=first).code == 0
    assert run_cli("event", "create", "--from", str(exported), db=second).code == 0
    one = _json(run_cli("event", "show", "--json", db=first).out)
    two = _json(run_cli("event", "show", "--json", db=second).out)
    assert one == two
    again = tmp_path / "again.toml"
    assert run_cli("event", "export", "--out", str(again), db=second).code == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_create_from_flags_and_edit_is_audited(run_cli, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = run_cli("event", "create", "--name", "2026 지역균형발전 포럼", "--venue", "대전컨벤션센터",
                   "--starts", "2026-03-05 13:30", "--ends", "2026-03-05 18:00", "--capacity", "300",
                   "--sender-name", "포럼 사무국", "--sender-email", "forum@daejeon.example", "--json")  # fmt: skip
    assert made.code == 0, made.err
    again = run_cli("event", "create", "--name", "x", "--venue", "y", "--starts", "2026-03-05 13:30",
                    "--ends", "2026-03-05 18:00", "--capacity", "3")  # fmt: skip
    assert (
        again.code == 2 and "이미 행사가 있습니다" in again.err and len(again.err.strip().splitlines()) == 1
    )
    edited = run_cli("event", "edit", "--venue", "대전컨벤션센터 제2전시장", "--capacity", "280")
    assert edited.code == 0, edited.err
    shown = _json(run_cli("event", "show", "--json").out)
    assert shown["venue"] == "대전컨벤션센터 제2전시장" and shown["capacity"] == 280
    from sqlalchemy import select

    from kiosk.domain.models import AuditEntry

    db = Database.open(db_path)
    try:
        with db.session() as session:
            entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "event_edit")).all()
            details = {e.outcome: json.loads(e.detail) for e in entries}
    finally:
        db.dispose()
    assert (
        details["venue"]["before"] == "대전컨벤션센터"
        and details["venue"]["after"] == "대전컨벤션센터 제2전시장"
    )
    assert details["capacity"] == {"field": "capacity", "before": 300, "after": 280}
    assert all(e.station == "test-desk" for e in entries)


def test_capacity_below_people_present_warns(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("event", "create", "--from", str(FORUM)).code == 0
    assert run_cli("import", str(ROSTER)).code == 0
    assert run_cli("checkin", "F-001", "F-002").code == 0
    edited = run_cli("event", "edit", "--capacity", "1")
    assert edited.code == 0
    assert "경고" in edited.err and "입장한 2명" in edited.err
    assert _json(run_cli("event", "show", "--json").out)["capacity"] == 1


def test_copied_event_keeps_program_and_roster_but_old_codes_are_wrong_event(run_cli, tmp_path: Path,
                                                                             db_path: Path) -> None:  # fmt: skip
    assert run_cli("event", "create", "--from", str(FORUM)).code == 0
    assert run_cli("import", str(ROSTER)).code == 0
    assert run_cli("qr", "1", "--out", str(tmp_path / "old.png")).code == 0
    old_code = _json(run_cli("decode", "--json", str(tmp_path / "old.png")).out)["texts"][0]
    assert _json(run_cli("checkin", "--json", old_code).out)["status"] == "ok"
    copy = tmp_path / "2027.kiosk.db"
    source = Database.open(db_path)
    try:
        copy_as_new_event(source, copy, name="2027 지역균형발전 포럼", station="test-desk")
    finally:
        source.dispose()
    shown = _json(run_cli("event", "show", "--json", db=copy).out)
    assert shown["name"] == "2027 지역균형발전 포럼" and len(shown["program"]) == 4
    status = _json(run_cli("status", "--json", db=copy).out)
    assert status["invited"] == 6 and status["checked_in"] == 0  # roster kept, check-ins not
    stale = run_cli("checkin", "--json", old_code, db=copy)
    assert _json(stale.out)["status"] == "wrong_event"
    assert run_cli("checkin", "--json", "F-001", db=copy).code == 0  # the same guest, by the new file's rules


NEEDS_EVENT = [
    ("import", str(ROSTER)), ("search", "김"), ("invite", "--out", "OUT"), ("qr", "1", "--out", "OUT/x.png"),
    ("checkin", "F-001"), ("checkout", "F-001"), ("walkin", "--name", "오세린", "--organization", "대전일보"),
    ("status",), ("report", "--out", "OUT/r.xlsx"), ("event", "show"), ("event", "edit", "--capacity", "5"),
    ("event", "export", "--out", "OUT/e.toml"), ("purge-personal-data", "--yes"),
]  # fmt: skip


@pytest.mark.parametrize("args", NEEDS_EVENT, ids=lambda a: " ".join(a[:2]))
def test_commands_that_need_an_event_say_how_to_make_one(
    run_cli, tmp_path: Path, args: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(*[a.replace("OUT", str(out)) for a in args])
    assert result.code == 2, result.err
    [line] = result.err.strip().splitlines()
    assert "kiosk event create" in line and "새 행사 만들기" in line
    assert list(out.iterdir()) == []


def test_commands_without_an_event_still_work(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("db", "current").code == 0
    import qrcode

    image = tmp_path / "hello.png"
    qrcode.make("HELLO-2026").save(image)
    decoded = run_cli("decode", "--json", str(image))
    assert decoded.code == 0 and _json(decoded.out)["texts"] == ["HELLO-2026"]
    assert run_cli("demo", db=tmp_path / "demo.db").code == 0
