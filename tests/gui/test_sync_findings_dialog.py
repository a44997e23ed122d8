"""The supervisor's list of what syncs found: plain data in, acknowledgement out, Korean first."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from kiosk.sync.findings import CANCELLED_ADMITTED, OVERSHOOT, SyncFinding
from kiosk.ui.sync_findings_dialog import SyncFindingsDialog

FINDINGS = [
    SyncFinding(OVERSHOOT, datetime(2017, 11, 22, 5, 20, tzinfo=UTC), ("입구2", "입구3"),
                present=153, capacity=150, over=3, added=3, overrides=3),  # fmt: skip
    SyncFinding(CANCELLED_ADMITTED, datetime(2017, 11, 22, 5, 20, tzinfo=UTC), ("입구3",), participant_id=7,
                name="김민수", check_in_id="c-1", checked_in_at=datetime(2017, 11, 22, 5, 12, 30, tzinfo=UTC)),  # fmt: skip
]


def test_dialog_lists_each_finding_and_acknowledges(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SyncFindingsDialog(FINDINGS)
    qtbot.addWidget(dialog)
    dialog.resize(900, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == 2
    texts = [dialog.table.item(r, 2).text() for r in range(2)]
    assert "3명 초과" in texts[0] and "책임자 승인 3명" in texts[0]
    assert texts[1].startswith("김민수")
    assert dialog.table.item(1, 0).text() == "14:12:30"  # Asia/Seoul
    out = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    assert dialog.grab().save(str(out / "sync-findings.png"))
    with qtbot.waitSignal(dialog.acknowledged, timeout=2000):
        dialog.ack_button.click()
    assert not dialog.isVisible()


def test_dialog_without_findings_cannot_acknowledge(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SyncFindingsDialog([])
    qtbot.addWidget(dialog)
    assert not dialog.ack_button.isEnabled()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
