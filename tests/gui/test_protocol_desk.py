"""The protocol tab and the protocol board, driven like staff drive them: keyboard reordering,
drag-and-drop, a deputy at the desk, the MC's card in one key, and the board following
check-ins made at another station. Screenshots at 1366×768 for the README (KIOSK_SCREENSHOTS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidgetItem
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import AuditEntry, CheckIn
from kiosk.domain.protocol import protocol_list
from kiosk.storage.engine import Database
from kiosk.ui.deputy_dialog import DeputyDialog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.protocol_board_window import ProtocolBoardWindow
from kiosk.ui.settings_dialog import LocalSettings
from kiosk.ui.window_menus import TAB_PROTOCOL_DESK

OUT = Path(os.environ.get("KIOSK_SCREENSHOTS") or tempfile.mkdtemp(prefix="kiosk-screenshots-"))
WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def window(qtbot, db: Database, demo_event_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    w = MainWindow(db, "의전-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    w.sounds.enabled = False
    qtbot.addWidget(w)
    w.resize(WIDTH, HEIGHT)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    assert w.protocol_desk is not None
    w.protocol_desk.open_documents = False
    yield w
    w.close()
    w.deleteLater()


def order(db: Database, event_id: int) -> list[str]:
    with db.session() as session:
        return [e.name for e in protocol_list(session, event_id)]


def save(qtbot, widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    qtbot.wait(30)
    OUT.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    path = OUT / f"{name}.png"
    assert image.save(str(path), "PNG")
    return path


def test_reorder_by_keyboard_and_drag_and_drop(
    qtbot, window: MainWindow, db: Database, demo_event_id: int
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    desk = window.protocol_desk
    assert window.tabs.currentWidget() is desk
    window.tasks.settle()
    before = order(db, demo_event_id)
    assert desk.list.count() == len(before) == 21
    desk.list.setCurrentRow(3)  # 조기현, a Busan lawmaker
    desk.list.setFocus()
    qtbot.keyClick(desk.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    window.tasks.settle()  # saved on the worker, then the list is redrawn from what is stored
    qtbot.keyClick(desk.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    window.tasks.settle()
    assert order(db, demo_event_id)[:4] == ["김현미", "조기현", "백운규", "송재호"]
    assert desk.selected_id() == desk.list.ids()[1]  # the moved guest stays selected
    # Drag-and-drop: the list's own drop handling, then the saved order follows what is shown.
    source = desk.list.model().index(20, 0)  # 여미경, last
    mime = desk.list.model().mimeData([source])
    desk.list.setCurrentRow(20)
    desk.list.scrollToTop()
    target = desk.list.visualItemRect(desk.list.item(0)).center()
    drop = QDropEvent(QPoint(target.x(), target.y() - 3), Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    drop.setDropAction(Qt.DropAction.MoveAction)
    desk.list.dropEvent(drop)
    window.tasks.settle()
    after = order(db, demo_event_id)
    assert after[0] == "여미경" and len(after) == 21 and sorted(after) == sorted(before)
    with db.session() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "protocol_reorder")) == 3


def test_deputy_at_the_desk_and_intro_card_in_one_key(
    qtbot, window: MainWindow, db: Database, demo_event_id: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TAB_PROTOCOL_DESK)
    desk = window.protocol_desk
    window.tasks.settle()
    desk.list.setCurrentRow(0)  # 김현미 장관
    desk.list.setFocus()
    qtbot.keyClick(desk.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.findChild(DeputyDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText("한지원")  # QTest cannot type Hangul
    dialog.title_edit.setText("")
    dialog.submit()
    window.tasks.settle()
    assert dialog.isVisible() and "직위" in dialog.error.text()  # inline, nothing written
    with db.session() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0
    dialog.title_edit.setText("제2차관")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.tasks.settle()
    assert window.desk_page.verdict.headline.text() == "한지원 차관님, 환영합니다"
    assert "김현미 장관 대리 참석" in window.desk_page.verdict.detail.text()
    assert "김현미 장관 (대리: 한지원 제2차관) 도착" in window.vip_alert.headline.text()
    window.tabs.setCurrentIndex(TAB_PROTOCOL_DESK)
    assert "김현미 장관 (대리: 한지원 제2차관)" in desk.list.item(0).text()
    CheckInDesk(db, demo_event_id).check_in_participant(desk.list.ids()[3], "정문-2")
    desk.refresh()
    window.tasks.settle()
    save(qtbot, window, "protocol-tab")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F7, Qt.KeyboardModifier.ControlModifier)
    window.tasks.settle()
    card = desk.last_document
    assert card is not None and card.parent == tmp_path and card.exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(card), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "김현미 장관을 대신하여 국토교통부 한지원 제2차관님" in " ".join(text.split())
        assert "조기현 국회의원님" in text and "백운규" not in text


def test_board_follows_other_stations_and_marks_the_highest(
    qtbot, window: MainWindow, db: Database, demo_event_id: int
) -> None:  # type: ignore[no-untyped-def]
    board = window.open_protocol_board()
    assert isinstance(board, ProtocolBoardWindow)
    board.sounds.enabled = False
    qtbot.addWidget(board)
    board.resize(WIDTH, HEIGHT)
    window.tasks.settle()
    assert board.banner.isHidden() and board.table.rowCount() == 21
    other = CheckInDesk(db, demo_event_id)  # another station on the same database
    with db.session() as session:
        ids = {e.name: e.id for e in protocol_list(session, demo_event_id)}
    other.check_in_participant(ids["조기현"], "정문-2")
    qtbot.waitUntil(lambda: board.banner.isVisible(), timeout=5000)
    assert "조기현 국회의원 도착" in board.banner.text() and board.banner.property("highest") is False
    assert board.sounds.last_kind == "vip"
    from kiosk.domain.protocol import check_in_deputy

    check_in_deputy(other, ids["김현미"], "한지원", "제2차관", "국토교통부", station="정문-2")
    qtbot.waitUntil(lambda: "최고 귀빈" in board.banner.text(), timeout=5000)
    assert "김현미 장관 (대리: 한지원 제2차관) 대리 도착" in board.banner.text()
    assert board.banner.property("highest") is True
    assert board.table.item(0, 1).text() == "대리 도착"
    assert board.table.item(0, 3).font().bold()  # the highest-ranked guest in the room stands out
    assert board.table.item(3, 1).text() == "도착" and not board.table.item(3, 3).font().bold()
    board.show()
    save(qtbot, board, "protocol-board")
    window.close()
    assert not board.isVisible()  # the board goes with the console


def test_supervisor_edits_the_order_table(
    qtbot, window: MainWindow, db: Database, demo_event_id: int
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain import roles
    from kiosk.ui.precedence_dialog import PrecedenceDialog

    with db.write() as session:
        roles.set_pin(session, "246810")
    window.tabs.setCurrentIndex(TAB_PROTOCOL_DESK)
    desk = window.protocol_desk
    button = next(b for b in desk.findChildren(QPushButton) if b.text().startswith("서열표"))
    button.click()
    qtbot.waitUntil(lambda: window.gate.dialog is not None and window.gate.dialog.isVisible())
    window.gate.dialog.pin.setText("246810")
    qtbot.keyClick(window.gate.dialog.pin, Qt.Key.Key_Return)
    window.tasks.settle()
    qtbot.waitUntil(lambda: desk.rules_dialog is not None and desk.rules_dialog.isVisible())
    dialog: PrecedenceDialog = desk.rules_dialog
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.table.setCurrentCell(labels.index("차관"), 0)
    dialog.table.setFocus()
    for _ in range(labels.index("차관")):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.table.item(0, 0).text() == "차관"
    dialog.table.setItem(1, 0, QTableWidgetItem(""))  # a tier without a name is refused inline
    save_and_rank = next(
        b for b in dialog.findChildren(QPushButton) if b.text() == "저장하고 순위 다시 매기기"
    )
    save_and_rank.click()
    window.tasks.settle()
    assert dialog.isVisible() and "단계 이름" in dialog.error.text()
    dialog.table.setItem(1, 0, QTableWidgetItem("국무총리·부총리"))
    save_and_rank.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.tasks.settle()
    assert order(db, demo_event_id)[:2] == ["석인숙", "주민준"]  # the vice-ministers now lead
    assert desk.list.item(0).text().startswith(" 1.") and "석인숙" in desk.list.item(0).text()
