"""What only the supervisor may do from the console: settings, reprints, and the organiser's windows.

Each action asks for the PIN through the SupervisorGate first (once, then supervisor mode lasts a
few idle minutes). Other engineers' windows (import, invitations, export, backups) open by name,
so a missing one disables its entry instead of the console.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.ui.settings_dialog import SettingsDialog
from kiosk.ui.window_parts import optional_widget

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class SupervisorActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings_dialog: SettingsDialog | None = None

    def toggle(self) -> None:
        gate = self.window.gate
        if gate.is_supervisor:
            gate.drop()
        else:
            gate.require(self.tr("책임자 모드: 체크인 취소, 정원 초과 승인, 설정, 내보내기"), lambda: None)

    def reprint_badge(self, reason: str = "") -> None:
        w = self.window
        w.gate.require(
            self.tr("배지 재출력은 책임자만 할 수 있습니다."),
            lambda: w.print_badge(reason or self.tr("재출력 (책임자 승인)")),
        )

    # -- settings -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        w = self.window
        if w.event_id is None:
            return

        def show() -> None:
            dialog = SettingsDialog(w.tasks, w.station, w.local, w.language, w)
            dialog.accepted.connect(lambda: self._apply(dialog))
            self.settings_dialog = dialog
            dialog.open()

        w.gate.require(self.tr("설정은 책임자만 바꿀 수 있습니다."), show)

    def _apply(self, dialog: SettingsDialog) -> None:
        w, change = self.window, dialog.change
        self.settings_dialog = None
        if change is None:
            return
        w.sounds.enabled = change.sounds
        w.gate.set_idle_minutes(w.local.supervisor_idle_minutes)
        if change.station != w.station:
            w.set_station(change.station)
        if change.camera:
            w.camera.start(change.camera, change.decoder)
            if w.desk_page is not None:
                w.camera.attach(w.desk_page)
        else:
            w.camera.stop()
        if change.language != w.language:
            w.set_language(change.language)
        w.refresh()

    # -- the organiser's windows ----------------------------------------------------------------

    def _open(self, module: str, name: str, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        w = self.window
        dialog = optional_widget(module, name, *args, parent=w, **kwargs)
        if dialog is None:
            w.statusBar().showMessage(self.tr("이 기능은 아직 설치되지 않았습니다"), 6000)
            return
        dialog.finished.connect(lambda _r: w.refresh_all())
        dialog.open()

    def open_import(self) -> None:
        w = self.window
        w.gate.require(self.tr("명단 가져오기는 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.import_dialog", "ImportDialog", w.tasks, operator=w.gate.operator))  # fmt: skip

    def open_invites(self) -> None:
        w = self.window
        w.gate.require(self.tr("초대장 발송은 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.invite_dialog", "InviteDialog", w.tasks,
                                          operator=w.gate.operator))  # fmt: skip

    def open_certificate_mail(self) -> None:
        w = self.window
        w.gate.require(self.tr("참석확인증 발송은 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.certificate_mail_dialog", "CertificateMailDialog",
                                          w.tasks, operator=w.gate.operator))  # fmt: skip

    def open_export(self) -> None:
        w = self.window
        w.gate.require(self.tr("내보내기는 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.export_dialog", "ExportDialog", w.tasks))  # fmt: skip

    def open_conflicts(self) -> None:
        """The conflict screen: check-ins two stations both made while apart, kept or swapped."""
        w = self.window
        w.gate.require(self.tr("충돌 정리는 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.conflicts_dialog", "ConflictsDialog", w.tasks,
                                          w.gate.operator))  # fmt: skip

    def open_sync_findings(self) -> None:
        """What syncs found (room over capacity, cancelled guests admitted while apart)."""
        w = self.window

        def show(findings) -> None:  # type: ignore[no-untyped-def]
            from kiosk.ui.sync_findings_dialog import SyncFindingsDialog

            if not findings:
                w.statusBar().showMessage(self.tr("동기화 확인 사항이 없습니다"), 6000)
                return
            dialog = SyncFindingsDialog(findings, parent=w)
            operator = w.gate.operator
            dialog.acknowledged.connect(
                lambda: w.tasks.run(lambda svc: svc.acknowledge_findings(operator), on_done=lambda _n: w.poll_station())
            )
            dialog.open()

        w.gate.require(self.tr("동기화 확인은 책임자만 할 수 있습니다."),
                       lambda: w.tasks.run(lambda svc: svc.sync_findings(), on_done=show))  # fmt: skip

    def open_backups(self) -> None:
        w = self.window
        w.gate.require(self.tr("백업과 복원은 책임자만 할 수 있습니다."),
                       lambda: self._open("kiosk.ui.backup_dialog", "BackupDialog", w.tasks))  # fmt: skip
