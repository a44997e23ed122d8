"""A station's guard against a server that stops answering without the connection breaking.

A pulled cable is noticed by the kernel (`tcp_user_timeout`: unacknowledged data), but a link
that still acknowledges and never answers -- a frozen server, a hung middlebox, a captive Wi-Fi
portal -- leaves a statement waiting for ever: the station's one database worker stops, every
later scan queues behind it and the badge still says online. This guard watches each statement
(and commit) of the station's engines; one that runs longer than `STALL_S` gets its socket shut
down, so the driver raises a connection error and the station goes apart and decides from its
copy. Safe for the door: a check-in is decided again locally under the same check-in id, and the
sync finds it on the server if the server had committed it after all (one check-in, no double).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

STALL_S = 6.0  # far above any statement of the door (ms) or a 10,000-row report read (~2 s)


class StallGuard:
    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = STALL_S if seconds is None else seconds
        self._armed: dict[int, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.tripped = 0

    def watch(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "commit", lambda conn: self._arm(conn.connection.dbapi_connection))
        event.listen(engine, "handle_error", lambda ctx: self._disarm(getattr(ctx.connection, "connection", None)))
        event.listen(engine.pool, "checkin", lambda dbapi_conn, _rec: self._disarm_dbapi(dbapi_conn))
        # What the pool and the dialect send without a cursor, so without the hooks above: the
        # health check before a pooled connection is handed out (pre-ping), and the rollback or
        # commit of a transaction. A frozen server held the console's worker in the ping for
        # minutes (found with SIGSTOP on the server and with a black-holed link).
        dialect = engine.dialect
        for name in ("do_ping", "do_rollback", "do_commit"):
            setattr(dialect, name, self._guarded(getattr(dialect, name)))

    def _guarded(self, call: Any) -> Any:
        def run(connection: Any, *args: Any, **kwargs: Any) -> Any:
            dbapi_conn = getattr(connection, "dbapi_connection", connection)  # a pooled proxy or the raw one
            self._arm(dbapi_conn)
            try:
                return call(connection, *args, **kwargs)
            finally:
                self._disarm_dbapi(dbapi_conn)

        return run

    def _before(self, conn, _cursor, _statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        self._arm(conn.connection.dbapi_connection)

    def _after(self, conn, _cursor, _statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        self._disarm_dbapi(conn.connection.dbapi_connection)

    def _disarm(self, pooled: Any) -> None:
        if pooled is not None:
            self._disarm_dbapi(getattr(pooled, "dbapi_connection", None))

    def _arm(self, dbapi_conn: Any) -> None:
        if dbapi_conn is None:
            return
        with self._lock:
            self._armed[id(dbapi_conn)] = (time.monotonic() + self.seconds, dbapi_conn)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="kiosk-stall-guard", daemon=True)
                self._thread.start()

    def _disarm_dbapi(self, dbapi_conn: Any) -> None:
        if dbapi_conn is not None:
            with self._lock:
                self._armed.pop(id(dbapi_conn), None)

    def _watch(self) -> None:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            with self._lock:
                due = [(key, conn) for key, (deadline, conn) in self._armed.items() if deadline <= now]
                for key, _conn in due:
                    del self._armed[key]
            for _key, conn in due:
                self._cut(conn)

    def _cut(self, dbapi_conn: Any) -> None:
        """Shut the connection's socket: the waiting driver call fails at once."""
        try:
            fd = dbapi_conn.pgconn.socket
        except Exception:  # noqa: BLE001 - already closed: nothing waits on it
            return
        self.tripped += 1
        log.warning("shared server silent for %.0f s: dropping the connection, the station goes apart", self.seconds)
        # A duplicate descriptor of the same socket: shutting it down wakes the driver's read;
        # closing it closes only the duplicate (the driver still owns and closes its own).
        with contextlib.suppress(OSError), socket.socket(fileno=socket.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
