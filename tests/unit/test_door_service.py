"""The door service: every public use case declares what it does while the server is away, and
runs on a real SQLite file through the one worker thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.domain.demo import load_demo
from kiosk.domain.models import Participant
from kiosk.domain.token import issue
from kiosk.service import DoorService, NotWhileApart, Offline
from kiosk.service.usecase import declared, use_case
from kiosk.service.worker import DbWorker
from kiosk.storage import migrate
from kiosk.storage.engine import Database


def test_every_public_method_is_a_declared_use_case() -> None:
    infrastructure = {"apart", "status", "poll", "watch", "unwatch", "close", "for_file", "backend", "event_id", "station"}
    public = {n for n in dir(DoorService) if not n.startswith("_")} - infrastructure
    assert public <= set(declared(DoorService)), public - set(declared(DoorService))
    assert declared(DoorService)["scan"].offline is Offline.JOURNALED
    assert declared(DoorService)["headcount"].offline is Offline.LOCAL


def test_refused_case_says_why_while_apart_and_runs_otherwise() -> None:
    ran: list[str] = []

    class Backend:
        apart = True

    class Svc:
        backend = Backend()

        @use_case(Offline.REFUSED, why="명단 수정은 서버가 돌아온 뒤에 하세요")
        def edit(self) -> None:
            ran.append("edit")

    with pytest.raises(NotWhileApart, match="명단 수정은 서버가 돌아온 뒤에"):
        Svc().edit()
    assert ran == []
    Backend.apart = False
    Svc().edit()
    assert ran == ["edit"]


def test_scan_on_the_worker_thread_lands_on_disk(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "door.db")
    migrate.upgrade(db)
    with db.write() as session:
        event = load_demo(session)
        event_id, tag, secret = event.id, event.token_tag, event.signing_secret
        pid = session.query(Participant.id).filter_by(event_id=event_id).order_by(Participant.id).first()[0]
    service = DoorService.for_file(db, event_id, "문1")
    worker = DbWorker()
    try:
        threads: list[str] = []

        def op() -> object:
            threads.append(threading.current_thread().name)
            return service.scan(issue(tag, secret, pid), "op")

        verdict = worker.submit(op).result(timeout=10)
        assert verdict.ok and threads == ["kiosk-db"]
        assert worker.call(service.headcount).present >= 1
        assert [r.participant.id for r in worker.call(service.recent)][:1] == [pid]
    finally:
        worker.stop()
    reopened = Database.open(tmp_path / "door.db")
    with reopened.session() as s:
        from kiosk.domain.checkin import active_check_in

        assert active_check_in(s, pid) is not None


def test_worker_runs_door_actions_before_refreshes_in_order_and_finishes_all_at_stop() -> None:
    gate = threading.Event()
    order: list[str] = []
    worker = DbWorker()
    worker.submit(gate.wait)  # busy: everything below queues
    refresh = worker.submit(order.append, "refresh", background=True)
    actions = [worker.submit(order.append, f"scan{i}") for i in range(3)]
    gate.set()
    worker.stop()  # finishes what is queued first: nothing acknowledged is lost
    assert order == ["scan0", "scan1", "scan2", "refresh"]
    assert refresh.done() and all(f.done() for f in actions)


def test_a_long_burst_still_lets_a_refresh_through() -> None:
    gate = threading.Event()
    order: list[str] = []
    worker = DbWorker()
    worker.submit(gate.wait)
    worker.submit(order.append, "refresh", background=True)
    for i in range(12):
        worker.submit(order.append, f"scan{i}")
    gate.set()
    worker.stop()
    scans = [x for x in order if x != "refresh"]
    assert scans == [f"scan{i}" for i in range(12)]  # the door's order is kept
    assert 0 < order.index("refresh") < len(order) - 1  # not starved until the burst ended


def test_no_two_areas_define_the_same_use_case() -> None:
    # DoorService is composed of one mixin per area: a name defined twice silently hides one of
    # them (a roster dialog once got the door's participant summary instead of its record).
    owners: dict[str, set[str]] = {}
    for area in DoorService.__mro__[1:]:
        for name in vars(area):
            if not name.startswith("_"):
                owners.setdefault(name, set()).add(area.__name__)
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}
