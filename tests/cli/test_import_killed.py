"""An import killed with SIGKILL and run again ends with the uninterrupted store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from tests.cli.test_import_cli import dump
from tests.conftest import ROOT, run_cli

CST = timezone(timedelta(hours=8))


def _write_big(path: Path, n: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=CST)
    with path.open("wb") as fh:
        for i in range(n):
            at = (start + timedelta(seconds=i * 7)).isoformat()
            g = f"g-{i % 7}"
            if i % 50 == 0:
                doc = {
                    "type": "join",
                    "group": g,
                    "time": at,
                    "member": f"u-{i}",
                    "name": f"新人{i}",
                }
            else:
                doc = {
                    "type": "message",
                    "group": g,
                    "id": f"m-{i}",
                    "time": at,
                    "member": f"u-{i % 997}",
                    "name": f"成员{i % 997}",
                    "role": "staff" if i % 997 == 1 else "member",
                    "text": f"第 {i} 条消息,今天天气不错[太阳]",
                    "reply_to": None,
                    "mentions": [],
                }
            fh.write(orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE))


def _count(db: str) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_sigkill_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    _write_big(big, 200_000)
    killed, clean = str(tmp_path / "killed.db"), str(tmp_path / "clean.db")

    proc = subprocess.Popen(
        [sys.executable, "-m", "fenwei", "import", str(big), "--db", killed, "--no-analyze"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _count(killed) < 10_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(killed)
    assert 0 < partial < 200_000

    assert run_cli("import", str(big), "--db", killed, "--no-analyze").code == 0
    assert run_cli("import", str(big), "--db", clean, "--no-analyze").code == 0
    assert _count(killed) == 200_000
    assert dump(killed) == dump(clean)
