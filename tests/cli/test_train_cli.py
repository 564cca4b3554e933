"""Learning from corrections: exact texts at once, a community model by ``fenwei train``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli

CHAT = [
    {
        "type": "message",
        "group": g,
        "id": f"{g}-{i}",
        "time": f"2026-03-01T10:0{i}:00+08:00",
        "member": f"u-{i}",
        "name": f"成员{i}",
        "text": text,
    }
    for g in ("g-a", "g-b")
    for i, text in enumerate(["大家早上好", "团购接龙第三期开始啦", "今天天气不错"])
]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "chat.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in CHAT) + "\n")
    return path


def _acts(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT event_id, act FROM labels"))


def test_a_correction_applies_at_once_to_the_same_text_elsewhere(
    tmp_path: Path, sqlite_db: str
) -> None:
    assert run_cli("import", str(_write(tmp_path)), "--db", sqlite_db).code == 0
    r = run_cli("correct", "g-a-1", "--act", "share", "--db", sqlite_db, "--as", "lin")
    assert r.code == 0, r.err
    acts = _acts(sqlite_db)
    assert acts["g-a-1"] == acts["g-b-1"] == "share"


def test_train_folds_corrections_into_a_community_model(
    tmp_path: Path, sqlite_db: str, shared: Path
) -> None:
    assert run_cli("import", str(_write(tmp_path)), "--db", sqlite_db).code == 0
    r = run_cli("train", "--db", sqlite_db, "--out", str(tmp_path / "model"))
    assert r.code == 1 and "还没有任何纠正" in r.err
    run_cli("correct", "g-a-1", "--act", "share", "--db", sqlite_db)
    r = run_cli(
        "train",
        "--db",
        sqlite_db,
        "--out",
        str(tmp_path / "model"),
        env={"FENWEI_SHARED": str(shared)},
    )
    assert r.code == 0, r.err
    assert (tmp_path / "model" / "act.ftz").is_file()
    with sqlite3.connect(sqlite_db) as conn:
        (folder,) = conn.execute(
            "SELECT value FROM web_settings WHERE key = 'classifier.model_dir'"
        ).fetchone()
        actions = [a for (a,) in conn.execute("SELECT action FROM audit_log")]
    assert folder == str((tmp_path / "model").resolve())
    assert "model.train" in actions
    assert _acts(sqlite_db)["g-b-1"] == "share"
