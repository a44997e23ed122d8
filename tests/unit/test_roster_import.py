"""Roster import: Korean encodings, Excel, validation, re-import, and every kind of bad file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.domain.demo import demo_files
from kiosk.domain.events import create_event
from kiosk.domain.models import AuditEntry, Category, Participant
from kiosk.domain.roster_columns import category_from_label, field_for_header, parse_count, parse_flag
from kiosk.domain.roster_files import RosterFileError, RosterTable, decode_text, read_roster_file
from kiosk.domain.roster_import import import_roster, parse_table, resolve_mapping
from kiosk.storage.engine import Database
from tests.benchmarks.roster_samples import HEADERS, sample_rows, write_csv, write_xlsx

DEMO_ROSTER = demo_files()[1]


@pytest.fixture
def event_id(db: Database) -> int:
    """An event with an empty roster (the demo event already holds the demo roster)."""
    with db.write() as session:
        return create_event(
            session,
            name="시험 행사",
            venue="BEXCO",
            starts_at=datetime(2030, 5, 1, 5, tzinfo=UTC),
            ends_at=datetime(2030, 5, 1, 8, tzinfo=UTC),
            capacity=150,
        ).id


def people(db: Database) -> list[Participant]:
    with db.session() as session:
        return list(session.scalars(select(Participant).order_by(Participant.id)))


def count(db: Database, model: type = Participant) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def row(
    name: str = "김현미", org: str = "국토교통부", email: str = "", code: str = "", **more: str
) -> list[str]:
    values = dict(
        zip(
            HEADERS,
            [name, org, "장관", "부처", "세종", "010-1234-5678", email, code, "", "0", "", ""],
            strict=True,
        )
    )
    values.update(more)
    return [values[h] for h in HEADERS]


# -- the demo roster and encodings ---------------------------------------------------------------


def test_demo_roster_imports_cleanly_and_reimports_unchanged(db: Database, event_id: int) -> None:
    first = import_roster(db, DEMO_ROSTER, event_id=event_id)
    assert (first.imported, first.updated, first.unchanged, first.rejected) == (183, 0, 0, [])
    assert first.warnings == []
    again = import_roster(db, DEMO_ROSTER, event_id=event_id)
    assert (again.imported, again.updated, again.unchanged, again.missing_from_file) == (0, 0, 183, [])
    kim = next(p for p in people(db) if p.name == "김현미")
    assert (kim.phone, kim.category, kim.is_vip, kim.companions_allowed) == (
        "010-0010-7442", Category.MINISTRY, True, 2,
    )  # fmt: skip


def test_demo_event_and_import_agree(db: Database, demo_event_id: int) -> None:
    report = import_roster(db, DEMO_ROSTER, event_id=demo_event_id)
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 183)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_korean_encodings(db: Database, event_id: int, tmp_path: Path, encoding: str) -> None:
    path = write_csv(
        tmp_path / f"명단-{encoding}.csv", [row("김현미"), row("홍길동", "부산광역시")], encoding=encoding
    )
    report = import_roster(db, path, event_id=event_id)
    assert report.imported == 2 and not report.rejected
    assert {p.name for p in people(db)} == {"김현미", "홍길동"}


def test_cp949_file_labelled_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "명단.utf8.csv", [row("석인숙", "국토교통부 제1차관실")], encoding="cp949")
    table = read_roster_file(path)
    assert table.encoding == "cp949"
    assert table.rows[0][1][:2] == ["석인숙", "국토교통부 제1차관실"]


def test_one_bad_byte_refuses_only_its_row(db: Database, event_id: int, tmp_path: Path) -> None:
    good = "\r\n".join([",".join(HEADERS), ",".join(row("김현미")), ",".join(row("홍길동", "부산"))]).encode()
    path = tmp_path / "broken.csv"
    path.write_bytes(good + b"\r\n\xff\xfe\xfd\xc0," + "부산,,,,,,,,,,\r\n".encode())
    report = import_roster(db, path, event_id=event_id)
    assert report.imported == 2
    assert [(p.line, "인코딩" in p.reason) for p in report.rejected] == [(4, True)]


def test_tab_and_semicolon_separated(tmp_path: Path) -> None:
    path = tmp_path / "명단.txt"
    path.write_text("성명\t소속\n김현미\t국토교통부\n", encoding="utf-16")
    assert read_roster_file(path).rows == [(2, ["김현미", "국토교통부"])]
    path.write_text("이름;기관\n홍길동;부산시\n", encoding="utf-8")
    assert read_roster_file(path).rows == [(2, ["홍길동", "부산시"])]


# -- Excel ------------------------------------------------------------------------------------------


def test_xlsx_with_title_rows_numbers_and_formulas(db: Database, event_id: int, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["김현미", "국토교통부", "장관", "부처", "세종", 1000107442, "hmkim@molit.example", 1001, True, 2, None, None],
        ["이몽룡", "남원시", "시장", "지자체", "전북", "010-2222-3333", '=HYPERLINK("mailto:x@y.example","x")', None, None, 0, None, None],
        [None] * 12,
        ["성춘향", "남원시", "주무관", "지자체", "전북", "+82 10 4444 5555", "chun@namwon.example", None, None, 1.0, None, "=1+1"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "명단.xlsx", rows, above=2)
    report = import_roster(db, path, event_id=event_id)
    # Title row 1, blank row 2, header row 3: data starts at sheet row 4.
    assert report.imported == 1
    assert [(p.line, p.reason.startswith("수식")) for p in report.rejected] == [(5, True), (7, True)]
    kim = next(p for p in people(db) if p.name == "김현미")
    assert (kim.phone, kim.external_code, kim.is_vip, kim.companions_allowed) == (
        "010-0010-7442",
        "1001",
        True,
        2,
    )
    assert all("=" not in (p.email or "") + p.notes for p in people(db))


def test_old_xls_and_corrupt_xlsx_are_refused(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(RosterFileError, match="97-2003"):
        read_roster_file(xls)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RosterFileError, match="Excel"):
        read_roster_file(fake)


# -- validation -------------------------------------------------------------------------------------


def test_row_checks_with_line_numbers(db: Database, event_id: int, tmp_path: Path) -> None:
    rows = [
        row("김현미", email="kim@molit.example", code="A-1"),  # line 2
        row("", email="nobody@example.com"),  # 3: no name
        row("홍길동", email="hong@@example"),  # 4: malformed e-mail
        row("박성진", email="KIM@molit.example"),  # 5: e-mail of line 2 (case-insensitive)
        row("오아름", code="a1"),  # 6: code of line 2 (hyphen and case ignored)
        row("윤병철"),  # 7: no e-mail: accepted
        [""] * 12,  # 8: blank line, ignored
        row("염정은", 동반인원="많음"),  # 9: companions not a number
        row("김현미", "부산광역시"),  # 10: same name, another organization: accepted
        row("윤병철"),  # 11: no e-mail or code, same name + organization as line 7
    ]
    path = write_csv(tmp_path / "rows.csv", rows)
    path.write_bytes(path.read_bytes().replace(b"\r\n", b",,\r\n"))  # trailing empty columns
    report = import_roster(db, path, event_id=event_id)
    assert report.imported == 3
    reasons = {p.line: p.reason for p in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 9, 11]
    assert "성명" in reasons[3] and "이메일 형식" in reasons[4]
    assert "2번째 줄" in reasons[5] and "2번째 줄" in reasons[6] and "7번째 줄" in reasons[11]
    assert report.exit_code == 1


def test_header_aliases_and_categories() -> None:
    assert field_for_header(" 성 명* ") == "name"
    assert field_for_header("E-mail") == "email"
    assert field_for_header("휴대전화(필수)") == "phone"
    assert field_for_header("참석자 성명") == "name"
    assert field_for_header("이메일 수신동의") is None
    assert field_for_header("연번") == "ignore"
    assert category_from_label("국회의원") == (Category.LAWMAKER, True)
    assert category_from_label("○○의원실") == (Category.LAWMAKER, True)
    assert category_from_label("지방자치단체") == (Category.LOCAL_GOVERNMENT, True)
    assert category_from_label("lawmaker") == (Category.LAWMAKER, True)
    assert category_from_label("우주인") == (Category.OTHER, False)
    assert [parse_flag(v) for v in ("Y", "○", "예", "", "N", "아니오", "0")] == [True] * 3 + [False] * 4
    assert [parse_count(v) for v in ("2", "2명", "", None, 3.0, "-1", "abc", "99")] == [
        2,
        2,
        0,
        0,
        3,
        None,
        None,
        None,
    ]


def test_unrecognised_headers_need_a_mapping(db: Database, event_id: int, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv",
        [["김현미", "국토교통부", "x@y.example"]],
        headers=["참가자", "Dept", "메일주소"],
    )
    with pytest.raises(RosterFileError, match="성명"):
        import_roster(db, path, event_id=event_id)
    report = import_roster(db, path, event_id=event_id, overrides={"참가자": "name", "Dept": "organization"})
    assert report.imported == 1
    assert (people(db)[0].organization, people(db)[0].email) == ("국토교통부", "x@y.example")
    with pytest.raises(RosterFileError, match="항목"):
        resolve_mapping(["참가자"], {"참가자": "nickname"})


def test_names_with_emoji_hanja_and_controls(db: Database, event_id: int, tmp_path: Path) -> None:
    rows = [row("金賢美"), row("김 현 미", "국토부"), row("Jane  Doe 🎉", "UN"), row("\u202e이상한", "X")]
    import_roster(db, write_csv(tmp_path / "names.csv", rows), event_id=event_id)
    assert [p.name for p in people(db)] == ["金賢美", "김현미", "Jane Doe 🎉", "이상한"]


# -- files that cannot be read change nothing -------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "빈 파일"),
        (b"\r\n\r\n ,,\r\n", "내용이 없습니다"),
        ("성명,소속,이메일\r\n".encode(), "머리글만"),
        ("소속,이메일\r\n국토교통부,a@b.example\r\n".encode(), "성명"),
        (bytes(range(256)) * 40, "이진 파일"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "이진 파일"),
    ],
    ids=["empty", "blank-lines", "header-only", "no-name-column", "binary", "png-renamed"],
)
def test_unreadable_files_change_nothing(
    db: Database, event_id: int, tmp_path: Path, content: bytes, message: str
) -> None:
    import_roster(db, DEMO_ROSTER, event_id=event_id)
    before = (count(db), count(db, AuditEntry))
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(RosterFileError, match=message):
        import_roster(db, path, event_id=event_id)
    assert (count(db), count(db, AuditEntry)) == before


def test_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(RosterFileError, match="찾을 수 없습니다"):
        read_roster_file(tmp_path / "없는파일.csv")
    with pytest.raises(RosterFileError, match="파일이 아닙니다"):
        read_roster_file(tmp_path)


# -- re-import --------------------------------------------------------------------------------------


def test_reimport_matches_by_code_then_email_then_name(db: Database, event_id: int, tmp_path: Path) -> None:
    first = [
        row("김현미", email="kim@molit.example", code="C-1"),
        row("석인숙", email="seok@molit.example"),
        row("마재영", "국토교통부"),
        row("강영민", email="kang@molit.example"),
    ]
    import_roster(db, write_csv(tmp_path / "v1.csv", first), event_id=event_id)
    ids = {p.name: p.id for p in people(db)}
    updated = [
        row("김현미", email="new-kim@molit.example", code="c1", 직위="전 장관"),  # code match, new e-mail
        row("석인숙", "국토교통부 차관실", email="SEOK@molit.example"),  # e-mail match, new organization
        row("마재영", "국토교통부", email="ma@molit.example"),  # name + organization, gains an e-mail
        row("백운규", "산업통상자원부"),  # new
    ]
    report = import_roster(db, write_csv(tmp_path / "v2.csv", updated), event_id=event_id)
    assert (report.imported, report.updated, report.unchanged) == (1, 3, 0)
    assert [(m.id, m.name) for m in report.missing_from_file] == [(ids["강영민"], "강영민")]
    assert count(db) == 5  # nobody twice, nobody deleted
    now = {p.name: p for p in people(db)}
    assert now["김현미"].id == ids["김현미"] and now["김현미"].email == "new-kim@molit.example"
    assert now["김현미"].title == "전 장관" and now["김현미"].external_code == "C-1"
    assert now["석인숙"].organization == "국토교통부 차관실"
    assert now["마재영"].email == "ma@molit.example"
    # The same file again: all unchanged; a blank e-mail cell does not erase the address.
    updated[2] = row("마재영", "국토교통부")
    again = import_roster(db, write_csv(tmp_path / "v3.csv", updated), event_id=event_id)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 4)
    assert {p.name: p for p in people(db)}["마재영"].email == "ma@molit.example"


def test_same_person_twice_in_a_file_is_refused(db: Database, event_id: int, tmp_path: Path) -> None:
    import_roster(
        db,
        write_csv(tmp_path / "v1.csv", [row("김현미", email="kim@x.example", code="K1")]),
        event_id=event_id,
    )
    rows = [row("김현미", code="K1"), row("김현미", email="kim@x.example")]
    report = import_roster(db, write_csv(tmp_path / "v2.csv", rows), event_id=event_id)
    assert report.unchanged == 1 and [p.line for p in report.rejected] == [3]
    assert count(db) == 1


def test_dry_run_changes_nothing(db: Database, event_id: int) -> None:
    report = import_roster(db, DEMO_ROSTER, event_id=event_id, dry_run=True)
    assert report.imported == 183 and report.dry_run
    assert (count(db), count(db, AuditEntry)) == (0, 0)


def test_import_is_audited_with_counts_only(db: Database, event_id: int) -> None:
    import_roster(db, DEMO_ROSTER, event_id=event_id, station="desk-1")
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    detail = json.loads(entry.detail)
    assert detail["imported"] == 183 and detail["rejected"] == 0 and entry.station == "desk-1"
    assert "김현미" not in entry.detail and "@" not in entry.detail


def test_cancelled_invitation_stays_cancelled(db: Database, event_id: int) -> None:
    from kiosk.domain.roster import set_cancelled

    import_roster(db, DEMO_ROSTER, event_id=event_id)
    with db.write() as session:
        set_cancelled(session, people(db)[0].id, True)
    report = import_roster(db, DEMO_ROSTER, event_id=event_id)
    assert report.unchanged == 183
    assert people(db)[0].status == "cancelled"


# -- big and hostile files --------------------------------------------------------------------------


def test_ten_thousand_duplicate_rows(db: Database, event_id: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dups.csv", [row("김현미", email="kim@molit.example")] * 10_000)
    report = import_roster(db, path, event_id=event_id)
    assert report.imported == 1 and len(report.rejected) == 9_999
    assert report.rejected[0].line == 3 and count(db) == 1


def test_fifty_megabytes_of_rows_is_refused_clearly(db: Database, event_id: int, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    line = ",".join(row("김현미", "국토교통부 혁신도시발전추진단 혁신도시정책총괄과")) + "\r\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(HEADERS) + "\r\n")
        fh.write(line * (50 * 1024 * 1024 // len(line.encode())))
    assert path.stat().st_size > 45 * 1024 * 1024
    with pytest.raises(RosterFileError, match="행이 너무 많습니다"):
        import_roster(db, path, event_id=event_id)
    assert count(db) == 0


@pytest.mark.slow
def test_fifty_megabytes_of_long_cells_imports(db: Database, event_id: int, tmp_path: Path) -> None:
    rows = sample_rows(10_000)
    for i, r in enumerate(rows):
        r[-1] = "가나다라마바사아자차" * 160 + str(i)  # 1,600+ Hangul characters of notes: ~4.8 kB a row
    path = write_csv(tmp_path / "long.csv", rows)
    assert path.stat().st_size > 45 * 1024 * 1024
    report = import_roster(db, path, event_id=event_id)
    assert report.imported == 10_000 and not report.rejected


def test_oversized_cells_are_refused_per_row(db: Database, event_id: int, tmp_path: Path) -> None:
    rows = [row("김" * 300), row("홍길동", 비고="메모" * 3000), row("박성진")]
    report = import_roster(db, write_csv(tmp_path / "long.csv", rows), event_id=event_id)
    assert report.imported == 1 and [p.line for p in report.rejected] == [2, 3]
    assert "너무 깁니다" in report.rejected[0].reason


_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell, min_size=0, max_size=14), min_size=1, max_size=8))
def test_any_cells_are_accepted_or_refused_never_crash(cells: list[list[str]]) -> None:
    table = RosterTable(headers=HEADERS, rows=[(i + 2, c) for i, c in enumerate(cells)], kind="csv")
    parsed = parse_table(table)
    lines = {r.line for r in parsed.rows} | {p.line for p in parsed.rejected}
    assert len(lines) == len(parsed.rows) + len(parsed.rejected)
    assert all(r.fields.name for r in parsed.rows)


def test_decode_text_prefers_utf8() -> None:
    assert decode_text("김현미".encode()) == ("김현미", "utf-8")
    assert decode_text("김현미".encode("cp949")) == ("김현미", "cp949")


def test_fast_xlsx_reader_agrees_with_openpyxl(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from kiosk.domain.roster_files import _read_xlsx_fast, _read_xlsx_openpyxl

    book = Workbook()
    book.active.title = "안내"
    book.active.append(["이 시트에는 명단이 없습니다"])
    sheet = book.create_sheet("명단")
    sheet.append(["연번", "성명", "소속", "휴대전화", "VIP", "동반인원", "비고", "등록일"])
    sheet.append(
        [
            1,
            "김현미",
            "국토교통부",
            1000107442,
            True,
            2,
            '=HYPERLINK("http://x")',
            datetime(2017, 11, 1, 9, 30),
        ]
    )
    sheet.append([2, "홍길동", None, "010-1234-5678", False, 0.5, "메모 ✓ 🎉", None])
    sheet["J3"] = "열 밖의 값"
    sheet.append([])
    sheet.append([4, "金賢美", "세종", None, None, None, "", None])
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    fast, slow = _read_xlsx_fast(path, None), _read_xlsx_openpyxl(path, None)
    assert (fast.sheet, fast.headers, fast.header_line) == (slow.sheet, slow.headers, slow.header_line) == (
        "명단", ["연번", "성명", "소속", "휴대전화", "VIP", "동반인원", "비고", "등록일"], 1,
    )  # fmt: skip

    def trim(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
        # openpyxl pads rows to the sheet's width; trailing blanks mean nothing to the importer
        return [(line, " ".join(cells[: len(fast.headers)]).rstrip().split(" ")) for line, cells in rows]

    assert trim(fast.rows) == trim(slow.rows)
    assert fast.rows[0][1][6].startswith("=HYPERLINK") and fast.rows[0][1][7] == "2017-11-01 09:30"
    assert [line for line, _cells in fast.rows] == [2, 3, 5]
