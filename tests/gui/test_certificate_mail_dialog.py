"""The supervisor sends certificates of attendance from the console, watching the progress."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.invite.delivery import Security
from kiosk.storage.engine import Database
from kiosk.ui.certificate_mail_dialog import CertificateMailDialog
from kiosk.ui.taskman import TaskManager
from tests.e2e.invite_smtp_server import smtp_server
from tests.event_day import fill_event_day
from tests.gui.doc_tasks import task_manager


@pytest.fixture
def tasks(db: Database, demo_event_id: int) -> Iterator[TaskManager]:
    with task_manager(db, demo_event_id, "정문-1") as manager:
        yield manager


def _dialog(qtbot, tasks: TaskManager) -> CertificateMailDialog:  # type: ignore[no-untyped-def]
    dialog = CertificateMailDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    tasks.settle()
    return dialog


def test_sends_with_progress_to_those_who_came(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    fill_event_day(db, demo_event_id, arrivals=8)
    dialog = _dialog(qtbot, tasks)
    assert "참석한 14명" in dialog.summary.text() and "8명" in dialog.summary.text()
    with smtp_server() as (server, handler):
        dialog.smtp_form.host_edit.setText("127.0.0.1")
        dialog.smtp_form.port_spin.setValue(server.port)
        dialog.smtp_form.security_combo.setCurrentIndex(dialog.smtp_form.security_combo.findData(Security.NONE.value))
        dialog.smtp_form.sender_edit.setText("사무국 <office@forum.example>")
        assert dialog.start()
        assert not dialog.send_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.report is not None and len(dialog.report.sent) == 8
    assert dialog.progress.value() == dialog.progress.maximum() == 8
    assert "8 / 8" in dialog.progress_label.text()
    assert len(handler.received) == 8
    assert dialog.send_button.isEnabled()


def test_refuses_inline_without_a_real_sender(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    fill_event_day(db, demo_event_id, arrivals=2)
    dialog = _dialog(qtbot, tasks)
    dialog.smtp_form.host_edit.setText("127.0.0.1")
    for sender in ("", "행사 사무국 <invitation@kiosk.example>", "not an address"):
        dialog.smtp_form.sender_edit.setText(sender)
        assert not dialog.start() and not dialog.running
        assert dialog.status.text()
