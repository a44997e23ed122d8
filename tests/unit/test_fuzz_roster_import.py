"""Hostile roster files (CSV text in any encoding, random bytes, Excel with any cell values): the
import either reports its rows or refuses the file with RosterFileError — never another exception,
never a damaged database."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from fuzz_support import FAILURES, bounded, counted, report
from hypothesis import given
from hypothesis import strategies as st

TARGETS = ["import.csv_text", "import.raw_bytes", "import.xlsx_cells"]
HEADERS = ["연번", "성명", "소속", "직위", "구분", "지역", "휴대전화", "이메일", "등록번호", "VIP", "동반인원", "발표자", "비고"]
NASTY = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "＝1", "\"", "\"\"", ",", ";", "\t", "\r\n",
         "\x00", "\ufeff", "\u202e", "ㅁㄴㅇ", "김현미", "010-1234-5678", "kim@example.com", "Y", "예", "-5",
         "9" * 30, "<script>", "{이름}", "국회의원", "x" * 2000]  # fmt: skip
_CELL = st.one_of(st.text(max_size=40), st.sampled_from(NASTY))


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    report(TARGETS)


@pytest.fixture
def importer(db, demo_event_id, db_path, tmp_path):  # type: ignore[no-untyped-def]
    from kiosk.domain.roster_import import RosterFileError, import_roster

    def run(target: str, path: Path) -> None:
        counted(target)
        try:
            try:
                result = import_roster(db, path, station="fuzz")
            except RosterFileError as exc:
                assert str(exc)  # a sentence for the organiser
            else:
                assert result.imported >= 0 and result.updated >= 0
            with sqlite3.connect(db_path) as conn:
                assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            conn.close()
        except BaseException:
            FAILURES[target] += 1
            raise

    run.folder = tmp_path  # type: ignore[attr-defined]
    return run


@bounded(80)
@given(
    headers=st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=10)), min_size=1, max_size=8),
    rows=st.lists(st.lists(_CELL, max_size=9), max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16"]),
    delimiter=st.sampled_from([",", "\t", ";"]),
)
def test_csv_text(importer, headers, rows, encoding, delimiter):  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    path = importer.folder / "roster.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="ignore"))
    importer("import.csv_text", path)


@bounded(80)
@given(data=st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b)))
def test_raw_bytes(importer, data):  # type: ignore[no-untyped-def]
    path = importer.folder / "roster.xlsx"
    path.write_bytes(data)
    importer("import.raw_bytes", path)


_XLSX_CELL = st.one_of(
    _CELL.map(lambda t: "".join(ch for ch in t if ch >= " " or ch in "\t\n")),  # what openpyxl can store
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["=1+1", "=A1", "=HYPERLINK(\"http://x\")"]),
)


@bounded(30)
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True),
    rows=st.lists(st.lists(_XLSX_CELL, max_size=7), max_size=8),
    title_rows=st.integers(0, 3),
)
def test_xlsx_cells(importer, headers, rows, title_rows):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for i in range(title_rows):
        sheet.append([f"제목 {i}"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    path = importer.folder / "roster.xlsx"
    book.save(path)
    importer("import.xlsx_cells", path)
