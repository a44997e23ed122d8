"""`kiosk report --out FILE` end to end: the files reopen, agree with the database, and are safe."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import Category, CheckIn, InvitationStatus, Participant
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.storage.engine import Database

EVENT_NAME = "혁신도시 시즌2 콘퍼런스"
HOSTILE_NAME = '=HYPERLINK("http://evil.example","클릭")'


@pytest.fixture
def door(db: Database, desk: CheckInDesk) -> CheckInDesk:
    """Forty arrivals, a walk-in, and a guest whose name and organisation are formulas."""
    with db.write() as session:
        session.add(
            Participant(
                event_id=desk.event_id, name=HOSTILE_NAME, organization="+cmd|' /C calc'!A0",
                title="@SUM(1+1)", category=Category.OTHER, phone="010-9999-5678", email="evil@example.com",
            )
        )  # fmt: skip
    with db.session() as session:
        ids = list(
            session.scalars(
                select(Participant.id).where(Participant.event_id == desk.event_id).order_by(Participant.id)
            )
        )
    for pid in [*ids[:40], ids[-1]]:
        assert desk.check_in_participant(pid, "입구1", "김운영").ok
    assert register_walk_in(desk, WalkInRequest(name="현장손님", organization="-부산시민"), "입구2").created
    return desk


def _db_counts(db: Database, event_id: int) -> dict[str, int]:
    with db.session() as session:
        arrived = set(
            session.scalars(
                select(CheckIn.participant_id).where(
                    CheckIn.event_id == event_id, CheckIn.undone_at.is_(None)
                )
            )
        )
        invited = set(
            session.scalars(
                select(Participant.id).where(
                    Participant.event_id == event_id,
                    Participant.is_walk_in.is_(False),
                    Participant.status == InvitationStatus.INVITED,
                )
            )
        )
        walk_ins = session.scalar(
            select(func.count(Participant.id)).where(
                Participant.event_id == event_id, Participant.is_walk_in.is_(True)
            )
        )
        audit = session.scalar(select(func.count()).select_from(select(CheckIn.id).subquery()))
    return {
        "arrived": len(arrived),
        "no_shows": len(invited - arrived),
        "walk_ins": walk_ins,
        "check_ins": audit,
    }


def _rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(ws.iter_rows(min_row=2, values_only=True))


def test_excel_reopens_with_the_database_counts(
    run_cli, db: Database, door: CheckInDesk, tmp_path: Path
) -> None:
    out = tmp_path / "보고서.xlsx"
    result = run_cli("report", "--out", str(out))
    assert result.code == 0, result.err
    assert str(out) in result.out
    counts = _db_counts(db, door.event_id)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["요약", "참석자", "불참자", "현장등록", "구분별", "지역별", "기록"]
    attendees, no_shows, walk_ins = wb["참석자"], wb["불참자"], wb["현장등록"]
    assert len(_rows(attendees)) == counts["arrived"] == 42
    assert len(_rows(no_shows)) == counts["no_shows"]
    assert len(_rows(walk_ins)) == counts["walk_ins"] == 1
    for ws in (attendees, no_shows, walk_ins, wb["구분별"], wb["지역별"], wb["기록"]):
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert all(
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width >= 6
            for i in range(1, ws.max_column + 1)
        )
    header = [c.value for c in attendees[1]]
    assert header[:6] == ["번호", "성명", "소속", "직위", "구분", "지역"]
    arrival = attendees.cell(row=2, column=header.index("도착 시각") + 1)
    assert arrival.is_date and arrival.value.tzinfo is None  # Seoul wall-clock time, no zone
    assert arrival.number_format == "yyyy-mm-dd hh:mm:ss"
    by_category = {r[0]: r for r in _rows(wb["구분별"])}
    assert sum(r[2] for r in by_category.values()) == counts["arrived"]
    assert by_category["현장등록"][2] == 1
    summary = {r[0]: r[1] for r in _rows(wb["요약"]) if r[0]}
    assert summary["행사명"] == EVENT_NAME
    assert summary["참석 인원 (현장등록 포함, 동반인 제외)"] == counts["arrived"]
    assert "Asia/Seoul" in summary["시간대"]
    log_actions = [r[3] for r in _rows(wb["기록"])]
    assert log_actions.count("현장등록") == 1  # the walk-in's registration, then its check-in
    assert log_actions.count("입장") == counts["check_ins"] == 42


def test_a_formula_in_a_name_never_survives_as_a_formula(
    run_cli, db: Database, door: CheckInDesk, tmp_path: Path
) -> None:
    xlsx, csv_path = tmp_path / "r.xlsx", tmp_path / "r.csv"
    assert run_cli("report", "--out", str(xlsx)).code == 0
    assert run_cli("report", "--out", str(csv_path)).code == 0
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    hostile = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    # The text as typed, held as text by the quotePrefix style (issue 18: no visible apostrophe).
    assert hostile and all(c.value == HOSTILE_NAME and c.quotePrefix for c in hostile)
    assert all(c.quotePrefix for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")))
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    texts = [value for row in rows for value in row]
    assert "'" + HOSTILE_NAME in texts
    assert "'-부산시민" in texts
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in texts)


def test_csv_is_utf8_with_bom_and_reads_back(
    run_cli, db: Database, door: CheckInDesk, tmp_path: Path
) -> None:
    out = tmp_path / "참석자.csv"
    assert run_cli("report", "--out", str(out)).code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == _db_counts(db, door.event_id)["arrived"]
    assert rows[0]["번호"] == "1"
    assert rows[0]["도착 시각"][:4].isdigit() and len(rows[0]["도착 시각"]) == 19
    assert {r["성명"] for r in rows} >= {"현장손님"}
    assert any(r["휴대전화"] == "010-9999-5678" for r in rows)


def test_mask_pii_masks_phones_and_emails(run_cli, door: CheckInDesk, tmp_path: Path) -> None:
    out = tmp_path / "masked.csv"
    assert run_cli("report", "--out", str(out), "--mask-pii").code == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    hostile = next(r for r in rows if "HYPERLINK" in r["성명"])
    assert hostile["휴대전화"] == "010-****-5678"
    assert hostile["이메일"] == "e***@example.com"
    assert all(not r["휴대전화"] or "*" in r["휴대전화"] for r in rows)
    assert all(not r["이메일"] or "***@" in r["이메일"] for r in rows)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_has_selectable_hangul_and_embedded_fonts(run_cli, door: CheckInDesk, tmp_path: Path) -> None:
    out = tmp_path / "요약.pdf"
    result = run_cli("report", "--out", str(out))
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert EVENT_NAME in text
    for words in (
        "10분 단위 도착",
        "구분별 참석",
        "지역별 참석",
        "VIP",
        "참석자 명단",
        "불참자 명단",
        "정원 150명",
        "현장손님",
    ):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    font_lines = fonts.splitlines()[2:]
    assert font_lines and all(" yes " in line for line in font_lines)  # every font embedded


@pytest.mark.parametrize("name", ["report.docx", "report", "보고서.XLSX.bak"])
def test_unknown_extension_is_one_clear_line(run_cli, demo_event_id: int, tmp_path: Path, name: str) -> None:
    result = run_cli("report", "--out", str(tmp_path / name))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert ".xlsx" in result.err


def test_upper_case_extension_is_accepted(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    assert run_cli("report", "--out", str(tmp_path / "R.CSV")).code == 0


def test_missing_folder_and_folder_target_fail_cleanly(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    for target in (tmp_path / "nowhere" / "r.xlsx", tmp_path):
        result = run_cli("report", "--out", str(target))
        assert result.code == 2
        assert len(result.err.strip().splitlines()) == 1
        assert "Traceback" not in result.err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_fails_cleanly(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run_cli("report", "--out", str(locked / "r.pdf"))
    finally:
        locked.chmod(0o700)
    assert result.code == 2
    assert "권한" in result.err


def test_unwritable_path_fails_cleanly_even_for_root(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    # /proc refuses new files for everyone, root included.
    result = run_cli("report", "--out", "/proc/kiosk-report.pdf")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert not list(tmp_path.glob(".*.tmp*"))


def test_existing_report_is_replaced_whole(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.xlsx"
    out.write_bytes(b"previous report")
    assert run_cli("report", "--out", str(out)).code == 0
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in folder.iterdir()] == ["r.xlsx"]  # no temporary left behind


def test_no_event_is_a_clear_error(run_cli, db: Database, tmp_path: Path) -> None:
    result = run_cli("report", "--out", str(tmp_path / "r.csv"))
    assert result.code == 2
    assert "행사" in result.err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_reports_before_anyone_arrived(run_cli, demo_event_id: int, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "empty.pdf", tmp_path / "empty.xlsx"
    assert run_cli("report", "--out", str(pdf)).code == 0
    assert run_cli("report", "--out", str(xlsx)).code == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "아직 도착 기록이 없습니다" in text
    assert "참석자가 없습니다" in text
    wb = openpyxl.load_workbook(xlsx)
    assert wb["참석자"].max_row == 1  # the header only
    assert wb["불참자"].max_row == 1 + 183  # the whole demo roster
