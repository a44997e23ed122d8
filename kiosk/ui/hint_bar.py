"""The status bar's keyboard hints: as many whole hints as fit, most important first.

A plain label cut the line mid-word ("F11 키오", "Esc cl") once the station's connection badge
took its place. This one drops whole hints from the end and says so with "…"; the full list is
the tooltip, and every shortcut is also beside its menu item.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SEPARATOR = " · "
MORE = " · …"


class HintBar(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hints: list[str] = []
        # Shrinks with the window instead of pushing the status bar's other widgets away.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        self.set_hints(text)

    def set_hints(self, text: str) -> None:
        """`text`: the hints joined with " · ", the most important first."""
        self._hints = [h.strip() for h in text.split("·") if h.strip()]
        self.setToolTip(SEPARATOR.join(self._hints))
        self._fit()

    @property
    def full_text(self) -> str:
        return SEPARATOR.join(self._hints)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width()
        shown = SEPARATOR.join(self._hints)
        if room > 0 and metrics.horizontalAdvance(shown) > room:
            for count in range(len(self._hints) - 1, 0, -1):
                shown = SEPARATOR.join(self._hints[:count]) + MORE
                if metrics.horizontalAdvance(shown) <= room:
                    break
        if shown != self.text():
            super().setText(shown)
