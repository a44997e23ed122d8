"""A front-desk station that keeps working when the shared server is away.

Primary: the shared PostgreSQL server. Fallback: a local SQLite replica of the event, its roster
and the check-ins known so far, plus this station's journal of check-ins made while offline
(rows of the replica's own check_ins table, each with its UUID, and a marker per row in the
replica's `settings`). When the server answers again, `sync()` folds the journal into it with
the merge rules (first check-in wins; the loser is kept, marked undone, and listed as a
conflict), then refreshes the replica. Nothing acknowledged on screen is dropped: every `ok`
is a committed row on the server or in the replica until the server has it.

Threading: every public method takes one lock, so a GUI can call `scan` and `poll` from worker
threads. `poll()` may wait for a connect timeout (2 s); never call it on the GUI thread.

Live: `watch(callback)` listens for the server's change announcements (LISTEN/NOTIFY, see
`kiosk.storage.listen`). Each one marks the replica stale, so the next `poll()` copies what
changed, and is handed to `callback` on the listener's thread. While watching, the replica is
otherwise refreshed only every `safety_refresh_s` (60 s): a safety net, not the way news arrives.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.domain.checkin import CheckInDesk, CheckInVerdict
from kiosk.domain.headcount import Headcount, headcount
from kiosk.domain.models import CheckIn, Event, Setting, utcnow
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.listen import Change, ChangeListener
from kiosk.storage.postgres import is_connection_error, redacted, station_database
from kiosk.sync import findings as sync_findings
from kiosk.sync.clock import measure_offset, store_offset
from kiosk.sync.edits import EditReport, pending_edit_count, push_edits, stored_edit_conflicts
from kiosk.sync.merge import SOURCE_ID_KEY, Conflict, MergeSummary, merge_databases
from kiosk.sync.replica import (
    NoEventOnServer,
    clear_pending,
    default_replica_path,
    mark_pending,
    pending_count,
    pending_ids,
    read_server,
    replica_event,
    write_replica,
)
from kiosk.sync.seats import LeasedLocalDesk, LeasedServerDesk, StationSeats

__all__ = ["LinkState", "LinkStatus", "StationLink", "StationUnavailable", "SyncReport", "default_replica_path"]

log = logging.getLogger(__name__)
STALE_REFRESH_S = 3.0
T = TypeVar("T")

CONFLICTS_KEY = "station_sync.conflicts"  # JSON list of conflicts found by syncs, for the supervisor
UNSURE_KEY = "station_sync.unsure"  # JSON list of people kept apart who might be one, for the supervisor


class LinkState(enum.StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"


class StationUnavailable(RuntimeError):
    """Neither the server nor a local replica can serve this station."""


@dataclass(frozen=True)
class LinkStatus:
    state: LinkState
    pending: int  # check-ins and edits in the journal that the server does not have yet
    conflicts: int
    server: str  # the URL without its password
    offline_since: datetime | None = None
    last_sync_at: datetime | None = None
    last_error: str = ""
    notice: str = ""  # the last sync's word for the console (e.g. contacts not uploaded after a purge)
    findings: int = 0  # overshoots / cancelled guests admitted, found by syncs, not yet acknowledged
    name_clash: bool = False  # another laptop holds this station name's seat lease: rename one


@dataclass
class SyncReport:
    pushed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    summary: MergeSummary | None = None
    notice: str = ""  # for the console: e.g. the server's personal data was purged meanwhile
    edits: EditReport | None = None  # undo / companions / check-outs made apart, applied at sync


class StationLink(StationSeats):
    def __init__(
        self,
        server_url: str,
        replica_path: Path,
        station: str,
        *,
        retry_s: float = 2.0,
        refresh_s: float = 15.0,
        safety_refresh_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        lease_ttl_s: float | None = None,
        take_seats: bool = True,
    ) -> None:
        self.station = station
        self.retry_s = retry_s
        self.refresh_s = refresh_s  # how often the replica is refreshed when nobody watches
        self.safety_refresh_s = safety_refresh_s  # ... and while watching, as a safety net
        # A copy the server's news made stale is refreshed at most this often: during a queue
        # every check-in is news, and a copy read after each one (several round trips) held the
        # console's one worker while the next guest's scan waited. The screen does not read the
        # copy while online; it is what the door decides from if the server goes away.
        self.stale_refresh_s = min(refresh_s, STALE_REFRESH_S)
        self._clock = clock
        self._lock = threading.RLock()
        self.server = station_database(server_url, station=station)
        self.local = Database.open(replica_path)
        migrate.upgrade(self.local)
        self._ensure_identity()
        self._state = LinkState.OFFLINE
        self._offline_since: datetime | None = utcnow()
        self._last_sync_at: datetime | None = None
        self._last_error = ""
        self._notice = ""
        self._last_probe = float("-inf")
        self._last_refresh = float("-inf")
        self._marks: dict[str, tuple[Any, ...]] = {}
        self._server_desk: CheckInDesk | None = None
        self._local_desk: CheckInDesk | None = None
        self.event_id: int | None = None
        self._stale = False  # the server announced a change the replica has not copied yet
        self._listener: ChangeListener | None = None
        self._watchers: list[Callable[[Change], None]] = []
        self._init_seats(lease_ttl_s)  # seat lease: kiosk/sync/seats.py
        # A station that will keep working (the console; any long-lived link) takes its share of
        # the seats as soon as it is online, so a cable pulled before its first poll still leaves
        # it seats to admit into. A one-shot CLI command takes none (it would hold seats for
        # minutes after it exits); apart, it admits only into a share its station wrote down.
        self._take_seats = take_seats
        self._connect()
        if self.event_id is None:
            raise StationUnavailable(
                "공유 서버에 연결할 수 없고 이 PC에 로컬 사본도 없습니다. 네트워크와 서버 주소를 확인하세요. "
                f"({self._last_error})"
            )

    # -- status ---------------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        return self._state

    def status(self) -> LinkStatus:
        """Cheap and local: safe to call from a GUI timer."""
        with self.local.session() as session:
            pending = pending_count(session) + pending_edit_count(session, pending_ids(session))
            edit_conflicts = len(stored_edit_conflicts(session))
        return LinkStatus(
            state=self._state,
            pending=pending,
            conflicts=len(self.conflicts()) + edit_conflicts,
            server=redacted(self.server.url),
            offline_since=self._offline_since,
            last_sync_at=self._last_sync_at,
            last_error=self._last_error,
            notice=self._notice,
            findings=len(self.sync_findings()),
            name_clash=getattr(self, "_name_clash", False),
        )

    def headcount(self) -> Headcount:
        """The room's numbers: the server's while online (every station's check-ins, so counters
        follow the other stations on the next refresh), this station's replica while offline."""
        if self._state is LinkState.ONLINE:
            try:
                with self.server.session() as s:
                    return headcount(s, self._event(s))
            except Exception as exc:
                if not is_connection_error(exc):
                    raise
                with self._lock:
                    self._go_offline(exc)
        with self.local.session() as s:
            return headcount(s, self._event(s))

    def _event(self, session: Session) -> Event:
        event = session.get(Event, self.event_id)
        if event is None:
            raise StationUnavailable("행사를 찾을 수 없습니다 (event missing)")
        return event

    def conflicts(self) -> list[Conflict]:
        """Conflicts found by syncs so far, for the supervisor (kept until cleared)."""
        with self.local.session() as session:
            row = session.get(Setting, CONFLICTS_KEY)
        return [Conflict.from_json(item) for item in (json.loads(row.value) if row is not None and row.value else [])]

    def unsure(self) -> list[dict[str, Any]]:
        """Pairs a sync kept as two people though they look alike (same name + organisation...)."""
        with self.local.session() as session:
            row = session.get(Setting, UNSURE_KEY)
        return json.loads(row.value) if row is not None and row.value else []

    def clear_conflicts(self) -> None:
        with self.local.write() as session:
            session.execute(delete(Setting).where(Setting.key == CONFLICTS_KEY))

    # -- the door -------------------------------------------------------------------------------

    def scan(self, code: str, operator: str = "", **options: Any) -> CheckInVerdict:
        # One id for the server and the local copy: if the server committed and only its answer
        # was lost, the local row and the server's are one check-in, and the merge keeps one.
        options.setdefault("check_in_id", str(uuid.uuid4()))
        return self.call(lambda desk: desk.scan(code, self.station, operator, **options))

    def check_in_participant(self, participant_id: int, operator: str = "", **options: Any) -> CheckInVerdict:
        options.setdefault("check_in_id", str(uuid.uuid4()))
        return self.call(lambda desk: desk.check_in_participant(participant_id, self.station, operator, **options))

    def call(self, action: Callable[[CheckInDesk], T]) -> T:
        """Run a desk action on the server, or at once on the replica if the server is away.

        The result may be a CheckInVerdict or anything with a `.verdict` (a walk-in result):
        a check-in (or check-out) made locally goes into the journal by its check-in UUID; an
        undo, a companions change or a check-out of a row the server has is journaled by the
        local desk's audit entry (see `kiosk.sync.edits`) and applied on the server at sync.
        """
        with self._lock:
            if self._state is LinkState.ONLINE and self._server_desk is not None:
                try:
                    result = action(self._server_desk)
                    self._seats_used_online(getattr(result, "verdict", result))
                    return result
                except Exception as exc:
                    if not is_connection_error(exc):
                        raise
                    self._go_offline(exc)
            assert self._local_desk is not None
            result = action(self._local_desk)
            verdict = getattr(result, "verdict", result)
            if isinstance(verdict, CheckInVerdict) and verdict.ok and verdict.check_in_id:
                self._journal(verdict.check_in_id)
            return result

    # -- background work ------------------------------------------------------------------------

    def poll(self) -> LinkStatus:
        """Probe, sync and refresh as they fall due. Call every second or so from a worker thread."""
        with self._lock:
            now = self._clock()
            if self._state is not LinkState.ONLINE:
                if now - self._last_probe >= self.retry_s:
                    self._connect()
            elif (self._stale and now - self._last_refresh >= self.stale_refresh_s) or (
                now - self._last_refresh >= self._refresh_interval()
            ):
                self._stale = False  # an announcement arriving from here on marks it again
                try:
                    self._refresh()
                except Exception as exc:
                    self._stale = True
                    if not is_connection_error(exc):
                        raise
                    self._go_offline(exc)
            if self._state is LinkState.ONLINE and self._lease_due():
                try:
                    self._renew_lease()
                except Exception as exc:
                    if not is_connection_error(exc):
                        raise
                    self._go_offline(exc)
        return self.status()

    def watch(self, callback: Callable[[Change], None]) -> None:
        """Hear the server's changes: `callback(change)` runs on the listener's thread (keep it
        short: hand it to the GUI or the worker). The first call starts the listener."""
        self._watchers.append(callback)
        if self._listener is None:
            self._listener = ChangeListener(self.server.url, self._on_change, name=f"kiosk-listen-{self.station}")
            self._listener.start()

    def unwatch(self) -> None:
        """Forget every callback (a closing window); the listener itself stops at close()."""
        self._watchers.clear()

    @property
    def listener(self) -> ChangeListener | None:
        return self._listener

    def _refresh_interval(self) -> float:
        return self.safety_refresh_s if self._listener is not None else self.refresh_s

    def _on_change(self, change: Change) -> None:
        # The listener's thread: no lock here (a poll may hold it for seconds); flags only.
        if change.what in ("check_ins", "roster") and change.event_id not in (None, self.event_id):
            return  # another event on the same server
        self._stale = True
        if change.missed:
            self._last_probe = float("-inf")  # the server is back: reconnect at the next poll
            self._last_refresh = float("-inf")  # ... and catch up at once, whatever the stale limit
        for callback in list(self._watchers):
            callback(change)

    def sync(self) -> SyncReport:
        """Push the journal now (the server must be reachable); then refresh the replica."""
        with self._lock:
            report = self._push()
            self._refresh()
            self._renew_lease()  # a share of the seats is taken by poll() and sync() only, never by a one-shot CLI link
            return report

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self._keep_share_on_close()
        self.server.dispose()
        self.local.dispose()

    # -- internals ------------------------------------------------------------------------------

    def _connect(self) -> None:
        """Try the server: on success push the journal, refresh the replica and go online."""
        self._last_probe = self._clock()
        previous = self._state
        try:
            self._state = LinkState.SYNCING if previous is not LinkState.ONLINE else previous
            migrate.upgrade(self.server)  # a no-op unless the server was just created
            self._push()
            self._lease_returns()  # the journal is up: the share held while apart goes back
            self._refresh()
            if self._server_desk is None or self._server_desk.event_id != self.event_id:
                assert self.event_id is not None
                self._server_desk = LeasedServerDesk(self.server, self.event_id, self.station)
        except Exception as exc:
            self._state = previous
            if not is_connection_error(exc) and not isinstance(exc, migrate.MigrationError):
                raise  # e.g. the server now runs another event: the journal stays, nothing is lost
            self._go_offline(exc)
            self._open_local_desk()
            return
        self._state = LinkState.ONLINE
        self._offline_since = None
        self._last_error = ""
        log.info("station %s: online (%s)", self.station, redacted(self.server.url))
        if self._take_seats:
            try:
                self._renew_lease()
            except Exception as exc:
                if not is_connection_error(exc):
                    raise
                self._go_offline(exc)

    def _go_offline(self, exc: BaseException) -> None:
        if self._state is not LinkState.OFFLINE:
            log.warning("station %s: server unreachable, working locally: %s", self.station, exc)
            self._offline_since = utcnow()
            self._lease_goes_apart()
        self._state = LinkState.OFFLINE
        text = str(getattr(exc, "orig", None) or exc).strip()
        self._last_error = text.splitlines()[0] if text else type(exc).__name__
        self._last_probe = self._clock()
        self._marks = {}  # the replica will change on its own now: copy everything next time
        self.server.dispose()  # drop pooled connections to the dead server (the door's too)

    def _open_local_desk(self) -> None:
        if self._local_desk is not None:
            return
        with self.local.session() as session:
            event = replica_event(session)
        if event is not None:
            self.event_id = event.id
            self._local_desk = LeasedLocalDesk(self.local, event.id)

    def _journal(self, check_in_id: str) -> None:
        with self.local.write() as session:
            mark_pending(session, check_in_id, self.station)

    def _push(self) -> SyncReport:
        # Edits of rows the server has (undo, companions, check-out made apart) go first: a
        # check-out is also a journaled row, and the merge then finds it already applied.
        edits = push_edits(self.local, self.server, self._replica_id(), self.station)
        with self.local.session() as session:
            pending = pending_ids(session)
            mine = set(session.scalars(select(CheckIn.id).where(CheckIn.station == self.station)))
        report = SyncReport(edits=edits)
        if mine - pending:
            # A crash between a local commit and its journal marker must not lose the row:
            # anything of ours the server lacks is pushed too.
            with self.server.session() as s:
                known = set(s.scalars(select(CheckIn.id).where(CheckIn.station == self.station)))
            pending |= mine - known
        # Always run, even with an empty journal: refused scans made offline are in the local
        # audit trail, and the merge copies those once (by the server's per-station mark).
        summary = merge_databases(self.local, self.server, station=self.station, only_ids=pending)
        report.pushed, report.conflicts, report.summary = summary.inserted, summary.conflicts, summary
        if summary.target_purged:
            report.notice = self._forget_personal_data(summary.personal_data_stripped)
            self._notice = report.notice or self._notice
        with self.local.write() as session:
            clear_pending(session, pending)
            sync_findings.keep(session, summary.findings)  # for the supervisor, like conflicts
            if summary.conflicts:
                row = session.get(Setting, CONFLICTS_KEY)
                known_conflicts = json.loads(row.value) if row is not None and row.value else []
                known_conflicts += [c.to_json() for c in summary.conflicts]
                session.merge(Setting(key=CONFLICTS_KEY, value=json.dumps(known_conflicts, ensure_ascii=False)))
            if summary.unsure:
                row = session.get(Setting, UNSURE_KEY)
                known_unsure = json.loads(row.value) if row is not None and row.value else []
                known_unsure += [u.to_json() for u in summary.unsure]
                session.merge(Setting(key=UNSURE_KEY, value=json.dumps(known_unsure, ensure_ascii=False)))
                log.warning("station %s: %d look-alike people kept apart", self.station, len(summary.unsure))
        self._last_sync_at = utcnow()
        log.info("station %s: synced %d check-ins, %d conflicts", self.station, report.pushed, len(report.conflicts))
        return report

    def _forget_personal_data(self, stripped: int) -> str:
        """The server was purged: this replica keeps no phone, e-mail or note either (its check-ins,
        names and organisations stay; the merge already left the contacts out of what it uploaded)."""
        from kiosk.domain.purge import compact, strip_personal_data
        from kiosk.domain.purge_audit import scrub_audit

        with self.local.write() as session:
            removed = strip_personal_data(session)
            scrubbed = scrub_audit(session)
        if not (stripped or removed or scrubbed):
            return ""
        compact(self.local)  # VACUUM: the removed values must not linger in free pages
        notice = (
            f"서버의 개인정보가 삭제되어 있어, 이 스테이션이 오프라인에 등록한 {stripped}명의 전화번호·이메일·메모는 "
            "올리지 않고 이 PC의 사본에서도 지웠습니다 (체크인과 이름·소속은 그대로 올렸습니다). "
            f"(server personal data was purged: contacts of {stripped} offline registrations not uploaded, "
            "and removed from this replica)"
        )
        log.warning("station %s: %s", self.station, notice)
        return notice

    def _refresh(self) -> None:
        """Copy the server's event, roster, settings and check-ins into the replica.

        Tables are copied only when their fingerprints moved, so a refresh during a quiet
        minute costs a few small queries.
        """
        with self.server.session() as s:
            if self.server.engine.dialect.name == "postgresql":
                # One snapshot for every table: a walk-in committed by another station between the
                # roster read and the check-ins read would otherwise bring a check-in whose person
                # is not in the copy (the replica's foreign key refused it: a flaky CLI walk-in).
                s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            try:
                snap = read_server(s, self._marks)
            except NoEventOnServer as exc:
                raise StationUnavailable(str(exc)) from exc
            reading = measure_offset(s)  # at every contact: stamps made apart are corrected by it
        with self.local.write() as session:
            store_offset(session, reading)
            if not write_replica(session, snap):
                return
        self._marks = snap.marks
        self.event_id = snap.event.id
        self._last_refresh = self._clock()
        if self._local_desk is None or self._local_desk.event_id != self.event_id:
            self._local_desk = LeasedLocalDesk(self.local, self.event_id)

    def _replica_id(self) -> str:
        with self.local.session() as session:
            row = session.get(Setting, SOURCE_ID_KEY)
            assert row is not None  # set by _ensure_identity
            return row.value

    def _ensure_identity(self) -> None:
        with self.local.write() as session:
            if session.get(Setting, SOURCE_ID_KEY) is None:
                session.add(Setting(key=SOURCE_ID_KEY, value=uuid.uuid4().hex[:16]))
