"""Where the "scan handled" notice goes over an open dialog: beside it, never over its title or fields."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from kiosk.ui.scan_notice import ScanNotice


@pytest.mark.parametrize("size", ["small", "full_height", "whole_screen"])
def test_the_notice_never_covers_the_dialogs_title_or_first_field(qtbot, size: str) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    area = dialog.screen().availableGeometry()
    if size == "small":
        dialog.setGeometry(area.center().x() - 200, area.center().y() - 100, 400, 200)
    elif size == "full_height":  # like the settings dialog at 1366x768: no room above or below
        dialog.setGeometry(area.left() + 10, area.top(), min(500, area.width() // 3), area.height())
    else:
        dialog.setGeometry(area)
    dialog.show()
    qtbot.waitExposed(dialog)
    notice = ScanNotice()
    qtbot.addWidget(notice)
    notice.show_over(dialog, "ok", "스캔 처리됨: 마재영 실장님, 환영합니다\n(이 창에는 입력되지 않았습니다)")
    top_of_dialog = dialog.frameGeometry().adjusted(0, 0, 0, -(dialog.frameGeometry().height() - 120))
    assert not notice.geometry().intersects(top_of_dialog), (notice.geometry(), dialog.frameGeometry())
    assert area.contains(notice.geometry().center())
