"""How long the paperwork takes for the demo event: 189 badges (183 invitees and 6 walk-ins, A4 sheets of 8) and 156
certificates of attendance, from the database to the PDF (issue 18).

Timings are recorded, never asserted (the machine is shared). Run as a script to print them:
    .venv/bin/python tests/benchmarks/test_documents_bench.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.documents.badge_sheet import write_badges_pdf  # noqa: E402
from kiosk.documents.badges import LAYOUTS, badge_data_of  # noqa: E402
from kiosk.documents.certificates import write_certificates  # noqa: E402
from kiosk.domain.badges import badge_roster  # noqa: E402
from kiosk.domain.certificates import issue_certificates  # noqa: E402
from kiosk.domain.demo import load_demo  # noqa: E402
from kiosk.domain.models import Event  # noqa: E402
from kiosk.report.pdf import ensure_gui_application  # noqa: E402
from kiosk.storage import migrate  # noqa: E402
from kiosk.storage.engine import Database  # noqa: E402
from tests.event_day import fill_event_day  # noqa: E402


def _event(folder: Path) -> tuple[Database, int]:
    db = Database.open(folder / "kiosk.db")
    migrate.upgrade(db)
    with db.write() as session:
        event_id = load_demo(session).id
    fill_event_day(db, event_id)
    return db, event_id


def make_badges(db: Database, event_id: int, out: Path) -> int:
    with db.session() as session:
        event = session.get(Event, event_id)
        items = [badge_data_of(p, event) for p in badge_roster(session, event_id)]
    write_badges_pdf(items, out, LAYOUTS["a4-8"], "badges")
    return len(items)


def make_certificates(db: Database, event_id: int, out: Path) -> int:
    with db.write() as session:
        issued = issue_certificates(session, event_id)
    write_certificates(issued, out)
    return len(issued)


@pytest.fixture(scope="module")
def event(tmp_path_factory) -> tuple[Database, int]:  # type: ignore[no-untyped-def]
    ensure_gui_application()
    db, event_id = _event(tmp_path_factory.mktemp("documents"))
    yield db, event_id
    db.dispose()


def test_badges_189_on_a4_sheets(benchmark, event, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event_id = event
    count = benchmark.pedantic(
        lambda: make_badges(db, event_id, tmp_path / "badges.pdf"), rounds=2, warmup_rounds=1
    )
    assert count == 189  # 183 invited and 6 walk-ins
    benchmark.extra_info["badges"] = count


def test_certificates_156_in_one_pdf(benchmark, event, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event_id = event
    count = benchmark.pedantic(
        lambda: make_certificates(db, event_id, tmp_path / "certificates.pdf"), rounds=2, warmup_rounds=1
    )
    assert count == 156
    benchmark.extra_info["certificates"] = count


def main() -> None:
    import tempfile

    ensure_gui_application()
    with tempfile.TemporaryDirectory() as folder:
        db, event_id = _event(Path(folder))
        for name, job, out in (
            ("badges", make_badges, "b.pdf"),
            ("certificates", make_certificates, "c.pdf"),
        ):
            job(db, event_id, Path(folder) / out)  # warm-up
            wall, cpu = time.perf_counter(), time.process_time()
            count = job(db, event_id, Path(folder) / out)
            print(
                f"{name}: {count} in {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s cpu"
            )
        db.dispose()


if __name__ == "__main__":
    main()
