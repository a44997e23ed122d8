"""A real X11 desk for tests: Xvfb, a small window manager (openbox) and XTest key events.

Offscreen Qt tests send synthesised events straight to a widget; a USB barcode scanner does not.
It is a keyboard: the X server delivers its key presses to whatever window has focus, with a
Shift press and release around every capital letter, a few milliseconds apart. `xdotool type`
does exactly that through XTest, so these tests see what the front desk sees.

Nothing here sleeps to paper over timing: waits poll a condition with a deadline.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageGrab

REQUIRED = ("Xvfb", "xdotool", "openbox")
KIOSK = [sys.executable, "-m", "kiosk"]


class XUnavailable(RuntimeError):
    """Xvfb, xdotool or openbox is missing (scripts/bootstrap.sh --test installs them)."""


def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED if shutil.which(tool) is None]


@dataclass
class XSession:
    display: str
    env: dict[str, str]
    width: int = 1366
    height: int = 768
    _children: list[subprocess.Popen] = field(default_factory=list, repr=False)

    # -- processes ---------------------------------------------------------------------------

    def launch(self, args: list[str], **popen: object) -> subprocess.Popen:
        """`python -m kiosk ARGS` on this display; stopped (SIGKILL if need be) when the session ends."""
        popen.setdefault("stdout", subprocess.PIPE)
        popen.setdefault("stderr", subprocess.PIPE)
        proc = subprocess.Popen([*KIOSK, *args], env=self.env, **popen)  # type: ignore[call-overload]
        self._children.append(proc)
        return proc

    def xdotool(self, *args: str, timeout: float = 30) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout.strip()

    # -- windows -----------------------------------------------------------------------------

    def wait_window(self, name_pattern: str, timeout: float = 30) -> str:
        """The id of the first visible window whose title matches the regular expression."""
        deadline = time.monotonic() + timeout
        while True:
            result = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", name_pattern],
                env=self.env, capture_output=True, text=True, timeout=10,
            )  # fmt: skip
            ids = result.stdout.split()
            if ids:
                return ids[-1]
            if time.monotonic() > deadline:
                raise TimeoutError(f"no visible window named {name_pattern!r} within {timeout} s")
            self._check_children()
            time.sleep(0.1)  # polling interval of a wait with a deadline

    def windows(self, name_pattern: str = ".") -> list[str]:
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name_pattern],
            env=self.env, capture_output=True, text=True, timeout=10,
        )  # fmt: skip
        return result.stdout.split()

    def window_name(self, window_id: str) -> str:
        return self.xdotool("getwindowname", window_id)

    def active_window(self) -> str:
        return self.xdotool("getactivewindow")

    def activate(self, window_id: str) -> None:
        self.xdotool("windowactivate", "--sync", window_id)

    # -- keyboard ----------------------------------------------------------------------------

    def scan(self, code: str, delay_ms: int = 5) -> None:
        """What a USB HID scanner does: the code a few ms per key (Shift for capitals), then Enter."""
        self.xdotool("type", "--delay", str(delay_ms), "--", code)
        self.xdotool("key", "Return")

    def type_text(self, text: str, delay_ms: int = 90) -> None:
        """A person typing: a fast typist's 90 ms a key. (At 40 ms, six keys in a row are as fast as
        the console's scanner detection allows for a scan, and would be taken as one.)"""
        self.xdotool("type", "--delay", str(delay_ms), "--", text)

    def key(self, *keysyms: str, delay_ms: int = 40) -> None:
        self.xdotool("key", "--delay", str(delay_ms), *keysyms)

    # -- looking -----------------------------------------------------------------------------

    def screenshot(self, path: Path | str) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        ImageGrab.grab(xdisplay=self.display).save(path)
        return path

    def wait_until(
        self, predicate: Callable[[], object], timeout: float = 20, interval: float = 0.1
    ) -> object:
        """Poll `predicate` until it returns something truthy; raise TimeoutError at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            self._check_children()
            time.sleep(interval)  # polling interval of a wait with a deadline

    def _check_children(self) -> None:
        for proc in self._children:
            if proc.poll() is not None and proc.returncode not in (0, -9, -15):
                err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
                raise RuntimeError(f"{proc.args} exited with {proc.returncode}: {err}")

    def stop_children(self) -> None:
        for proc in self._children:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
        self._children.clear()


def _start_xvfb(width: int, height: int) -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise XUnavailable("Xvfb did not report a display number")
    return xvfb, f":{number}"


@contextlib.contextmanager
def x_session(width: int = 1366, height: int = 768, wm: bool = True) -> Iterator[XSession]:
    """Xvfb on a free display, openbox on it (unless wm=False); everything stopped afterwards."""
    missing = missing_tools()
    if missing:
        raise XUnavailable("missing: " + ", ".join(missing))
    xvfb, display = _start_xvfb(width, height)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = display
    env.pop("XAUTHORITY", None)
    session = XSession(display=display, env=env, width=width, height=height)
    wm_proc = None
    try:
        if wm:
            wm_proc = subprocess.Popen(
                ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            # openbox sets _NET_SUPPORTING_WM_CHECK on the root window once it manages the screen.
            session.wait_until(lambda: _wm_ready(env), timeout=20)
        yield session
    finally:
        session.stop_children()
        for proc in (wm_proc, xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _wm_ready(env: dict[str, str]) -> bool:
    result = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True, text=True, timeout=10
    )
    return "window id" in result.stdout
