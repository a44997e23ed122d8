"""The document dialogs run no SQL on the GUI thread, and one SMTP form serves both mail dialogs.

A SQLAlchemy `before_cursor_execute` listener records the thread of every statement while the
dialogs are opened and driven end to end (import, invitations by SMTP and as files, the wording,
a re-send, certificates by SMTP, the report): the old dialogs read and wrote on the GUI thread.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from kiosk.documents import certificate_mail
from kiosk.invite import delivery
from kiosk.invite.delivery import Security
from kiosk.storage.engine import Database
from kiosk.ui import certificate_mail_dialog, invite_dialog
from kiosk.ui.certificate_mail_dialog import CertificateMailDialog
from kiosk.ui.export_dialog import ExportDialog
from kiosk.ui.import_dialog import ImportDialog
from kiosk.ui.invite_dialog import InviteDialog
from kiosk.ui.smtp_form import SmtpForm
from tests.benchmarks.roster_samples import write_csv
from tests.e2e.invite_smtp_server import smtp_server
from tests.event_day import fill_event_day
from tests.gui.doc_tasks import sql_threads, task_manager


def _use_server(form: SmtpForm, port: int) -> None:
    form.host_edit.setText("127.0.0.1")
    form.port_spin.setValue(port)
    form.security_combo.setCurrentIndex(form.security_combo.findData(Security.NONE.value))
    form.interval_spin.setValue(0)
    form.sender_edit.setText("사무국 <office@forum.example>")


def test_no_dialog_runs_sql_on_the_gui_thread(qtbot, db: Database, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_event_day(db, demo_event_id, arrivals=5)
    roster = write_csv(tmp_path / "명단.csv", [["새손님", "부산", "", "기타", "", "", "new@x.example", "", "", "", "", ""]])
    with task_manager(db, demo_event_id, "정문-1") as tasks, sql_threads(db) as threads:
        importing = ImportDialog(tasks)
        qtbot.addWidget(importing)
        importing.load(str(roster))
        qtbot.waitUntil(lambda: not importing.busy and importing.import_button.isEnabled(), timeout=30_000)
        importing.import_button.click()
        qtbot.waitUntil(lambda: importing.report is not None, timeout=30_000)

        inviting = InviteDialog(tasks)
        qtbot.addWidget(inviting)
        inviting.show()
        tasks.settle()
        inviting.folder_edit.setText(str(tmp_path / "eml"))
        assert inviting.start()
        qtbot.waitUntil(lambda: not inviting.running, timeout=60_000)
        assert inviting.report is not None and inviting.report.sent
        inviting.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: "장관님" in inviting.template.preview_view.toPlainText(), timeout=30_000)
        inviting.template.save_button.click()
        with smtp_server() as (server, handler):
            inviting.smtp_radio.setChecked(True)
            _use_server(inviting.smtp_form, server.port)
            inviting.table.selectRow(0)
            assert inviting.resend_selected()
            qtbot.waitUntil(lambda: not inviting.running, timeout=30_000)
            assert len(handler.received) == 1

            mailing = CertificateMailDialog(tasks)
            qtbot.addWidget(mailing)
            mailing.show()
            tasks.settle()
            _use_server(mailing.smtp_form, server.port)
            assert mailing.start()
            qtbot.waitUntil(lambda: not mailing.running, timeout=60_000)
            assert mailing.report is not None and mailing.report.sent

        exporting = ExportDialog(tasks)
        qtbot.addWidget(exporting)
        exporting.folder_edit.setText(str(tmp_path))
        exporting.export_button.click()
        qtbot.waitUntil(lambda: exporting.written != [] or "못했" in exporting.status.text(), timeout=60_000)
        assert exporting.written
        tasks.settle()
    assert len(threads) > 100
    assert set(threads) == {"kiosk-db"}, sorted(set(threads))


def test_one_smtp_form_and_one_sending_loop_serve_both_mailings(qtbot, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    import json

    from kiosk.domain.models import Setting

    with db.write() as session:  # what an earlier invitation batch remembered
        session.merge(Setting(key="invite.smtp", value=json.dumps({"host": "mail.forum.example", "port": 2525})))
    with task_manager(db, demo_event_id) as tasks:
        inviting, mailing = InviteDialog(tasks), CertificateMailDialog(tasks)
        qtbot.addWidget(inviting)
        qtbot.addWidget(mailing)
        tasks.settle()
    assert type(inviting.smtp_form) is SmtpForm and type(mailing.smtp_form) is SmtpForm
    # Both start from the settings the last mailing kept.
    for form in (inviting.smtp_form, mailing.smtp_form):
        assert (form.host_edit.text(), form.port_spin.value()) == ("mail.forum.example", 2525)
    for module in (invite_dialog, certificate_mail_dialog):
        source = inspect.getsource(module)
        assert "QSpinBox" not in source and "QThread" not in source and "threading" not in source, module
        assert "db.session" not in source and "db.write" not in source, module
    # One batch loop: both senders hand their messages to run_batch, neither opens a transport itself.
    for sender in (delivery.send_invitations, certificate_mail.send_certificates):
        source = inspect.getsource(sender)
        assert "run_batch(" in source and "transport.open()" not in source and "transport.send(" not in source


def test_a_result_arriving_after_its_dialog_closed_is_dropped(qtbot, db: Database, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The worker answers after the organiser closed the window: nothing touches the deleted widgets."""
    import shiboken6

    with task_manager(db, demo_event_id) as tasks:
        gone = [InviteDialog(tasks), CertificateMailDialog(tasks), ExportDialog(tasks), ImportDialog(tasks)]
        gone[3].load(str(tmp_path / "없는파일.csv"))
        for dialog in gone:
            shiboken6.delete(dialog)  # before any of their reads came back
        failures: list[BaseException] = []
        tasks.failed.connect(failures.append)
        tasks.settle()
        kept = InviteDialog(tasks)  # the worker is still fine for the next window
        qtbot.addWidget(kept)
        tasks.settle()
    assert failures == [] and kept.heading.text() == "혁신도시 시즌2 콘퍼런스"
