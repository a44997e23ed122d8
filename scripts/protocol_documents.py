"""Render the protocol documents of the demo event to PNG for the README (docs/screenshots).

    .venv/bin/python scripts/protocol_documents.py [OUT_DIR]

A fresh demo database; ministers, the committee chair and lawmakers arrive, one minister sends a
deputy; then the MC's card, the seating plan and one name plate are written as PDF by the same
functions the CLI uses, and pdftoppm renders each first page to fit 1366×768.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.demo import load_demo
from kiosk.domain.protocol import check_in_deputy, protocol_list
from kiosk.report.protocol_pdf import issue_intro_card, issue_seating
from kiosk.storage import migrate
from kiosk.storage.engine import Database


def main(out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-protocol-"))
    db = Database.open(work / "demo.db")
    migrate.upgrade(db)
    with db.write() as session:
        event_id = load_demo(session).id
    with db.session() as session:
        ids = {e.name: e.id for e in protocol_list(session, event_id)}
    desk = CheckInDesk(db, event_id)
    for name in ("송재호", "조기현", "윤준호", "백운규", "김지현", "여혜숙", "강정민"):
        desk.check_in_participant(ids[name], "정문-1")
    check_in_deputy(desk, ids["김현미"], "한지원", "제2차관", "국토교통부", station="의전")
    out.mkdir(parents=True, exist_ok=True)
    documents = {
        "protocol-intro-card": lambda p: issue_intro_card(db, event_id, p),
        "protocol-seating-plan": lambda p: issue_seating(db, event_id, p),
        "protocol-name-plate": lambda p: issue_seating(db, event_id, p, nameplates=True),
    }
    for stem, write in documents.items():
        pdf = work / f"{stem}.pdf"
        write(pdf)
        # Fit 1366×768: landscape pages by height, the portrait card by height too.
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to-x", "-1",
                        "-scale-to-y", "768", str(pdf), str(out / stem)], check=True)  # fmt: skip
        print(out / f"{stem}.png")
    db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
