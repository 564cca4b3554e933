"""``fenwei analyze``, ``scenarios``, ``inbox`` and ``correct`` on the public scenarios.

These run the engine on the scenarios' gold labels (``--acts``), so they test
the engine, the pipeline and the store apart from the classifier.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _scenario(scenarios_dir: Path, prefix: str) -> tuple[str, str]:
    (events,) = [p for p in scenarios_dir.glob(f"{prefix}*.jsonl") if ".labels." not in p.name]
    return str(events), str(events).replace(".jsonl", ".labels.jsonl")


def test_scenarios_gold_all_pass(scenarios_dir: Path) -> None:
    r = run_cli("scenarios", str(scenarios_dir), "--gold", "--json")
    assert r.code == 0, r.err
    summary = json.loads(r.out)["summary"]
    assert summary["items_passed"] == summary["items"] > 100
    assert summary["scenarios_passed"] == summary["scenarios"] >= 15
    r = run_cli("scenarios", str(scenarios_dir), "--gold")
    assert r.out.splitlines()[-1].startswith(f"场景项通过 {summary['items']}/{summary['items']}")


def test_analyze_json_contract_and_no_leftovers(scenarios_dir: Path, tmp_path: Path) -> None:
    events, labels = _scenario(scenarios_dir, "01-")
    r = run_cli("analyze", events, "--acts", labels, "--json", env={"TMPDIR": str(tmp_path)})
    assert r.code == 0, r.err
    assert list(tmp_path.iterdir()) == []  # the temporary store is gone
    doc = json.loads(r.out)
    (group,) = doc["groups"]
    assert (group["group"], group["messages"], group["members"]) == ("g-chiyuan-sh3", 20, 6)
    assert {s["kind"] for s in doc["situations"]} >= {"newcomer", "open_question"}
    for s in doc["situations"]:
        assert set(s) >= {
            "id",
            "kind",
            "group",
            "member",
            "event",
            "opened_at",
            "due_at",
            "resolved_at",
            "resolved_by",
            "resolution",
            "suggestions",
        }
        for g in s["suggestions"]:
            assert set(g) >= {"action", "to", "text", "status", "created_at"}
    newcomer = next(s for s in doc["situations"] if s["kind"] == "newcomer")
    assert (newcomer["member"], newcomer["resolution"], newcomer["resolved_by"]) == (
        "u-103",
        "community",
        "u-101",
    )
    assert newcomer["opened_at"] == "2026-03-07T09:41:05+08:00"


def test_reanalysis_is_stable(scenarios_dir: Path, sqlite_db: str) -> None:
    events, labels = _scenario(scenarios_dir, "02-")
    first = run_cli("analyze", events, "--acts", labels, "--json", "--db", sqlite_db)
    again = run_cli("analyze", events, "--acts", labels, "--json", "--db", sqlite_db)
    assert first.code == again.code == 0
    assert json.loads(first.out) == json.loads(again.out)


def test_inbox_decisions_are_audited_and_survive_rebuilds(
    scenarios_dir: Path, sqlite_db: str
) -> None:
    events, labels = _scenario(scenarios_dir, "05-")
    assert run_cli("analyze", events, "--acts", labels, "--db", sqlite_db).code == 0
    listing = run_cli("inbox", "--db", sqlite_db)
    assert listing.code == 0 and "收件箱" in listing.out
    cards = json.loads(run_cli("inbox", "list", "--json", "--db", sqlite_db).out)
    card = cards[0]["card"]
    assert card in listing.out
    shown = run_cli("inbox", "show", card, "--db", sqlite_db)
    assert shown.code == 0 and "[0]" in shown.out
    r = run_cli(
        "inbox", "edit", card, "--text", "您好,我私信您跟进", "--db", sqlite_db, "--as", "lin"
    )
    assert r.code == 0, r.err
    assert run_cli("inbox", "approve", card, "--db", sqlite_db, "--as", "lin").code == 0
    assert run_cli("analyze", events, "--acts", labels, "--db", sqlite_db).code == 0
    with sqlite3.connect(sqlite_db) as conn:
        audit = conn.execute("SELECT actor, action FROM audit_log ORDER BY id").fetchall()
        edited = conn.execute(
            "SELECT status, text, updated_by FROM suggestions WHERE id = ?", (f"{card}-0",)
        ).fetchone()
    assert audit[0] == ("cli:lin", "suggestion.edit")
    assert {a for _, a in audit} >= {"suggestion.edit", "suggestion.approve"}
    assert edited == ("edited", "您好,我私信您跟进", "cli:lin")
    r = run_cli("inbox", "approve", "s-nope", "--db", sqlite_db)
    assert r.code == 1 and "收件箱里没有卡片 s-nope" in r.err


def test_correct_reevaluates_at_once(scenarios_dir: Path, sqlite_db: str) -> None:
    events, labels = _scenario(scenarios_dir, "01-")
    run_cli("analyze", events, "--acts", labels, "--db", sqlite_db)

    def open_questions() -> set[str]:
        with sqlite3.connect(sqlite_db) as conn:
            return {
                e
                for (e,) in conn.execute(
                    "SELECT event_id FROM situations WHERE kind = 'open_question'"
                )
            }

    assert "m-10" in open_questions()
    r = run_cli("correct", "m-10", "--act", "chitchat", "--db", sqlite_db, "--as", "lin")
    assert r.code == 0, r.err
    assert "m-10" not in open_questions()
    with sqlite3.connect(sqlite_db) as conn:
        assert conn.execute("SELECT act, by_user FROM corrections").fetchall() == [
            ("chitchat", "cli:lin")
        ]
    r = run_cli("correct", "m-10", "--act", "banter", "--db", sqlite_db)
    assert r.code == 1 and "未知类别 'banter'" in r.err
    r = run_cli("correct", "m-999", "--act", "chitchat", "--db", sqlite_db)
    assert r.code == 1 and "找不到消息 m-999" in r.err


@pytest.mark.parametrize("bad", ["not json\n", '{"id": "m-1", "act": "shouting"}\n'])
def test_bad_acts_file_lines_are_reported(scenarios_dir: Path, tmp_path: Path, bad: str) -> None:
    events, _ = _scenario(scenarios_dir, "01-")
    acts = tmp_path / "acts.jsonl"
    acts.write_text(bad)
    r = run_cli("analyze", events, "--acts", str(acts), "--json", env={"FENWEI_TEST_NO_MODEL": "1"})
    assert f"{acts}:1:" in r.err


IMPORTABLE = [
    "bad_lines.jsonl",
    "importers/telegram/single.json",
    "importers/telegram/full.json",
    "importers/wecom/archive.jsonl",
    "importers/wechat/品牌粉丝群_utf8.csv",
    "importers/wechat/english.csv",
    "importers/wechat/张三_utf8.csv",
    "importers/wechat/pywxdump.csv",
]


@pytest.mark.parametrize("name", IMPORTABLE)
def test_analyze_never_crashes_on_importable_input(name: str) -> None:
    from tests.conftest import ROOT

    r = run_cli("analyze", str(ROOT / "tests" / "data" / name), "--json")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    doc = json.loads(r.out)
    assert doc["groups"], "every fixture holds at least one group"
    for g in doc["groups"]:
        assert 0 <= g["atmosphere"]["index"] <= 100
