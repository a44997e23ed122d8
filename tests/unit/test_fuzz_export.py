"""Hostile roster values (names, organisations, notes, stations...) in the attendance exports:
no cell of the CSV or the Excel file can run as a formula, and the export never fails on them."""

from __future__ import annotations

import csv
import zipfile

import pytest
from fuzz_support import FAILURES, bounded, counted, report
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.models import CheckIn, CheckInMethod, Participant

TARGETS = ["export.csv_cells", "export.xlsx_cells"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
SNIPPETS = ["=HYPERLINK(\"http://evil.example\",\"클릭\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)",
            "\t=1", "\r=1", "＝1+1", "=1", "'=1", "<script>", "\x00", "\x0b", "김현미", "010-1234-5678"]  # fmt: skip
_VALUE = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(max_size=20),
    st.tuples(st.sampled_from(TRIGGERS), st.text(max_size=10)).map("".join),
)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    report(TARGETS)


def _dangerous(value: str) -> bool:
    # A number such as "-2" is data, not a formula: the writers keep numbers as numbers.
    return len(value) > 1 and value.startswith(TRIGGERS) and not value.lstrip("-+").replace(".", "").isdigit()


@pytest.mark.slow
@bounded(20)
@given(people=st.lists(st.tuples(*[_VALUE] * 8), min_size=1, max_size=4))
def test_hostile_values_never_become_formulas(db, demo_event_id, tmp_path, people) -> None:  # type: ignore[no-untyped-def]
    from kiosk.service import DoorService

    counted("export.csv_cells")
    counted("export.xlsx_cells")
    try:
        with db.write() as session:
            for name, org, title, region, notes, phone, station, operator in people:
                person = Participant(
                    event_id=demo_event_id, name=name or "x", organization=org, title=title, region=region,
                    notes=notes, phone=phone, email=f"{operator}@example.com", external_code=None,
                )  # fmt: skip
                session.add(person)
                session.flush()
                session.add(CheckIn(event_id=demo_event_id, participant_id=person.id, station=station[:64],
                                    method=CheckInMethod.MANUAL, operator=operator[:64]))  # fmt: skip
        csv_path, xlsx_path = tmp_path / "r.csv", tmp_path / "r.xlsx"
        DoorService.for_file(db, demo_event_id, "test").export_report([csv_path, xlsx_path])
        with open(csv_path, encoding="utf-8-sig", newline="") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert not [c for c in cells if _dangerous(c)]
        with zipfile.ZipFile(xlsx_path) as book:
            for name in book.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = book.read(name).decode("utf-8")
                    assert "<f>" not in xml and "<f " not in xml, name  # no formula element anywhere
        from openpyxl import load_workbook

        for sheet in load_workbook(xlsx_path).worksheets:
            for row in sheet.iter_rows():
                assert not [c.coordinate for c in row if c.data_type == "f"]  # text cells stay text
                # Formula-like text is kept as typed, held as text by the quotePrefix style.
                assert not [c.value for c in row if isinstance(c.value, str) and _dangerous(c.value)
                            and not c.quotePrefix]  # fmt: skip
    except BaseException:
        FAILURES["export.csv_cells"] += 1
        FAILURES["export.xlsx_cells"] += 1
        raise


def test_control_character_before_a_formula_is_still_neutralised_in_xlsx(db, demo_event_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found by the property above: "\x00=1+1" used to reach the sheet as "=1+1"."""
    from openpyxl import load_workbook

    from kiosk.service import DoorService

    with db.write() as session:
        person = Participant(event_id=demo_event_id, name="\x00=1+1", organization="\x0b@SUM(A1)")
        session.add(person)
        session.flush()
        session.add(CheckIn(event_id=demo_event_id, participant_id=person.id, station="s", method=CheckInMethod.MANUAL))
    path = DoorService.for_file(db, demo_event_id, "test").export_report([tmp_path / "r.xlsx"])[0]
    cells = [c for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.value for c in cells if isinstance(c.value, str) and _dangerous(c.value) and not c.quotePrefix]
    assert "=1+1" in [c.value for c in cells]  # the control character dropped, the text held as text
