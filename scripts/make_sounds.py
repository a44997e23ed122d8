"""Generate the verdict sounds in resources/sounds/ (run once; the small .wav files are committed).

Distinct by pitch and rhythm, so staff tell them apart without looking: a rising two-note chime
for ok, a single mid beep for "already checked in", a low double buzz for a refusal, and a
three-note fanfare for a VIP. 16-bit mono 22.05 kHz, a few kilobytes each.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"

# name -> [(frequency Hz or 0 for silence, seconds)]
SOUNDS = {
    "ok": [(880, 0.09), (0, 0.02), (1318.5, 0.14)],
    "already": [(660, 0.22)],
    "refused": [(220, 0.14), (0, 0.06), (220, 0.18)],
    "vip": [(784, 0.1), (0, 0.02), (988, 0.1), (0, 0.02), (1175, 0.22)],
}


def tone(freq: float, seconds: float, volume: float = 0.45) -> bytes:
    n = int(RATE * seconds)
    fade = min(int(RATE * 0.01), n // 2)  # 10 ms ramps: no clicks
    frames = bytearray()
    for i in range(n):
        envelope = min(1.0, i / fade if fade else 1.0, (n - i) / fade if fade else 1.0)
        value = volume * envelope * math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
        if freq and freq < 300:  # a square-ish buzz reads as "no" even on tiny laptop speakers
            value = volume * envelope * (1 if value >= 0 else -1) * 0.6
        frames += struct.pack("<h", int(value * 32767))
    return bytes(frames)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        with wave.open(str(OUT / f"{name}.wav"), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(b"".join(tone(f, s) for f, s in notes))
        print(OUT / f"{name}.wav")


if __name__ == "__main__":
    main()
