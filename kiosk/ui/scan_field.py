"""The scan field and the window-wide scanner routing, from kiosk.ui.wedge.

The console keeps one filter at a time: a new target (the kiosk screen's field, or the rebuilt
console after a language switch) replaces the previous filter instead of stacking another
app-wide one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.burst_filter import ScannerFilter, install_scanner_filter
from kiosk.ui.wedge import ScanLineEdit


def make_scan_field(parent: QWidget | None = None) -> ScanLineEdit:
    """A line edit with a `scanned(str)` signal: Korean IME off, Dubeolsik jamo undone."""
    return ScanLineEdit(parent)


def route_scanner_to(window: QWidget, field: ScanLineEdit, previous: QObject | None = None) -> ScannerFilter:
    """Scanner bursts typed anywhere in the window land in `field`; returns the filter.

    `previous` (the filter returned last time) is removed first, so only one field gets bursts.
    """
    app = QApplication.instance()
    if previous is not None and app is not None and shiboken6.isValid(previous):
        app.removeEventFilter(previous)
        previous.deleteLater()
    return install_scanner_filter(window, field)
