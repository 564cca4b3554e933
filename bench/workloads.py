"""Timed workloads, each run in its own process pinned to one core by run.py.

Usage: python bench/workloads.py NAME INPUT WORKDIR  → prints JSON {"seconds", "events"}
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

import orjson


def import_floor(src: Path, work: Path) -> dict[str, float]:
    """The floor: orjson parsing of the same lines + sqlite3 executemany into a bare table."""
    db = work / "floor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE events (type TEXT, grp TEXT, id TEXT, time TEXT, member TEXT, name TEXT,"
        " role TEXT, text TEXT, reply_to TEXT, mentions TEXT)"
    )
    rows = []
    n = 0
    with src.open("rb") as fh:
        for line in fh:
            d = orjson.loads(line)
            m = d.get("mentions")
            rows.append((d["type"], d["group"], d.get("id"), d["time"], d.get("member"),
                         d.get("name"), d.get("role"), d.get("text"), d.get("reply_to"),
                         orjson.dumps(m).decode() if m else None))
            if len(rows) >= 5000:
                conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
                conn.commit()
                n += len(rows)
                rows.clear()
    conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    n += len(rows)
    conn.close()
    return {"seconds": time.perf_counter() - t0, "events": n}


def import_fenwei(src: Path, work: Path) -> dict[str, float]:
    """fenwei's import (JSONL → SQLite store, no analysis), as `fenwei import --no-analyze`."""
    from fenwei.pipeline import import_file
    from fenwei.store import Store

    db = work / "fenwei.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store.open(str(db)) as store:
        summary = import_file(store, src)
    return {"seconds": time.perf_counter() - t0, "events": summary.imported}


WORKLOADS = {"import_floor": import_floor, "import_fenwei": import_fenwei}

if __name__ == "__main__":
    name, src, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(WORKLOADS[name](src, work)))
