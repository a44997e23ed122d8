"""The invite dialog: sends off the GUI thread, shows progress and per-person results, re-sends one."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import func, select

from kiosk.domain.models import DeliveryState, Event, Participant
from kiosk.invite.delivery import Security
from kiosk.storage.engine import Database
from kiosk.ui.invite_dialog import InviteDialog
from kiosk.ui.taskman import TaskManager
from tests.e2e.invite_smtp_server import RecordingHandler, smtp_server
from tests.gui.doc_tasks import task_manager


@pytest.fixture
def tasks(db: Database, demo_event_id: int) -> Iterator[TaskManager]:
    with task_manager(db, demo_event_id) as manager:
        yield manager


def _dialog(qtbot, tasks: TaskManager) -> InviteDialog:  # type: ignore[no-untyped-def]
    dialog = InviteDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 740)
    dialog.show()
    tasks.settle()  # the saved settings and the table are read on the worker
    return dialog


@pytest.mark.slow
def test_eml_batch_runs_off_the_gui_thread(qtbot, db: Database, demo_event_id: int, tasks: TaskManager, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, tasks)
    dialog.eml_radio.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "eml"))
    ticks: list[int] = []
    seen: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(dialog.progress.value()))
    dialog.progress.valueChanged.connect(seen.append)
    timer.start()
    assert dialog.start() is True
    assert dialog.running and not dialog.send_button.isEnabled() and dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    timer.stop()
    # The event loop kept turning while messages were composed: the window never froze.
    assert any(0 < value < 175 for value in ticks)
    assert (
        len({v for v in seen if 0 < v < 175}) > 5
        and dialog.progress.value() == dialog.progress.maximum() == 175
    )
    assert len(list((tmp_path / "eml").glob("*.eml"))) == 175
    assert dialog.report is not None and len(dialog.report.sent) == 175
    assert "파일 작성 175건" in dialog.status.text()
    results = {dialog.table.cell_text(row, 5) for row in range(dialog.table.rowCount())}
    assert "파일 작성" in results and "이메일 없음" in results
    dialog.grab().save(str(tmp_path / "invite_dialog.png"))


def test_smtp_failure_half_way_then_resend_one(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, tasks)
    handler = RecordingHandler(fail_after=10)
    with smtp_server(handler) as (server, _):
        dialog.smtp_radio.setChecked(True)
        dialog.smtp_form.host_edit.setText("127.0.0.1")
        dialog.smtp_form.port_spin.setValue(server.port)
        dialog.smtp_form.security_combo.setCurrentIndex(dialog.smtp_form.security_combo.findData(Security.NONE.value))
        dialog.smtp_form.interval_spin.setValue(0)
        dialog.smtp_form.sender_edit.setText("사무국 <invite@forum.example>")
        assert dialog.start()
        qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
        assert "중단" in dialog.status.text() and "421" in dialog.status.text()
        assert "발송됨 10" in dialog.summary.text() and "실패 1" in dialog.summary.text()
        failed_id = dialog.report.failed[0].id  # type: ignore[union-attr]
        row = dialog.table.row_of(failed_id)
        assert dialog.table.cell_text(row, 4) == "실패"

        handler.fail_after = None
        dialog.table.selectRow(row)
        assert dialog.resend_button.isEnabled()
        dialog.resend_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert [item.id for item in dialog.report.sent] == [failed_id]  # type: ignore[union-attr]
    assert len(handler.received) == 11
    assert dialog.table.cell_text(dialog.table.row_of(failed_id), 4) == "발송됨"
    with db.session() as session:
        assert session.get(Participant, failed_id).delivery_state == DeliveryState.SENT
        # The server settings are remembered for next time, the password never.
        from kiosk.domain.models import Setting

        stored = session.get(Setting, "invite.smtp").value
    assert '"host": "127.0.0.1"' in stored and "password" not in stored


def test_stop_keeps_the_rest_for_later(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, tasks)
    with smtp_server() as (server, handler):
        dialog.smtp_radio.setChecked(True)
        dialog.smtp_form.host_edit.setText("127.0.0.1")
        dialog.smtp_form.port_spin.setValue(server.port)
        dialog.smtp_form.security_combo.setCurrentIndex(dialog.smtp_form.security_combo.findData(Security.NONE.value))
        dialog.smtp_form.interval_spin.setValue(0.05)  # throttled: the stop lands mid-batch
        dialog.smtp_form.sender_edit.setText("사무국 <invite@forum.example>")
        assert dialog.start()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 3, timeout=30_000)
        dialog.stop_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.report is not None and dialog.report.cancelled
    assert 3 <= len(handler.received) < 175
    assert "중지했습니다" in dialog.status.text()
    assert f"대기 {175 - len(handler.received)}" in dialog.summary.text()


def test_template_tab_saves_with_the_event_and_previews(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, tasks)
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "김현미 장관님" in dialog.template.preview_view.toPlainText())
    dialog.template.subject_edit.setText("{행사명} 초대장 — {호칭}")
    dialog.template.body_edit.setPlainText("{호칭}께\n\n<b>꼭</b> 오세요. {오타}")
    dialog.template.save_button.click()
    qtbot.waitUntil(lambda: "{오타}" in dialog.status.text())
    tasks.settle()  # the preview of the saved wording
    with db.session() as session:
        event = session.scalars(select(Event).where(Event.id == demo_event_id)).one()
        assert event.email_subject_template == "{행사명} 초대장 — {호칭}"
        assert event.email_body_template == "{호칭}께\n\n<b>꼭</b> 오세요. {오타}"
    text = dialog.template.preview_view.toPlainText()
    assert "혁신도시 시즌2 콘퍼런스 초대장 — 김현미 장관님" in text and "<b>꼭</b>" in text


def _smtp(dialog: InviteDialog, port: int, interval: float) -> None:
    dialog.smtp_radio.setChecked(True)
    dialog.smtp_form.host_edit.setText("127.0.0.1")
    dialog.smtp_form.port_spin.setValue(port)
    dialog.smtp_form.security_combo.setCurrentIndex(dialog.smtp_form.security_combo.findData(Security.NONE.value))
    dialog.smtp_form.interval_spin.setValue(interval)
    dialog.smtp_form.sender_edit.setText("사무국 <invite@forum.example>")


def test_the_send_button_sends_the_batch_and_resumes_after_a_stop(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    """The real button (clicked(bool) once reached start() as participant_ids=False)."""
    dialog = _dialog(qtbot, tasks)
    with smtp_server() as (server, handler):
        _smtp(dialog, server.port, 0.02)
        assert dialog.only_unsent_check.isChecked()
        dialog.send_button.click()
        assert dialog.running, dialog.status.text()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 3, timeout=30_000)
        dialog.stop_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
        first = len(handler.received)
        assert 3 <= first < 175 and "중지했습니다" in dialog.status.text()
        dialog.smtp_form.interval_spin.setValue(0)
        dialog.send_button.click()  # resume: only the people not sent yet
        qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
        recipients = [r.rcpt_tos[0] for r in handler.received]
    assert len(recipients) == 175 and len(set(recipients)) == 175  # everyone once, nobody twice
    assert dialog.report is not None and len(dialog.report.sent) == 175 - first
    with db.session() as session:
        sent = session.scalar(
            select(func.count()).select_from(Participant).where(Participant.delivery_state == DeliveryState.SENT)
        )
    assert sent == 175


def test_send_to_several_selected_rows(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    dialog = _dialog(qtbot, tasks)
    with db.session() as session:
        people = list(session.scalars(
            select(Participant).where(Participant.email.is_not(None)).order_by(Participant.id).limit(3)
        ))  # fmt: skip
        wanted = {p.id: p.email for p in people}
    model = dialog.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for pid in wanted:
        model.select(dialog.table.model().index(dialog.table.row_of(pid), 0), flags)
    assert sorted(dialog.selected_participant_ids()) == sorted(wanted)
    assert dialog.resend_button.text() == "선택한 3명에게 보내기"
    with smtp_server() as (server, handler):
        _smtp(dialog, server.port, 0)
        dialog.resend_button.click()
        assert dialog.running, dialog.status.text()
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert sorted(r.rcpt_tos[0] for r in handler.received) == sorted(wanted.values())
    assert sorted(item.id for item in dialog.report.sent) == sorted(wanted)  # type: ignore[union-attr]


def test_the_dialog_fits_a_1366x768_screen(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    dialog = InviteDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.minimumSizeHint()
    # 768 minus a window title bar and a desktop panel.
    assert hint.height() <= 700 and hint.width() <= 1366
    assert dialog.height() <= 700


def test_smtp_without_a_real_sender_is_refused_inline(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: mail from invitation@kiosk.example is rejected or spam-filed by a real relay."""
    dialog = _dialog(qtbot, tasks)
    with smtp_server() as (server, handler):
        dialog.smtp_radio.setChecked(True)
        dialog.smtp_form.host_edit.setText("127.0.0.1")
        dialog.smtp_form.port_spin.setValue(server.port)
        dialog.smtp_form.security_combo.setCurrentIndex(dialog.smtp_form.security_combo.findData(Security.NONE.value))
        assert dialog.smtp_form.sender_edit.text() == ""  # no made-up sender is offered
        for sender in ("", "행사 사무국 <invitation@kiosk.example>"):
            dialog.smtp_form.sender_edit.setText(sender)
            assert not dialog.start()
            assert not dialog.running
        assert handler.received == []


