"""PySide6 6.12.0 dropped a reference to None on every void call under Python 3.11 and the
interpreter aborted ("none_dealloc") a few thousand calls after start-up; pyproject.toml pins
PySide6 below 6.12. This fails (or crashes) if an affected version is installed again."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_the_reference_count_of_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(3_000):
        label.setText("x")
        label.setVisible(False)
    assert abs(sys.getrefcount(None) - before) < 100
