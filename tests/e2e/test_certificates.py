"""Certificates of attendance (issue 18): only for those who came, serials never reused, the code
verified genuine, tampered and foreign; the PDF read back as text, fonts and QR pictures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import delete, func, select

from kiosk.domain.certificates import issue_certificates
from kiosk.domain.demo import load_demo
from kiosk.domain.models import CertificateSerial, CheckIn, CheckInMethod, Participant
from kiosk.scan.decoders import gray_from_pil, make_decoder
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from tests.event_day import DOORS_OPEN, WALK_INS, fill_event_day

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
CODE = re.compile(r"KC-[0-9A-Z]{4}-\d{6}(?:-[0-9A-Z]{5}){4}")


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in out.split("\f") if p.strip()]


@pytest.fixture
def came(db: Database, demo_event_id: int) -> dict[str, int]:
    return fill_event_day(db, demo_event_id)


def test_one_page_per_person_who_came_walk_ins_included_no_shows_never(
    run_cli, db: Database, demo_event_id: int, came: dict[str, int], tmp_path: Path
) -> None:
    with db.write() as session:  # a check-in undone at the desk is no attendance
        mistaken = session.scalars(
            select(Participant).where(Participant.event_id == demo_event_id, ~Participant.check_ins.any())
        ).first()
        session.add(CheckIn(event_id=demo_event_id, participant_id=mistaken.id, station="입구1",
                            method=CheckInMethod.MANUAL, checked_in_at=DOORS_OPEN, undone_at=DOORS_OPEN,
                            undo_reason="동명이인"))  # fmt: skip
        mistaken_name = mistaken.name
        checked = session.scalars(select(CheckIn).where(CheckIn.event_id == demo_event_id)).all()
        leaving = next(c for c in checked if c.undone_at is None and c.participant_id == 10)
        leaving.checked_out_at = DOORS_OPEN + timedelta(hours=3, minutes=7)
    out = tmp_path / "certificates.pdf"
    result = run_cli("certificates", "--out", str(out))
    assert result.code == 0, result.err
    pages = _pages(out)
    assert len(pages) == came["arrived"] == 156
    names = [re.search(r"성명\s+(\S+)", p).group(1) for p in pages]
    with db.session() as session:
        no_shows = session.scalars(
            select(Participant.name).where(
                Participant.event_id == demo_event_id, ~Participant.check_ins.any(CheckIn.undone_at.is_(None))
            )
        ).all()
        person10 = session.get(Participant, 10).name
    assert len(no_shows) == 183 + WALK_INS - 156
    assert mistaken_name in no_shows and mistaken_name not in names
    assert not set(no_shows) & set(names)
    assert sum(n.startswith("현장손님") for n in names) == WALK_INS
    page10 = next(p for p in pages if re.search(rf"성명\s+{person10}\b", p))
    assert "도착 시각" in page10 and "퇴장 시각" in page10 and "16:" in page10.split("퇴장 시각")[1][:40]
    serials = [int(re.search(r"제 2017-(\d{4}) 호", p).group(1)) for p in pages]
    assert sorted(serials) == list(range(1, 157))
    assert all("재발급" not in p for p in pages)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "cert")], check=True
    )


def test_reissue_keeps_the_number_marked_and_numbers_are_never_reused(
    run_cli, db: Database, demo_event_id: int, came: dict[str, int], tmp_path: Path
) -> None:
    assert run_cli("certificates", "--out", str(tmp_path / "first")).code == 0
    files = sorted((tmp_path / "first").glob("*.pdf"))
    assert len(files) == 156
    again = run_cli("certificates", "--out", str(tmp_path / "one.pdf"), "--participant", "7")
    assert again.code == 0 and "재발급 1" in again.out
    (page,) = _pages(tmp_path / "one.pdf")
    first = next(f for f in files if re.search(r"성명\s+(\S+)", _pages(f)[0]).group(1) in page)
    assert re.search(r"제 (\S+) 호", page).group(1) == re.search(r"제 (\S+) 호", _pages(first)[0]).group(1)
    assert "재발급" in page
    # A newcomer gets 157; remove them, and the next newcomer gets 158, never 157 again.
    for name in ("늦은손님", "더늦은손님"):
        with db.write() as session:
            person = Participant(event_id=demo_event_id, name=name, is_walk_in=True)
            session.add(person)
            session.flush()
            session.add(CheckIn(event_id=demo_event_id, participant_id=person.id, station="입구2",
                                method=CheckInMethod.WALK_IN, checked_in_at=DOORS_OPEN))  # fmt: skip
            pid = person.id
        result = run_cli("certificates", "--out", str(tmp_path / f"{name}.pdf"), "--participant", str(pid))
        assert result.code == 0, result.err
        with db.write() as session:
            session.execute(delete(Participant).where(Participant.id == pid))  # check-ins cascade
    assert "제 2017-0157 호" in _pages(tmp_path / "늦은손님.pdf")[0]
    assert "제 2017-0158 호" in _pages(tmp_path / "더늦은손님.pdf")[0]
    with db.session() as session:
        assert session.scalar(select(func.count(CertificateSerial.id))) == 158


def test_no_show_gets_none_and_nothing_changes(
    run_cli, db: Database, demo_event_id: int, came, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with db.session() as session:
        no_show = session.scalars(
            select(Participant.id).where(Participant.event_id == demo_event_id, ~Participant.check_ins.any())
        ).first()
    result = run_cli("certificates", "--out", str(tmp_path / "x.pdf"), "--participant", str(no_show))
    assert result.code == 2 and "참석 기록이 없어" in result.err and len(result.err.strip().splitlines()) == 1
    for args in (("--out", str(tmp_path / "x.txt")), ("--participant", "1"), ("--out", str(tmp_path / "x.pdf"),
                 "--participant", "999999")):  # fmt: skip
        assert run_cli("certificates", *args).code == 2
    assert not list(tmp_path.glob("x*"))
    with db.session() as session:
        assert session.scalar(select(func.count(CertificateSerial.id))) == 0


def _codes_from_qr(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "q")], check=True)
    decoder = make_decoder(None)
    codes = []
    for png in sorted(tmp_path.glob("q-*.png")):
        with Image.open(png) as page:
            w, h = page.size
            box = page.crop((0, int(h * 0.78), w, h))  # the verification box at the foot
            codes += decoder.decode_gray(gray_from_pil(box.convert("L")))
    return codes


def test_verify_genuine_tampered_and_another_events_code(
    run_cli, db: Database, demo_event_id: int, came, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with db.write() as session:
        ids = [c.participant_id for c in issue_certificates(session, demo_event_id)][:3]
    pdfs = []
    for pid in ids:
        pdf = tmp_path / f"{pid}.pdf"
        assert run_cli("certificates", "--out", str(pdf), "--participant", str(pid)).code == 0
        pdfs.append(pdf)
    printed = [CODE.search(_pages(p)[0]).group(0) for p in pdfs]
    scanned = []
    for pdf in pdfs:
        (tmp_path / pdf.stem).mkdir()
        scanned += _codes_from_qr(pdf, tmp_path / pdf.stem)
    assert scanned == printed  # the QR holds exactly the printed text
    genuine = run_cli("certificates", "verify", printed[0])
    assert genuine.code == 0
    body = json.loads(genuine.out)
    assert set(body) == {"valid", "serial", "name", "event", "attended_at"}
    with db.session() as session:
        person = session.get(Participant, ids[0])
    assert (
        body["valid"] is True and body["name"] == person.name and body["event"] == "혁신도시 시즌2 콘퍼런스"
    )
    assert body["attended_at"].startswith("2017-11-2") and body["attended_at"].endswith("+09:00")
    assert re.fullmatch(r"2017-\d{4}", body["serial"])
    typed = run_cli("certificates", "verify", printed[0].lower().replace("-", " - ", 1))
    assert json.loads(typed.out)["valid"] is True  # case and spaces as a person types them
    code = printed[0]
    tampered = [
        code[:-1] + ("0" if code[-1] != "0" else "1"),  # one character of the signature
        code[:8] + f"{int(code[8:14]) + 1:06d}" + code[14:],  # another person's serial, same signature
        code[:-1],  # cut short
        "KC-AAAA-000001-AAAAA-AAAAA-AAAAA-AAAAA",
    ]
    # Separators are not part of the code: spaces, no hyphens, an en dash all read the same code.
    for variant in (code.replace("-", " "), code.replace("-", ""), code.replace("-", "\u2013"), code.replace("-", "", 1)):
        assert json.loads(run_cli("certificates", "verify", variant).out)["valid"] is True, variant
    for bad in tampered:
        result = run_cli("certificates", "verify", bad)
        assert result.code == 1, bad
        assert json.loads(result.out) == {"valid": False, "serial": None, "name": None, "event": None,
                                          "attended_at": None}  # fmt: skip
    # Another event (its own database, tag and secret): its genuine code is not valid here.
    other = Database.open(tmp_path / "other.db")
    migrate.upgrade(other)
    with other.write() as session:
        other_id = load_demo(session).id
    fill_event_day(other, other_id, arrivals=3)
    with other.write() as session:
        foreign = issue_certificates(session, other_id)[0].code
    other.dispose()
    assert run_cli("certificates", "verify", foreign, db=tmp_path / "other.db").code == 0
    refused = run_cli("certificates", "verify", foreign)
    assert refused.code == 1 and json.loads(refused.out)["valid"] is False


def test_unwritable_target_takes_no_serial(
    run_cli, db: Database, demo_event_id: int, came, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    for target in (blocked / "sub", blocked / "c.pdf"):
        result = run_cli("certificates", "--out", str(target))
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    with db.session() as session:
        assert session.scalar(select(func.count(CertificateSerial.id))) == 0


def test_hostile_names_render_whole_pages(run_cli, db: Database, demo_event_id: int, tmp_path: Path) -> None:
    """Formulas, control characters, 300-character names and organisations, emoji: one page each,
    nothing spills off the page, and the badges take them too."""
    hostile = [
        ('=HYPERLINK("http://evil.example")' * 4, "+cmd|' /C calc'!A0"),
        ("김" * 300, "한국" * 150),
        ("이\n름\t\x0b탭", "조직\r\n줄바꿈"),
        ("🎉🎉 파티 🎉", "😀" * 40),
    ]
    with db.write() as session:
        for name, org in hostile:
            person = Participant(event_id=demo_event_id, name=name, organization=org, title="직" * 80)
            session.add(person)
            session.flush()
            session.add(CheckIn(event_id=demo_event_id, participant_id=person.id, station="s",
                                method=CheckInMethod.MANUAL, checked_in_at=DOORS_OPEN))  # fmt: skip
    out = tmp_path / "c.pdf"
    assert run_cli("certificates", "--out", str(out)).code == 0
    assert len(_pages(out)) == 4
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert (
        max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)) < 595.3 - 12 / 25.4 * 72
    )  # inside the frame
    assert run_cli("certificates", "--out", str(tmp_path / "dir")).code == 0
    assert len(list((tmp_path / "dir").glob("*.pdf"))) == 4
    badges = tmp_path / "b.pdf"
    assert run_cli("badges", "--out", str(badges), "--layout", "single").code == 0
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(badges), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)) < 311.8
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(out), str(tmp_path / "h")], check=True
    )


def test_control_characters_in_a_name_stay_on_one_line(db: Database, demo_event_id: int) -> None:
    from kiosk.documents.paint import flat

    assert flat("이\n름\t\x0b탭\r\n") == "이 름 탭"


def test_a_principal_who_sent_a_deputy_gets_no_certificate(run_cli, db: Database, demo_event_id: int) -> None:
    """Old code: the minister who sent a vice-minister got a signed certificate saying the
    minister attended (and `certificates verify` said valid)."""
    from kiosk.domain.checkin import CheckInDesk
    from kiosk.domain.protocol import check_in_deputy

    with db.session() as session:
        minister = session.scalars(select(Participant).where(
            Participant.event_id == demo_event_id, Participant.title == "장관")).first()  # fmt: skip
        present = session.scalars(select(Participant).where(
            Participant.event_id == demo_event_id, Participant.id != minister.id)).first()  # fmt: skip
    desk = CheckInDesk(db, demo_event_id)
    assert check_in_deputy(desk, minister.id, "한지원", "제2차관", station="입구1").ok
    assert desk.check_in_participant(present.id, station="입구1").ok
    with db.write() as session:
        issued = {c.participant_id for c in issue_certificates(session, demo_event_id)}
    assert issued == {present.id}
    refused = run_cli("certificates", "--out", "unused.pdf", "--participant", str(minister.id))
    assert refused.code == 2 and "대리 참석" in refused.err
