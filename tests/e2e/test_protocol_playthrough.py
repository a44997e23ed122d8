"""The demo event played through at the protocol desk, by the command line only.

Ministers and lawmakers arrive in a shuffled order, one minister sends a deputy, one lawmaker
leaves; after every step the `kiosk protocol --json` order and states, the MC's introduction
card (read back with pdftotext) and the headcount are checked against an independent model.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain import token
from kiosk.domain.models import CheckIn, Event, Participant

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

PROTOCOL_KEYS = {"id", "name", "title", "organization", "precedence", "state", "arrived_at", "deputy"}
# The demo's order of precedence (resources/demo/roster.csv, 의전순위).
DEMO_ORDER = [
    "김현미", "백운규", "송재호", "조기현", "이형준", "윤준호", "권건우", "이일환", "천슬기", "김지현",
    "길미경", "강정민", "김태섭", "김일환", "정태섭", "석인숙", "주민준", "여혜숙", "박광수", "박성우",
    "여미경",
]  # fmt: skip
DEPUTY = {"name": "한지원", "title": "제2차관", "organization": "국토교통부"}


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_demo_event_protocol_playthrough(run_cli, tmp_path: Path, db) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("demo").code == 0
    listing = run_cli("protocol", "--json")
    assert listing.code == 0, listing.err
    entries = json.loads(listing.out)
    assert [e["name"] for e in entries] == DEMO_ORDER
    assert all(set(e) == PROTOCOL_KEYS for e in entries)
    assert [e["precedence"] for e in entries] == list(range(1, len(DEMO_ORDER) + 1))
    ids = {e["name"]: e["id"] for e in entries}
    people = {e["name"]: e for e in entries}
    with db.session() as session:
        event = session.scalars(select(Event)).one()
        codes = {name: token.issue(event.token_tag, event.signing_secret, pid) for name, pid in ids.items()}
        companions = {p.id: 0 for p in session.scalars(select(Participant))}
    state = {name: "expected" for name in DEMO_ORDER}
    present_people = 0

    def check(step: str) -> None:
        out = json.loads(run_cli("protocol", "--json").out)
        assert [e["name"] for e in out] == DEMO_ORDER, step
        assert {e["name"]: e["state"] for e in out} == state, step
        for e in out:
            assert (e["arrived_at"] is None) == (state[e["name"]] == "expected"), step
            assert (e["deputy"] is not None) == (state[e["name"]] == "deputy_arrived"), step
        status = json.loads(run_cli("status", "--json").out)
        assert status["present"] == present_people, step
        card = tmp_path / f"intro-{step}.pdf"
        made = run_cli("protocol", "intro", "--out", str(card))
        assert made.code == 0, made.err
        text = squash(pdf_text(card))
        here = [n for n in DEMO_ORDER if state[n] in ("arrived", "deputy_arrived")]
        assert f"참석내빈{len(here)}명" in text, step
        position = 0
        for name in here:  # every guest present, in precedence order, with their wording
            person = people[name]
            if state[name] == "deputy_arrived":
                wording = f"{name}{person['title']}을대신하여{DEPUTY['organization']}{DEPUTY['name']}{DEPUTY['title']}님"
            elif person["organization"] == "국회":
                wording = f"{name}{person['title']}님"
            else:
                wording = f"{person['organization']}{name}{person['title']}님"
            found = text.find(wording, position)
            assert found >= 0, (step, wording)
            position = found + len(wording)
        for name in DEMO_ORDER:  # nobody absent is named
            if name not in here:
                assert name not in text, (step, name)

    check("start")
    arrivals = ["김현미", "백운규", "송재호", "조기현", "윤준호", "김지현", "강정민", "정태섭"]
    random.Random(19).shuffle(arrivals)
    for n, name in enumerate(arrivals):
        if name == "김현미":  # the minister sends her vice-minister instead
            result = run_cli("deputy", str(ids[name]), "--name", DEPUTY["name"], "--title", DEPUTY["title"],
                             "--organization", DEPUTY["organization"], "--json")  # fmt: skip
            verdict = json.loads(result.out)
            assert result.code == 0 and verdict["status"] == "ok", result.err
            assert set(verdict) == {"code", "status", "participant", "checked_in_at", "station"}
            assert verdict["participant"]["id"] == ids[name]
            state[name] = "deputy_arrived"
        else:
            result = run_cli("checkin", "--json", codes[name])
            assert result.code == 0, result.err
            state[name] = "arrived"
        present_people += 1 + companions[ids[name]]
        check(f"arrival{n}-{name}")

    # The deputy holds ONE place: the minister's own code and a second deputy are both refused.
    again = run_cli("checkin", "--json", codes["김현미"])
    assert again.code == 1 and json.loads(again.out)["status"] == "already_checked_in"
    second = run_cli("deputy", str(ids["김현미"]), "--name", "다른사람", "--title", "실장", "--json")
    assert second.code == 1 and json.loads(second.out)["status"] == "already_checked_in"
    with db.session() as session:
        rows = session.scalars(select(CheckIn).where(CheckIn.participant_id == ids["김현미"])).all()
        assert len(rows) == 1 and rows[0].deputy_name == DEPUTY["name"]
    check("deputy-once")

    left = run_cli("checkout", "--json", codes["윤준호"])
    assert left.code == 0, left.err
    state["윤준호"] = "left"
    present_people -= 1
    check("left")

    plain = run_cli("protocol")
    assert "김현미 장관 (대리: 한지원 제2차관)" in plain.out
    assert "퇴장" in plain.out


def test_protocol_cli_bad_input(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("demo").code == 0
    bad = run_cli("deputy", "1", "--name", " ", "--title", "차관")
    assert bad.code == 2 and "성명" in bad.err and "Traceback" not in bad.err
    assert json.loads(run_cli("protocol", "--json").out)[0]["state"] == "expected"  # nothing written
    unknown = run_cli("deputy", "99999", "--name", "한지원", "--title", "차관", "--json")
    assert unknown.code == 1 and json.loads(unknown.out)["status"] == "not_found"
    for args in (("protocol", "intro", "--out", str(tmp_path / "card.txt")),
                 ("seating", "--out", str(tmp_path / "missing" / "plan.pdf"))):  # fmt: skip
        result = run_cli(*args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, args


def test_seating_and_name_plates_cli(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("demo").code == 0
    ids = {e["name"]: e["id"] for e in json.loads(run_cli("protocol", "--json").out)}
    assert run_cli("deputy", str(ids["백운규"]), "--name", "한지원", "--title", "차관").code == 0
    plan = tmp_path / "plan.pdf"
    assert run_cli("seating", "--out", str(plan)).code == 0
    text = pdf_text(plan)
    assert "무대" in text and "1열" in text and "2열" in text
    assert "한지원" in text and "(백운규 장관 대리)" in text
    assert "좌석 미배정 1명: 여미경 시장" in text  # 21 ranked guests, 20 default seats
    plates = tmp_path / "plates.pdf"
    assert run_cli("seating", "--out", str(plates), "--nameplates").code == 0
    pages = subprocess.run(["pdfinfo", str(plates)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+20\b", pages)
    plate_text = pdf_text(plates)
    assert "김현미" in plate_text and "장관" in plate_text and "한지원" in plate_text
    assert "백운규" in plate_text  # the deputy's plate names whom they stand in for
    assert "여미경" not in plate_text  # no seat, no plate


def test_order_table_by_cli(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("demo").code == 0
    table = json.loads(run_cli("protocol", "rules").out)
    assert table["host"] == "부산"
    assert [t["label"] for t in table["tiers"]][1:5] == [
        "장관",
        "위원장 (대통령 직속)",
        "국회의원",
        "시·도지사",
    ]
    labels = [t["label"] for t in table["tiers"]]
    vice = table["tiers"].pop(labels.index("차관"))
    table["tiers"].insert(0, vice)
    edited = tmp_path / "rules.json"
    edited.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    assert run_cli("protocol", "rules", "--set", str(edited)).code == 0
    assert run_cli("protocol", "default-order").code == 0
    names = [e["name"] for e in json.loads(run_cli("protocol", "--json").out)]
    assert names[:3] == ["석인숙", "주민준", "김현미"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"tiers": []}', encoding="utf-8")
    refused = run_cli("protocol", "rules", "--set", str(broken))
    assert refused.code == 2 and "비어" in refused.err
    assert json.loads(run_cli("protocol", "rules").out)["tiers"][0]["label"] == "차관"  # unchanged
