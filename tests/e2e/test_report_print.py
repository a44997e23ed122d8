"""The report read the way a person reads it: pdftotext for the PDF's rows and chart labels,
openpyxl for cell values, styles and print settings (issue 18)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from kiosk.domain.models import Category, Participant
from kiosk.report.data import gather
from kiosk.report.pdf import write_pdf
from kiosk.service import DoorService
from kiosk.storage.engine import Database
from tests.benchmarks.report_data_builder import build_event
from tests.event_day import OUTSIDE_DAY, WALK_INS, fill_event_day

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def _png(pdf: Path, first: int = 1, last: int = 1) -> list[Path]:
    """Every document is also rendered for a person to look at (kept in the test's folder)."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(first), "-l", str(last), str(pdf), str(prefix)],
                   check=True)  # fmt: skip
    pngs = sorted(pdf.parent.glob(prefix.name + "-*.png"))
    assert pngs and all(p.stat().st_size > 5000 for p in pngs)
    return pngs


@pytest.fixture
def event_day(db: Database, demo_event_id: int) -> dict[str, int]:
    return fill_event_day(db, demo_event_id)


def _group_rows(text: str, heading: str, next_heading: str) -> dict[str, list[str]]:
    section = text.split(heading, 1)[1].split(next_heading, 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\s*(\S+)\s+([\d,]+)\s+([\d,]+)\s+(\d+%|[–‒-])\s+([\d,]+)\s*$", line)
        if m:
            rows[m.group(1)] = list(m.groups()[1:])
    return rows


def test_pdf_group_rows_add_up_with_walk_ins_apart(
    run_cli, db: Database, demo_event_id: int, event_day: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    assert run_cli("report", "--out", str(out)).code == 0
    _png(out)
    text = _text(out)
    for heading, following in (("구분별 참석", "지역별 참석"), ("지역별 참석", "VIP")):
        rows = _group_rows(text, heading, following)
        total = rows.pop("합계")
        assert len(rows) >= 5, heading
        n = [
            [int(v.replace(",", "")) if v.replace(",", "").isdigit() else v for v in r] for r in rows.values()
        ]
        for (invited, came, rate, _others), label in zip(n, rows, strict=True):
            assert came <= invited, (heading, label)  # the attended bar never outgrows the invited one
            if invited:
                assert rate == f"{round(came * 100 / invited)}%", (heading, label)
        assert sum(r[0] for r in n) == int(total[0]) == 183
        assert sum(r[1] for r in n) == int(total[1]) == event_day["invited_arrived"]
        assert sum(r[3] for r in n) == int(total[3]) == WALK_INS
    walk_in_row = _group_rows(text, "구분별 참석", "지역별 참석")["현장등록"]
    assert walk_in_row[:2] == ["0", "0"] and walk_in_row[3] == str(WALK_INS)


def _words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, x centre, y centre, page) from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    words = []
    for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    ):
        x0, y0, x1, y1, w = float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]
        words.append((w, (x0 + x1) / 2, (y0 + y1) / 2, 1.0))
    return words


