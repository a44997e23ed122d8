"""A sound for each kind of verdict; silent, never crashing, when there is no audio output.

The .wav files come from scripts/make_sounds.py. QtMultimedia may lack its backend (a kiosk
image without PulseAudio, a remote session): then the program simply stays quiet.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from kiosk.resources_path import resource

log = logging.getLogger(__name__)

KINDS = ("ok", "already", "refused", "vip")
SOUND_OF = {"checkout": "already"}  # a check-out is told apart by colour and words; its chime is the soft one


class VerdictSounds(QObject):
    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.last_kind: str | None = None  # what would have played: tests and diagnostics read it
        self._effects: dict[str, object] | None = None

    def _load(self) -> dict[str, object]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if not QMediaDevices.audioOutputs():
                log.info("no audio output: verdict sounds are off")
                return self._effects
            for kind in KINDS:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(resource("sounds", f"{kind}.wav"))))
                effect.setVolume(0.8)
                self._effects[kind] = effect
        except Exception:  # noqa: BLE001 - any multimedia failure means silence, not a crash
            log.warning("verdict sounds unavailable", exc_info=True)
            self._effects = {}
        return self._effects

    def prepare(self) -> None:
        """Load the audio backend and the sounds now (tens of ms on the GUI thread), at start-up
        rather than on the first scan."""
        if self.enabled:
            self._load()

    @property
    def loaded(self) -> bool:
        """Whether the audio backend has been asked (and the sounds loaded, where there is output)."""
        return self._effects is not None

    @property
    def available(self) -> bool:
        return bool(self._load())

    def play(self, kind: str) -> None:
        self.last_kind = kind
        if not self.enabled:
            return
        effect = self._load().get(SOUND_OF.get(kind, kind))
        if effect is not None:
            try:
                effect.play()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001
                log.warning("could not play %s", kind, exc_info=True)
