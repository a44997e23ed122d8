"""Hearing the shared server's changes as they commit (PostgreSQL LISTEN/NOTIFY).

Migration 0009_notify makes the server announce every committed change other stations must
follow on the channel `kiosk_changes`. A `ChangeListener` keeps its own connection (autocommit,
`LISTEN`), on its own thread, and hands each announcement to a callback on that thread as a
`Change`. Waiting for notifications costs the server nothing: no query runs until one arrives,
which replaces the per-second polling stations used to do.

While the server is away the listener retries quietly with a growing pause (one log line when
it is lost, one when it is back); after every reconnection it delivers one `Change.missed()`:
announcements sent while it was away are gone, so whoever listens should refresh everything.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import make_url

from kiosk.storage.postgres import CONNECT_TIMEOUT_S, TCP_USER_TIMEOUT_MS, check_server_url

__all__ = ["CHANNEL", "Change", "ChangeListener"]

log = logging.getLogger(__name__)
CHANNEL = "kiosk_changes"  # migrations/versions/0009_notify.py sends on it
WHAT = ("check_ins", "roster", "event", "settings")  # what 0009_notify announces; later tables may add more


@dataclass(frozen=True)
class Change:
    """What the server announced: `what` changed in `event_id` (None: any event), by `station`."""

    what: str  # check_ins | roster | event | settings (WHAT) | all (after a reconnection)
    event_id: int | None = None
    station: str = ""

    @property
    def missed(self) -> bool:
        """True after a reconnection: anything may have changed meanwhile."""
        return self.what == "all"

    @classmethod
    def missed_while_away(cls) -> Change:
        return cls(what="all")

    @classmethod
    def parse(cls, payload: str) -> Change:
        """A payload from the trigger; anything unreadable counts as "everything may have changed"."""
        try:
            data = json.loads(payload)
            what = data["what"]
            event = data.get("event")
            if not isinstance(what, str) or not what or not (event is None or isinstance(event, int)):
                raise ValueError(payload)
            return cls(what=what, event_id=event, station=str(data.get("station") or ""))
        except (ValueError, TypeError, KeyError):
            return cls.missed_while_away()


def connect_args(url: str) -> dict[str, Any]:
    """libpq parameters for the listening connection: the station's URL, the station engine's
    time-outs and keepalives, so a pulled cable is noticed within seconds even while idle."""
    parsed = make_url(check_server_url(url))
    args: dict[str, Any] = {
        "host": parsed.host or "",
        "port": parsed.port or 5432,
        "dbname": parsed.database or "",
        "user": parsed.username or "",
        "connect_timeout": CONNECT_TIMEOUT_S,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "application_name": "kiosk-listen",
    }
    if parsed.password is not None:
        args["password"] = parsed.password
    args.update({k: v for k, v in parsed.query.items() if isinstance(v, str)})  # sslmode=..., etc.
    return {k: v for k, v in args.items() if v != ""}


class ChangeListener:
    """Calls `callback(change)` from its own thread for every change the server announces.

    `start()` returns at once (the first connection is made on the thread); `stop()` ends the
    thread within about `tick_s` and closes the connection.
    """

    def __init__(
        self,
        url: str,
        callback: Callable[[Change], None],
        *,
        tick_s: float = 0.25,
        min_backoff_s: float = 0.25,
        max_backoff_s: float = 5.0,
        name: str = "kiosk-listen",
    ) -> None:
        self._args = connect_args(url)
        self._callback = callback
        self.tick_s = tick_s
        self.min_backoff_s = min_backoff_s
        self.max_backoff_s = max_backoff_s
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._callback_failed = False
        self.reconnects = 0  # connections made after a loss (for tests and the status line)
        self.failed_attempts = 0  # connections refused or lost since the start
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def listening(self) -> bool:
        """True while a LISTEN connection is open."""
        return self._listening.is_set()

    def wait_listening(self, timeout: float) -> bool:
        return self._listening.wait(timeout)

    @property
    def alive(self) -> bool:
        """True while the thread runs (until `stop()`)."""
        return self._thread.is_alive()

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- the thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        import psycopg

        backoff = self.min_backoff_s
        lost: str | None = None  # why the last attempt failed; None while all is well
        ever_connected = False
        while not self._stop.is_set():
            try:
                conn = psycopg.connect(autocommit=True, **self._args)
            except psycopg.Error as exc:
                lost = self._note_lost(lost, exc)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self._listening.set()
                backoff = self.min_backoff_s
                if lost is not None or ever_connected:
                    self.reconnects += 1
                    log.info("live updates: listening again")
                    self._deliver(Change.missed_while_away())
                lost, ever_connected = None, True
                while not self._stop.is_set():
                    for notify in conn.notifies(timeout=self.tick_s):
                        self._deliver(Change.parse(notify.payload))
            except psycopg.Error as exc:
                lost = self._note_lost(lost, exc)
            finally:
                self._listening.clear()
                with contextlib.suppress(psycopg.Error):  # the socket may be gone already
                    conn.close()

    def _note_lost(self, lost: str | None, exc: BaseException) -> str:
        """One warning per outage; the retries that follow it are logged at debug level only."""
        self.failed_attempts += 1
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if lost is None:
            log.warning("live updates: server unreachable, retrying quietly: %s", text)
        else:
            log.debug("live updates: still unreachable: %s", text)
        return text

    def _deliver(self, change: Change) -> None:
        try:
            self._callback(change)
        except Exception:  # noqa: BLE001 - a listener must outlive a faulty callback
            if not self._callback_failed:
                log.exception("live updates: the change callback failed (further failures at debug)")
                self._callback_failed = True
            else:
                log.debug("live updates: the change callback failed again", exc_info=True)
