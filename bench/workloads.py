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
            rows.append(
                (
                    d["type"],
                    d["group"],
                    d.get("id"),
                    d["time"],
                    d.get("member"),
                    d.get("name"),
                    d.get("role"),
                    d.get("text"),
                    d.get("reply_to"),
                    orjson.dumps(m).decode() if m else None,
                )
            )
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


def _messages(src: Path) -> list[tuple[str, str | None, str | None]]:
    """The demo's messages as (text, role, replied-to text), in file order."""
    texts: dict[tuple[str, str], str] = {}
    out: list[tuple[str, str | None, str | None]] = []
    with src.open("rb") as fh:
        for line in fh:
            d = orjson.loads(line)
            if d["type"] != "message":
                continue
            texts[(d["group"], d["id"])] = d.get("text") or ""
            reply = d.get("reply_to")
            out.append(
                (
                    d.get("text") or "",
                    d.get("role"),
                    texts.get((d["group"], reply)) if reply else None,
                )
            )
    return out


def classify_fenwei(src: Path, work: Path) -> dict[str, float]:
    """fenwei's classifier (act, sentiment, toxicity) over every demo message."""
    from fenwei.classify import Classifier

    items = _messages(src)
    classifier = Classifier.load()
    classifier.classify_batch(items[:100])  # load lazily built parts before timing
    t0 = time.perf_counter()
    classifier.classify_batch(items)
    return {"seconds": time.perf_counter() - t0, "events": len(items)}


def classify_snownlp(src: Path, work: Path) -> dict[str, float]:
    """SnowNLP's sentiment (``SnowNLP(text).sentiments``) on 2,000 of the same messages."""
    from snownlp import SnowNLP

    items = [text for text, _, _ in _messages(src) if text.strip()][:2000]
    SnowNLP("预热一下").sentiments  # noqa: B018 - load its model before timing
    t0 = time.perf_counter()
    for text in items:
        SnowNLP(text).sentiments  # noqa: B018
    return {"seconds": time.perf_counter() - t0, "events": len(items)}


def analyze_fenwei(src: Path, work: Path) -> dict[str, float]:
    """End to end: import + classify + situations + store, as `fenwei import`."""
    import resource

    from fenwei.pipeline import import_file
    from fenwei.pipeline.analysis import analyze_store, store_classifier
    from fenwei.store import Store

    db = work / "analyze.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store.open(str(db)) as store:
        summary = import_file(store, src)
        analyze_store(
            store, classify=store_classifier(store), group_ids=sorted(summary.groups), collect=False
        )
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "events": summary.imported, "rss_mb": rss_mb}


WORKLOADS = {
    "import_floor": import_floor,
    "import_fenwei": import_fenwei,
    "classify_fenwei": classify_fenwei,
    "classify_snownlp": classify_snownlp,
    "analyze_fenwei": analyze_fenwei,
}

if __name__ == "__main__":
    name, src, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(WORKLOADS[name](src, work)))
