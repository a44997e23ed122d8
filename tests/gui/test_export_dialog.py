"""The export dialog writes the chosen files on a worker thread and reports progress."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from kiosk.domain.checkin import CheckInDesk
from kiosk.ui.export_dialog import ExportDialog, safe_file_stem
from tests.gui.doc_tasks import sql_threads, task_manager

SHOTS = Path(os.environ.get("KIOSK_SCREENSHOTS", "")) if os.environ.get("KIOSK_SCREENSHOTS") else None


@pytest.fixture
def dialog(qtbot, db, desk: CheckInDesk, tmp_path: Path) -> Iterator[ExportDialog]:  # type: ignore[no-untyped-def]
    for pid in range(1, 31):
        desk.check_in_participant(pid, "입구1", "김운영")
    with task_manager(db, desk.event_id) as tasks, sql_threads(db) as threads:
        dlg = ExportDialog(tasks)
        qtbot.addWidget(dlg)
        dlg.folder_edit.setText(str(tmp_path))
        dlg.name_edit.setText("보고서")
        yield dlg
        tasks.settle()
    assert threads and "MainThread" not in threads  # every statement ran on the database worker


def test_exports_all_three_formats_with_progress(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.show()
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.export_button.click()
        assert dialog.running
        assert not dialog.export_button.isEnabled()
    written = blocker.args[0]
    assert sorted(p.name for p in written) == ["보고서.csv", "보고서.pdf", "보고서.xlsx"]
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)
    assert dialog.export_button.isEnabled() and dialog.open_button.isEnabled()
    assert dialog.progress.value() == 100
    assert len(seen) >= 3  # it moved on the way, not just at the end
    assert "저장했습니다" in dialog.status.text()
    assert openpyxl.load_workbook(tmp_path / "보고서.xlsx")["참석자"].max_row == 31
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "export_dialog.png"))


def test_masks_by_default(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert dialog.mask_box.isChecked()
    dialog.xlsx_box.setChecked(False)
    dialog.pdf_box.setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()
    with (tmp_path / "보고서.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30
    assert all(not r["휴대전화"] or "****" in r["휴대전화"] for r in rows)
    assert not (tmp_path / "보고서.xlsx").exists()


def test_nothing_chosen_or_missing_folder_says_so(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for box in (dialog.xlsx_box, dialog.csv_box, dialog.pdf_box):
        box.setChecked(False)
    dialog.export_button.click()
    assert not dialog.running
    assert "형식" in dialog.status.text()
    dialog.csv_box.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "없는폴더"))
    dialog.export_button.click()
    assert not dialog.running
    assert "폴더" in dialog.status.text()


def test_a_failure_is_shown_and_the_dialog_survives(qtbot, dialog: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.folder_edit.setText("/proc")  # exists, but nobody can create files there
    dialog.xlsx_box.setChecked(False)
    dialog.pdf_box.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(
        lambda: not dialog.running and "내보내지 못했습니다" in dialog.status.text(), timeout=30_000
    )
    assert dialog.export_button.isEnabled()
    assert not dialog.open_button.isEnabled()


def test_safe_file_stem_keeps_hangul() -> None:
    assert safe_file_stem('혁신도시: 시즌2/"보고서"?') == "혁신도시_ 시즌2_보고서_"
    assert safe_file_stem(" .. ") == "report"


def test_check_boxes_keep_their_height_after_a_long_message(qtbot, dialog: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    """Old code: after an export the "저장했습니다: …" line grew and squeezed the three format boxes
    into each other (issue 15, layout at 1366×768)."""
    dialog.show()
    qtbot.waitExposed(dialog)
    wanted = [box.sizeHint().height() for box in (dialog.xlsx_box, dialog.csv_box, dialog.pdf_box)]
    dialog._say("저장했습니다: " + ", ".join(f"/home/사무국/문서/혁신도시 시즌2 콘퍼런스_참석보고서.{x}" for x in ("xlsx", "csv", "pdf")))
    qtbot.wait(50)
    heights = [box.height() for box in (dialog.xlsx_box, dialog.csv_box, dialog.pdf_box)]
    assert all(h >= w for h, w in zip(heights, wanted, strict=True)), (heights, wanted)
    assert dialog.height() <= 700  # still on a 768-pixel screen
