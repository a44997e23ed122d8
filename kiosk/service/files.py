"""Event files before any door service exists: the welcome screen and the File menu create,
check and copy whole files here (plain functions; no session is opened by a widget)."""

from __future__ import annotations

from pathlib import Path

from kiosk.storage.event_files import EventFileInfo, create_event_file, new_event_path, probe_event_file

__all__ = ["EventFileInfo", "create_demo_file", "create_event_file", "new_event_path", "probe_event_file"]


def create_demo_file(path: Path) -> Path:
    """The demo event (the 2017 conference) in a new file, unless the file is there already."""
    if Path(path).exists():
        return Path(path)
    from kiosk.domain.demo import load_demo
    from kiosk.storage import migrate
    from kiosk.storage.engine import Database

    db = Database.open(str(path))
    try:
        migrate.upgrade(db)
        with db.write() as session:
            load_demo(session)
    finally:
        db.dispose()
    return Path(path)


