"""``fenwei import`` / ``export`` / ``stats`` as a user runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import ROOT, run_cli

BAD = ROOT / "tests" / "data" / "bad_lines.jsonl"


def test_bad_lines_are_reported_and_good_lines_stored(sqlite_db: str) -> None:
    r = run_cli("import", str(BAD), "--db", sqlite_db, "--no-analyze")
    assert r.code == 0, r.err
    p = str(BAD)
    assert r.err.splitlines() == [
        f"{p}:2: 不是有效的 JSON(JSON is malformed: invalid character (byte 125))",
        f"{p}:3: id: 缺少必填字段",
        f"{p}:4: member: 缺少必填字段",
        f"{p}:5: type: 未知的事件类型 'poke'(应为 message、join、leave、recall 或 edit)",
        f"{p}:6: time: 时间缺少时区偏移(如 +08:00 或 Z)",
        f"{p}:9: role: 取值无效(Invalid enum value 'boss')",
    ]
    assert f"{p}(jsonl):新导入 3 条,跳过 6 条有问题的行,0 条已存在。" in r.out
    with sqlite3.connect(sqlite_db) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM events ORDER BY seq")]
    assert keys[0] == "m:m-1" and keys[1].startswith("j:u-77:") and keys[2].startswith("l:u-77:")


def test_english_messages(sqlite_db: str) -> None:
    r = run_cli("--lang", "en", "import", str(BAD), "--db", sqlite_db, "--no-analyze")
    assert f"{BAD}:6: time: time has no offset (such as +08:00 or Z)" in r.err.splitlines()
    assert "3 imported, 6 bad lines skipped, 0 already present." in r.out


def test_strict_stores_nothing_and_exits_1(sqlite_db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(BAD.read_text().splitlines()[0] + "\n")
    assert run_cli("import", str(good), "--db", sqlite_db, "--no-analyze").code == 0
    r = run_cli("import", str(BAD), "--db", sqlite_db, "--strict", "--no-analyze")
    assert r.code == 1
    assert f"{BAD}: 严格模式下发现 6 行有问题,本文件未导入任何内容" in r.err
    with sqlite3.connect(sqlite_db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_reimport_adds_nothing(sqlite_db: str) -> None:
    run_cli("import", str(BAD), "--db", sqlite_db, "--no-analyze")
    r = run_cli("import", str(BAD), "--db", sqlite_db, "--no-analyze")
    assert "新导入 0 条,跳过 6 条有问题的行,3 条已存在。" in r.out


def test_unknown_format_and_missing_file(sqlite_db: str, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello\nworld\n")
    r = run_cli("import", str(text), "--db", sqlite_db)
    assert r.code == 1
    assert r.err.strip().startswith(f"错误:{text}: 无法识别文件格式")
    assert "Traceback" not in r.err
    r = run_cli("import", str(tmp_path / "nope.jsonl"), "--db", sqlite_db)
    assert r.code == 1 and "Traceback" not in r.err and "nope.jsonl" in r.err
    r = run_cli("import", str(text), "--db", sqlite_db, "--format", "excel")
    assert r.code == 1 and "未知格式 excel" in r.err


def test_bad_options(sqlite_db: str) -> None:
    r = run_cli("import", str(BAD), "--db", sqlite_db, "--tz", "Mars/Base")
    assert r.code == 1 and "未知时区 'Mars/Base'" in r.err
    r = run_cli("export", "--db", sqlite_db, "--since", "yesterday")
    assert r.code == 1 and "无法识别的时间 'yesterday'" in r.err


def test_import_export_import_is_identical(scenarios_dir: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in scenarios_dir.glob("*.jsonl") if ".labels." not in p.name)
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    assert run_cli("import", *files, "--db", first, "--no-analyze").code == 0
    exported = tmp_path / "out.jsonl"
    r = run_cli("export", "--db", first, "--out", str(exported))
    assert r.code == 0, r.err
    assert run_cli("import", str(exported), "--db", second, "--no-analyze").code == 0
    again = tmp_path / "again.jsonl"
    run_cli("export", "--db", second, "--out", str(again))
    assert exported.read_bytes() == again.read_bytes()
    assert dump(first) == dump(second)


def dump(db: str) -> dict[str, list[tuple[object, ...]]]:
    """A store's content, without the surrogate sequence numbers."""
    with sqlite3.connect(db) as conn:
        return {
            "groups": conn.execute("SELECT * FROM groups ORDER BY 1").fetchall(),
            "members": conn.execute("SELECT * FROM members ORDER BY 1, 2").fetchall(),
            "events": conn.execute(
                "SELECT group_id, key, type, event_id, member_id, at_us, tz_offset, name, role,"
                " text, reply_to, mentions, by_member FROM events ORDER BY group_id, key"
            ).fetchall(),
        }


def test_stats(sqlite_db: str) -> None:
    run_cli("import", str(BAD), "--db", sqlite_db, "--no-analyze")
    r = run_cli("stats", "--db", sqlite_db, "--json")
    assert r.code == 0
    import json

    (g,) = json.loads(r.out)
    assert (g["group"], g["members"], g["messages"], g["joins"], g["leaves"]) == ("g-1", 2, 1, 1, 1)
    assert g["messages_per_day"] == {"2026-03-01": 1}
    r = run_cli("stats", "--db", sqlite_db)
    assert "g-1" in r.out and "群统计" in r.out


def test_every_command_has_help() -> None:
    for cmd in ("import", "export", "stats"):
        r = run_cli(cmd, "--help")
        assert r.code == 0 and "Usage" in r.out
    r = run_cli("--lang", "en", "import", "--help")
    assert "Import chat history" in r.out


def test_config_check_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "fenwei.yaml"
    good.write_text("groups:\n  g-1:\n    staff: [u-9]\n    deadlines: {newcomer: 5m}\n")
    r = run_cli("config", "check", str(good))
    assert r.code == 0 and "newcomer: 5m" in r.out
    bad = tmp_path / "bad.yaml"
    bad.write_text("groups:\n  g-1:\n    deadlines: {newcomer: soon}\n")
    r = run_cli("config", "check", str(bad))
    assert r.code == 1
    assert f"{bad}: groups.g-1.deadlines.newcomer:" in r.err and "'soon'" in r.err


def test_config_export_of_an_empty_store(sqlite_db: str) -> None:
    r = run_cli("config", "export", "--db", sqlite_db)
    assert r.code == 0 and r.out.strip() == "{}"