def test_chart_axes_share_gridlines_and_capacity_reads_on_its_own_axis(
    run_cli, event_day: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    assert run_cli("report", "--out", str(out)).code == 0
    words = _words(out)
    title_y = next(y for w, _x, y, _p in words if w == "누적" and _x > 400)  # the right axis title
    bottom_y = next(y for w, _x, y, _p in words if w == "13:30")
    numeric = [(int(w.replace(",", "")), x, y) for w, x, y, _p in words
               if re.fullmatch(r"[\d,]+", w) and title_y < y < bottom_y]  # fmt: skip
    left = sorted((y, v) for v, x, y in numeric if x < 80)
    right = sorted((y, v) for v, x, y in numeric if x > 500)
    assert len(left) == len(right) >= 5
    for (yl, _vl), (yr, _vr) in zip(left, right, strict=True):
        assert abs(yl - yr) < 0.5  # every gridline has a round number on both sides
    # The capacity label sits where 150 is on the right axis.
    cap_y = next(y for w, x, y, _p in words if w == "150명")
    ys = {v: y for y, v in right}
    lower = max(v for v in ys if v <= 150)
    upper = min(v for v in ys if v >= 150)
    expected = ys[lower] + (ys[upper] - ys[lower]) * (
        (150 - lower) / (upper - lower) if upper != lower else 0
    )
    assert abs(cap_y - expected) < 12  # the label is drawn just above its line
    text = _text(out)
    assert "정원 150명 (오른쪽 축)" in text
    assert f"행사일(2017-11-22) 밖의 체크인 {OUTSIDE_DAY}건" in text
    assert "정원 초과" in text  # 186 people inside a room for 150


def test_thousands_separators(db: Database, tmp_path: Path) -> None:
    event_id = build_event(db, 1300, arrived_share=0.9)
    with db.session() as session:
        data = gather(session, event_id)
    assert data.figures.arrived >= 1000
    out = write_pdf(data, tmp_path / "big.pdf")
    text = _text(out, "-f", "1", "-l", "1")
    assert f"{data.figures.invited:,}명" in text and "," in f"{data.figures.invited:,}"
    assert not re.search(r"\b\d{4,}명", text)  # "1300명" would be wrong


def test_no_table_ends_on_a_page_of_one_row(db: Database, tmp_path: Path) -> None:
    event_id = build_event(db, 400, arrived_share=1.0)
    with db.session() as session:
        data = gather(session, event_id)
    probe = write_pdf(replace(data, no_shows=[]), tmp_path / "probe.pdf")
    first_page = next(p for p in _text(probe).split("\f") if "참석자 명단" in p)
    per_page = len(re.findall(r"^\s*[\d,]+\s+\S", first_page, re.M))  # rows on the list's first page
    assert per_page > 20
    orphan = replace(data, attendees=data.attendees[: per_page + 1], no_shows=[])
    out = write_pdf(orphan, tmp_path / "orphan.pdf")
    pages = _text(out).split("\f")
    last = [p for p in pages if p.strip()][-1]
    assert len(re.findall(r"^\s*[\d,]+\s+\S", last, re.M)) >= 3
    _png(out, 2, 3)


def test_xlsx_neutralises_with_quote_prefix_and_no_apostrophe(
    db: Database, demo_event_id: int, event_day: dict[str, int], tmp_path: Path
) -> None:
    with db.write() as session:
        session.add(Participant(event_id=demo_event_id, name="-1+1", organization="+82 10 1234 5678",
                                title="=1+1", category=Category.OTHER))  # fmt: skip
    (path,) = DoorService.for_file(db, demo_event_id, "test").export_report([tmp_path / "r.xlsx"])
    wb = openpyxl.load_workbook(path)
    cells = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in ("-1+1", "+82 10 1234 5678", "=1+1"):
        assert value in cells, value
        assert cells[value].data_type == "s" and cells[value].quotePrefix
    assert not [v for v in cells if v.startswith("'")]
    assert not cells["혁신도시 시즌2 콘퍼런스"].quotePrefix  # ordinary text keeps the plain style


def test_every_sheet_prints_landscape_one_page_wide_with_its_header(
    db: Database, demo_event_id: int, event_day: dict[str, int], tmp_path: Path
) -> None:
    (path,) = DoorService.for_file(db, demo_event_id, "test").export_report([tmp_path / "r.xlsx"])
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows.replace("$", "") == "1:1", ws.title
        assert ws["A1"].font.b  # the repeated row is the header


def test_summary_arrivals_have_columns_of_their_own(
    db: Database, demo_event_id: int, event_day: dict[str, int], tmp_path: Path
) -> None:
    (path,) = DoorService.for_file(db, demo_event_id, "test").export_report([tmp_path / "r.xlsx"])
    ws = openpyxl.load_workbook(path)["요약"]
    assert [ws.cell(1, c).value for c in range(1, 3)] == ["항목", "내용"]
    assert ws["C1"].value is None
    assert ws["D1"].value.startswith("시각") and ws["G1"].value.startswith("누적")
    key_values = [r for r in ws.iter_rows(min_row=2, max_col=2, values_only=True) if r[0]]
    assert all(isinstance(k, str) for k, _v in key_values)  # no time cell among the labels
    assert dict(key_values)["행사일 밖의 체크인 (도착 표에서 제외, 명단에는 포함)"] == OUTSIDE_DAY
    times = [r for r in ws.iter_rows(min_row=2, min_col=4, max_col=8, values_only=True) if r[0]]
    assert times[0][0].strftime("%H:%M") == "13:30"
    assert ws.cell(2, 4).number_format == "yyyy-mm-dd hh:mm"
    # The chart's day: everyone but the two check-ins of the day before (the first had a companion).
    assert times[-1][3] == event_day["arrived"] - OUTSIDE_DAY + event_day["companions"] - 1