class HeldHandler(RecordingHandler):
    """A mail server that keeps the first message's DATA unanswered until the test lets it go
    (a slow relay, a throttling provider): the mailing is then waiting on the network."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.holding.set()
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


def test_a_scan_is_answered_while_a_mailing_waits_on_the_mail_server(qtbot, db: Database, demo_event_id: int, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    """The mailing ran on the one database worker: a scan at the door waited behind the whole
    batch (minutes at a provider's pace). It now runs beside the worker; only its database steps
    (who to mail, each "sent") take turns there, after the door's."""
    from tests.gui.doc_tasks import sql_threads
    from tests.gui.test_front_desk import code_of

    dialog = _dialog(qtbot, tasks)
    handler = HeldHandler()
    verdicts: list[object] = []
    with smtp_server(handler) as (server, _), sql_threads(db) as threads:
        _smtp(dialog, server.port, 0)
        assert dialog.start()
        qtbot.waitUntil(handler.holding.is_set, timeout=30_000)  # the first message is in the server's hands
        tasks.run(lambda svc: svc.scan(code_of(db, "강영민"), "문지기"), verdicts.append)
        qtbot.waitUntil(lambda: bool(verdicts), timeout=15_000)
        assert dialog.running and handler.received == []  # answered while the mail server still holds
        assert verdicts[0].ok  # type: ignore[attr-defined]
        handler.release.set()
        dialog.stop()  # after the message in hand: it is accepted and recorded
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert len(handler.received) == 1 and dialog.report is not None and len(dialog.report.sent) == 1
    with db.session() as session:
        sent = session.scalar(
            select(func.count()).select_from(Participant).where(Participant.delivery_state == DeliveryState.SENT)
        )
    assert sent == 1  # what the server accepted is on disk
    assert set(threads) == {"kiosk-db"}, sorted(set(threads))  # the mailing's own thread ran no SQL
