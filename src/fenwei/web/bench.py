"""Latency of the live path: ``python -m fenwei.web.bench [--rate 200] [--seconds 60]``.

Starts ``fenwei serve`` on a fresh SQLite store, replays the demo community's
events re-timed to now at ``rate`` events per second (one ``POST /events``
each, in time order), and for every join measures the time from the POST's
response to the first API read (polled every 5 ms) that returns the
newcomer's welcome draft. Prints p50/p99 and the error count as JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

POLL = 0.005
GIVE_UP = 10.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _events(count: int, rate: float, seed: int) -> list[dict[str, Any]]:
    import msgspec

    from fenwei.demo import generate

    events = sorted(generate(seed), key=lambda e: e.at)[:count]
    start = datetime.now(UTC) + timedelta(seconds=2)
    return [
        msgspec.structs.replace(e, at=start + timedelta(seconds=i / rate)).to_dict()
        for i, e in enumerate(events)
    ]


def _token(db: str) -> str:
    from fenwei.store import Store
    from fenwei.web.security import hash_password, new_token

    now = datetime.now(UTC)
    token, token_id, digest = new_token()
    with Store.open(db) as store, store.begin() as conn:
        store.save_user(conn, "bench", hash_password("bench-password"), "admin", None, now)
        store.add_token(conn, token_id, digest, "bench", "admin", None, now)
    return token


class _Client(threading.local):
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, Any]:
        self.conn.request(method, path, body=body, headers=self.headers)
        r = self.conn.getresponse()
        return r.status, json.loads(r.read() or b"null")


def run(rate: float, seconds: float, seed: int = 1) -> dict[str, Any]:
    tmp = tempfile.mkdtemp(prefix="fenwei-bench-")
    db = str(Path(tmp) / "bench.db")
    token = _token(db)
    port = _free_port()
    log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "fenwei", "serve", "--db", db, "--port", str(port)],
        env={**os.environ, "FENWEI_SECRET_KEY": "bench"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(port)
        events = _events(int(rate * seconds), rate, seed)
        return _drive(port, token, events, rate)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _wait(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("fenwei serve did not start")


def _drive(port: int, token: str, events: list[dict[str, Any]], rate: float) -> dict[str, Any]:
    sender = _Client(port, token)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    local_client: dict[int, _Client] = {}

    def poll(e: dict[str, Any], posted: float) -> None:
        client = local_client.setdefault(threading.get_ident(), _Client(port, token))
        path = (
            f"/api/v1/suggestions?group={quote(e['group'])}&since={quote(e['time'])}"
            "&status=any&limit=1000"
        )
        while time.perf_counter() - posted < GIVE_UP:
            status, body = client.call("GET", path)
            if status != 200:
                with lock:
                    errors.append(f"GET {status}")
                return
            # one welcome greets a burst of joiners: it names each of them
            name = e.get("name") or "\0"
            if any(
                s["kind"] == "newcomer" and (s["member"] == e["member"] or name in s["text"])
                for s in body["suggestions"]
            ):
                with lock:
                    latencies.append(time.perf_counter() - posted)
                return
            time.sleep(POLL)
        with lock:
            errors.append(f"no welcome for {e['member']} in {e['group']}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=16) as pool:
        for i, e in enumerate(events):
            wait = started + i / rate - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            status, body = sender.call("POST", "/api/v1/events", json.dumps(e).encode())
            posted = time.perf_counter()
            if status != 200:
                errors.append(f"POST {status}: {body}")
                continue
            if e["type"] == "join":
                pool.submit(poll, e, posted)
    elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "events": len(events),
        "seconds": round(elapsed, 1),
        "rate": round(len(events) / elapsed, 1),
        "joins": len(ms),
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1) if ms else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.rate, args.seconds, args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
