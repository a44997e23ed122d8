"""The file menu and the welcome screen's choices: new event, open, recent, copy as new, edit.

One event per file. Opening another file ends this window's run and asks start-up to open that
file (`OPEN_PROPERTY` on the application, read by `kiosk gui`), so the new file goes through the
same lock → check → backup → migrate sequence as any start. Each user action is one method.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from kiosk.domain.event_setup import EventSetupError, EventSpec
from kiosk.service import files as event_files
from kiosk.ui.event_wizard import EventWizard
from kiosk.ui.file_dialogs import open_file_name, save_file_name
from kiosk.ui.records_tasks import refused
from kiosk.ui.welcome import recent_events, remember_event

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
OPEN_PROPERTY = "kiosk_open_event_file"
DEMO_FILE = "demo.db"  # the same file scripts/start-demo.sh opens


def events_folder() -> Path:
    from kiosk.appdirs import data_dir

    return data_dir()


def take_open_request() -> str | None:
    """The file the window asked to open next (then forgotten), or None."""
    app = QApplication.instance()
    if app is None:
        return None
    value = app.property(OPEN_PROPERTY)
    app.setProperty(OPEN_PROPERTY, None)
    return str(value) if value else None


class EventFileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: EventWizard | None = None
        self.last_edit: bool | None = None  # the last save_edit: stored, or not (None: on its way)

    # -- messages -------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        welcome = getattr(self.window, "welcome", None)
        if welcome is not None and self.window.event_id is None:
            welcome.show_error(text)
        else:
            self.window.statusBar().showMessage(text, 12000)

    # -- new event ------------------------------------------------------------------------------

    def new_event(self) -> EventWizard:
        self.wizard = EventWizard(self.window)
        self.wizard.accepted.connect(lambda: self._create(self.wizard.spec))  # type: ignore[union-attr]
        self.wizard.open()
        return self.wizard

    def _create(self, spec: EventSpec | None) -> None:
        if spec is None:
            return
        w = self.window
        try:
            if w.event_id is None:  # this file is empty: the event goes here
                w.tasks.run(lambda svc: svc.create_event_here(spec, w.gate.operator),
                            on_done=lambda _id: w.refresh_counts(), on_error=refused(w.tasks, self._say))  # fmt: skip
                return
            default = event_files.new_event_path(events_folder(), spec.name)
            path = self._save_path(self.tr("새 행사 파일"), default)
            if path is None:
                return
            event_files.create_event_file(path, spec, station=w.station, operator=w.gate.operator)
        except EventSetupError as exc:
            self._say(str(exc))
            return
        self.request_open(path)

    def _filter(self) -> str:
        return self.tr("행사 파일 (*.kiosk.db *.db);;모든 파일 (*)")

    def _save_path(self, title: str, default: Path) -> Path | None:
        # The helper's dialog never opens files to sniff them: the open database keeps its locks.
        name = save_file_name(self.window, title, str(default), self._filter())
        return Path(name) if name else None

    # -- opening --------------------------------------------------------------------------------

    def open_demo(self) -> None:
        self.request_open(event_files.create_demo_file(events_folder() / DEMO_FILE))

    def open_file(self) -> None:
        name = open_file_name(self.window, self.tr("행사 열기"), str(events_folder()), self._filter())
        if name:
            self.request_open(Path(name))

    def request_open(self, path: Path | str) -> bool:
        """Check the file (read-only), then end this run so start-up opens it. False: said why."""
        path = Path(path)
        current = self.window.db.path
        if current is not None and path.resolve() == current.resolve():
            return True
        try:
            info = event_files.probe_event_file(path)
        except EventSetupError as exc:
            self._say(str(exc))
            return False
        if info.event_name:
            remember_event(self.window.local, path, info.event_name)
        app = QApplication.instance()
        if app is not None:
            app.setProperty(OPEN_PROPERTY, str(path))
        log.info("opening event file %s", path)
        self.window.close()
        if app is not None:
            app.quit()
        return True

    def recent(self) -> list[tuple[Path, str]]:
        return recent_events(self.window.local)

    def event_opened(self, name: str) -> None:
        path = self.window.db.path
        if path is not None:
            remember_event(self.window.local, path, name)

    # -- supervisor: copy and edit --------------------------------------------------------------

    def copy_as_new(self) -> None:
        w = self.window
        if w.event_id is None:
            return
        w.gate.require(self.tr("다른 이름으로 복사는 책임자만 할 수 있습니다."), self._copy)

    def _copy(self) -> None:
        w = self.window
        w.tasks.run(lambda svc: svc.event_details()["name"], on_done=self._copy_named,
                    on_error=refused(w.tasks, self._say))  # fmt: skip

    def _copy_named(self, name: str) -> None:
        w = self.window
        new_name, ok = QInputDialog.getText(w, self.tr("다른 이름으로 복사"),
                                            self.tr("새 행사 이름 (프로그램과 명단을 옮기고, 체크인 기록은 새로 시작합니다)"),
                                            text=name)  # fmt: skip
        if not ok or not new_name.strip():
            return
        path = self._save_path(
            self.tr("다른 이름으로 복사"), event_files.new_event_path(events_folder(), new_name)
        )
        if path is None:
            return
        name, operator = new_name.strip(), w.gate.operator
        w.tasks.run(lambda svc: svc.copy_event_as_new(path, name, operator), on_done=self.request_open,
                    on_error=refused(w.tasks, self._say))  # fmt: skip

    def edit_event(self) -> None:
        w = self.window
        if w.event_id is None:
            return
        w.gate.require(self.tr("행사 정보 편집은 책임자만 할 수 있습니다."), self._edit)

    def _edit(self) -> None:
        """Read the event on the worker, then open the wizard pre-filled (as `self.wizard`)."""
        w = self.window
        self.wizard = None
        w.tasks.run(lambda svc: svc.event_spec(), on_done=self._edit_open, on_error=refused(w.tasks, self._say))

    def _edit_open(self, before: EventSpec) -> None:
        self.wizard = EventWizard(self.window, initial=before)
        self.wizard.accepted.connect(lambda: self.save_edit(before, self.wizard.spec))  # type: ignore[union-attr]
        self.wizard.open()

    def save_edit(self, before: EventSpec, edited: EventSpec | None, *, confirm: bool = True) -> None:
        """Write the edited event; capacity below the people present asks first.

        Runs on the worker: `last_edit` says how it ended (True stored, False not)."""
        w = self.window
        self.last_edit = None
        if edited is None:
            self.last_edit = False
            return
        details = {(s.title, s.starts.time()): s.detail for s in before.program}
        program = tuple(
            replace(s, detail=details.get((s.title, s.starts.time()), "")) for s in edited.program
        )
        spec = replace(
            edited, name_en=before.name_en, venue_en=before.venue_en, theme=before.theme, program=program
        )
        operator = w.gate.operator or "supervisor"

        def not_stored(text: str) -> None:
            self.last_edit = False
            self._say(text)

        def stored(outcome: object) -> None:
            self.last_edit = True
            w.refresh_all()
            changed = outcome.changed  # type: ignore[attr-defined]
            if changed:
                w.statusBar().showMessage(self.tr("행사 정보를 고쳤습니다: {0}").format(", ".join(changed)), 10000)

        def checked(warning: str | None) -> None:
            if warning and confirm:
                answer = QMessageBox.warning(w, self.tr("정원 확인"), self.tr("{0}\n그래도 바꾸시겠습니까?").format(warning),
                                             QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                             QMessageBox.StandardButton.No)  # fmt: skip
                if answer != QMessageBox.StandardButton.Yes:
                    self.last_edit = False
                    return
            w.tasks.run(lambda svc: svc.edit_event(spec, operator), on_done=stored,
                        on_error=refused(w.tasks, not_stored))  # fmt: skip

        w.tasks.run(lambda svc: svc.capacity_warning(spec.capacity), on_done=checked,
                    on_error=refused(w.tasks, not_stored))  # fmt: skip
