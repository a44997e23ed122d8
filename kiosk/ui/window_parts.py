"""Small pieces the main window composes: the camera control, and widgets other parts provide.

Other engineers' windows (roster view, import, invitations, export, backups) are imported by
name when needed, so a missing or broken one disables its menu entry instead of the console.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLayout, QWidget

log = logging.getLogger(__name__)


def clear_layout(layout: QLayout) -> None:
    """Remove every item now: widgets are hidden and detached at once (deleteLater alone leaves
    them painted where they were until the event loop gets round to deleting them)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()


def optional_widget(module: str, name: str, *args, parent: QWidget | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """`module.name(*args, parent=parent, **kwargs)`, or None when that part is not available."""
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.info("%s.%s not available", module, name)
        return None
    try:
        return cls(*args, parent=parent, **kwargs)
    except Exception:  # noqa: BLE001 - one broken part must not take the console down
        log.exception("%s.%s failed to open", module, name)
        return None


class CameraControl(QObject):
    """Owns the CameraScanner and its preview; the preview moves between the desk and kiosk."""

    decoded = Signal(str)
    status = Signal(str)

    def __init__(self, parent: QObject | None = None, source: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source  # a FrameSource for tests; None: the real camera
        self.scanner = None
        self.view: QWidget | None = None
        self.decoder_name: str | None = None

    @property
    def running(self) -> bool:
        return bool(self.scanner is not None and getattr(self.scanner, "running", False))

    def ensure(self, decoder: str | None) -> bool:
        """Create the scanner and its preview (not started) for this decoder."""
        decoder = decoder or None
        if self.scanner is not None and decoder == self.decoder_name:
            return True
        self.stop()
        if self.scanner is not None:
            self.scanner.deleteLater()
        if self.view is not None:
            self.view.deleteLater()
        self.scanner, self.view = None, None
        try:
            from kiosk.scan.pipeline import CameraScanner
        except Exception as exc:  # noqa: BLE001 - no multimedia: scanner-only mode
            self.status.emit(self.tr("카메라를 쓸 수 없습니다 — 스캐너 전용 모드 ({0})").format(exc))
            return False
        self.decoder_name = decoder
        self.scanner = CameraScanner(decoder, self, source=self.source)
        self.scanner.decoded.connect(self.decoded)
        self.scanner.status_changed.connect(self.status)
        self.view = _camera_view(self.scanner)
        return True

    def start(self, camera_hex: str, decoder: str | None = None) -> bool:
        if not self.ensure(decoder):
            return False
        try:
            camera_id = bytes.fromhex(camera_hex) if camera_hex else None
        except ValueError:
            camera_id = None
        return bool(self.scanner.start(camera_id))  # type: ignore[union-attr]

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()

    def attach(self, desk_page) -> None:  # type: ignore[no-untyped-def]
        if self.view is not None:
            desk_page.set_camera_view(self.view)

    def detach(self) -> None:
        if self.view is not None:
            self.view.setParent(None)

    def move_preview(self, layout: QLayout) -> None:
        if self.view is not None and self.running:
            layout.addWidget(self.view)


def _camera_view(scanner) -> QWidget | None:  # type: ignore[no-untyped-def]
    try:
        from kiosk.ui.camera_view import CameraView
    except ImportError:
        return None
    try:
        return CameraView(scanner)
    except Exception:  # noqa: BLE001
        log.exception("camera preview failed")
        return None


class WindowShortcutsFirst(QObject):
    """Line edits claim Ctrl+Z, Ctrl+K... for themselves (undo typing, delete to end of line).

    At the desk those keys mean "undo the check-in" and "acknowledge the VIP", wherever the
    cursor is, so this filter refuses the line edit's claim and the window's shortcut runs.
    """

    def __init__(self, keys: list[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = {k.toString() for k in keys if not k.isEmpty()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride:
            combo = QKeySequence(event.keyCombination()).toString()  # type: ignore[attr-defined]
            if combo in self.keys:
                return True  # not accepted by the line edit: the shortcut fires
        return False


def audit_warning_label(problem: str) -> QWidget:
    """A red status-bar note: the audit log was tampered with (the door keeps working)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(QCoreApplication.translate("AuditNotice", "감사 기록 손상: {0} — 책임자에게 알리세요").format(problem))
    label.setObjectName("errorText")
    label.setToolTip(problem)
    return label
