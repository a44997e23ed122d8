"""The roster tab and the import dialog, driven like an organiser would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from sqlalchemy import func, select

from kiosk.domain.models import Participant
from kiosk.storage.engine import Database
from kiosk.ui.import_dialog import ImportDialog
from kiosk.ui.roster_view import RosterView
from tests.benchmarks.roster_samples import write_csv
from tests.gui.doc_tasks import task_manager


@pytest.fixture
def view(qtbot, db: Database, demo_event_id: int) -> RosterView:  # type: ignore[no-untyped-def]
    widget = RosterView(db, demo_event_id, "desk-1")
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def shown_names(view: RosterView) -> list[str]:
    return [e.name for e in view.model.rows]


def cell(view: RosterView, row: int, column: int) -> str:
    return view.model.data(view.model.index(row, column))


def type_hangul(widget: QWidget, text: str) -> None:
    """What a Korean IME does: commit composed text to the focused field, one piece at a time."""
    for piece in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(piece)
        QApplication.sendEvent(widget, event)


def test_search_as_you_type_with_initial_consonants(qtbot, view: RosterView) -> None:  # type: ignore[no-untyped-def]
    assert len(view.model.rows) == 183 and "183" in view.count.text()
    view.search.setFocus()
    type_hangul(view.search, "ㄱㅎㅁ")
    qtbot.waitUntil(lambda: bool(view.model.rows) and shown_names(view)[0] == "김현미")
    view.search.clear()
    qtbot.keyClicks(view.search, "7442")
    qtbot.waitUntil(lambda: shown_names(view) == ["김현미"])


def test_filters_by_category_and_status(qtbot, view: RosterView) -> None:  # type: ignore[no-untyped-def]
    view.category.setCurrentIndex(view.category.findData("lawmaker"))
    assert len(view.model.rows) == 12 and {e.category for e in view.model.rows} == {"lawmaker"}
    view.status.setCurrentIndex(view.status.findData("cancelled"))
    assert view.model.rows == [] and "표시 0명" in view.count.text()
    view.category.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("no_show"))  # the demo event is over
    assert len(view.model.rows) == 183


def test_read_only_until_supervisor(view: RosterView) -> None:
    view.table.selectRow(0)
    assert not any(
        b.isEnabled() for b in (view.add_button, view.edit_button, view.cancel_button, view.import_button)
    )
    assert "****" in cell(view, 0, 5) and "***@" in cell(view, 0, 6)
    view.set_supervisor(True)
    assert all(
        b.isEnabled() for b in (view.add_button, view.edit_button, view.cancel_button, view.import_button)
    )
    assert cell(view, 0, 5) == "010-0010-7442" and cell(view, 0, 6) == "hmkim@molit.example"


def test_add_with_a_mistake_then_fixed(qtbot, view: RosterView, db: Database) -> None:  # type: ignore[no-untyped-def]
    view.set_supervisor(True)
    changed = []
    view.roster_changed.connect(lambda: changed.append(True))

    def fill() -> None:
        dialog = view.dialog
        dialog.name.setText("홍길동")
        dialog.organization.setText("부산광역시")
        dialog.email.setText("hmkim@molit.example")  # 김현미's address: refused, the dialog stays
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible() and "이메일" in dialog.error.text()
        dialog.email.setText("hong@busan.example")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    view.add_button.click()
    assert changed and len(view.entries) == 184
    assert view.selected_entry() is not None and view.selected_entry().name == "홍길동"


def test_edit_and_cancel_then_restore(qtbot, view: RosterView, db: Database) -> None:  # type: ignore[no-untyped-def]
    view.set_supervisor(True)
    view.table.selectRow(0)
    first = view.selected_entry()
    assert first is not None

    def edit() -> None:
        view.dialog.title_edit.setText("전 장관")
        view.dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, edit)
    view.edit_button.click()
    assert view.selected_entry().title == "전 장관"

    QTimer.singleShot(0, lambda: view.confirm_box.button(QMessageBox.StandardButton.Yes).click())
    view.cancel_button.click()
    assert view.selected_entry().status == "cancelled"
    assert view.cancel_button.text() == "초청 복원"
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.FontRole).strikeOut()

    QTimer.singleShot(0, lambda: view.confirm_box.button(QMessageBox.StandardButton.No).click())
    view.cancel_button.click()
    assert view.selected_entry().status == "cancelled"  # "아니요": nothing changed
    QTimer.singleShot(0, lambda: view.confirm_box.button(QMessageBox.StandardButton.Yes).click())
    view.cancel_button.click()
    assert view.selected_entry().status == "no_show"


def wait_idle(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)


def test_import_dialog_maps_columns_previews_and_imports(
    qtbot, db: Database, demo_event_id: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["최참가", "부산시", "choi@busan.example"],
        ["", "부산시", "x@busan.example"],
        ["박참가", "울산시", "bad@@"],
    ]
    path = write_csv(tmp_path / "명단.csv", rows, headers=["참가자", "기관", "메일"], encoding="cp949")
    with task_manager(db, demo_event_id, "desk-1") as tasks:
        _drive_import(qtbot, db, ImportDialog(tasks), path)


def _drive_import(qtbot, db: Database, dialog: ImportDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(str(path))
    wait_idle(qtbot, dialog)
    # No name column: the mapping step is open and nothing can be imported yet.
    assert dialog.mapping.isVisible() and "성명" in dialog.mapping_note.text()
    assert not dialog.import_button.isEnabled()

    dialog.set_column(0, "name")
    wait_idle(qtbot, dialog)
    assert "새로 추가 1명" in dialog.summary.text() and "거부 2행" in dialog.summary.text()
    assert dialog.problems.rowCount() == 2 and dialog.problems.item(0, 0).text() == "3"
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=15000) as signal:
        dialog.import_button.click()
    assert signal.args[0].imported == 1 and not dialog.import_button.isEnabled()
    with db.session() as session:
        assert session.scalar(select(func.count()).where(Participant.name == "최참가")) == 1


def test_import_dialog_refuses_an_unreadable_file(
    qtbot, db: Database, demo_event_id: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    with task_manager(db, demo_event_id, "desk-1") as tasks:
        dialog = ImportDialog(tasks)
        qtbot.addWidget(dialog)
        dialog.load(str(path))
        wait_idle(qtbot, dialog)
    assert "이진 파일" in dialog.summary.text() and not dialog.import_button.isEnabled()


def test_roster_view_opens_the_import_dialog(qtbot, view: RosterView, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view.set_supervisor(True)
    path = write_csv(
        tmp_path / "new.csv", [["새손님", "부산", "", "기타", "", "", "new@x.example", "", "", "", "", ""]]
    )

    def drive() -> None:
        dialog = view.import_dialog
        dialog.load(str(path))
        qtbot.waitUntil(lambda: not dialog.busy and dialog.import_button.isEnabled(), timeout=15000)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=15000)
        dialog.close_button.click()

    QTimer.singleShot(0, drive)
    view.import_button.click()
    assert "새손님" in [e.name for e in view.entries]
