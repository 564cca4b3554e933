"""The pages in a real browser (Playwright on Debian's chromium) against ``fenwei serve``.

The server is the real command on a free port of 127.0.0.1, with accounts
made by ``fenwei user add`` and a token by ``fenwei user token``. Skipped
when chromium or Playwright is missing, except under CI=true, where that fails.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, need, run_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "koe-password-1"
PAGES = ("/", "/inbox", "/groups/g-a", "/tickets", "/settings", "/audit")


@dataclass
class Server:
    url: str
    db: str
    tokens: dict[str, str]

    def api(self, method: str, path: str, who: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Bearer {self.tokens[who]}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve")
    db = str(tmp / "fenwei.db")
    tokens = {}
    for name, role, groups in (("lin", "koe", "g-a"), ("boss", "admin", None)):
        args = ["user", "add", name, "--role", role, "--password", PASSWORD, "--db", db]
        if groups:
            args += ["--groups", groups]
        r = run_cli(*args)
        assert r.code == 0, r.err
        r = run_cli("user", "token", name, "--db", db)
        assert r.code == 0, r.err
        tokens[name] = r.out.strip().splitlines()[-1]
    port = _free_port()
    env = {**os.environ, "FENWEI_SECRET_KEY": "browser-test", "FENWEI_LANG": "zh-CN"}
    log_path = tmp / "serve.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fenwei", "serve", "--db", db, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            log.close()
            pytest.fail(f"fenwei serve did not start: {log_path.read_text()[-2000:]}")
        time.sleep(0.1)
    yield Server(url, db, tokens)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, "chromium not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright not installed")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _login(browser: Any, server: Server, name: str, **page_options: Any) -> Any:
    """A new page (``page_options``: Playwright's, e.g. ``timezone_id``) logged in as ``name``."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, **page_options)
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(server.url + "/inbox")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(server.url + "/inbox")
    return page


def _now() -> str:
    return datetime.now(UTC).isoformat()


def test_koe_sees_a_welcome_arrive_live_edits_approves_and_finds_it_delivered(
    browser: Any, server: Server
) -> None:
    page = _login(browser, server, "lin")
    page.wait_for_selector("#live-state.on")
    assert page.locator("article.card").count() == 0
    status, body = server.api(
        "POST",
        "/api/v1/events",
        "lin",
        {"type": "join", "group": "g-a", "time": _now(), "member": "u-77", "name": "新人阿杰"},
    )
    assert status == 200, body
    card = page.locator("article.card.kind-newcomer")
    card.wait_for(timeout=10_000)  # arrives over server-sent events, no reload
    assert "新人阿杰" in card.locator(".draft").first.inner_text()
    card.locator("details.edit-box summary").first.click()
    edited = "欢迎新人阿杰!群规在群公告里,有问题随时问我。"
    card.locator("textarea[name=text]").fill(edited)
    card.locator("form.edit button[type=submit]").click()
    page.wait_for_selector("article.card.kind-newcomer", state="detached", timeout=10_000)
    status, body = server.api("GET", "/api/v1/outbox", "lin")
    assert status == 200
    (item,) = [i for i in body["items"] if i["kind"] == "newcomer"]
    assert (item["text"], item["status"], item["decided_by"]) == (edited, "edited", "user:lin")
    page.goto(server.url + "/audit")
    row = page.locator("table.audit tr", has_text="修改并通过草稿")
    assert row.count() == 1
    assert "user:lin" in row.inner_text()
    page.close()


def test_audit_times_are_shown_in_the_readers_time_zone(browser: Any, server: Server) -> None:
    status, _ = server.api(
        "POST",
        "/api/v1/events",
        "boss",
        {"type": "join", "group": "g-a", "time": _now(), "member": "u-tz", "name": "时区"},
    )
    assert status == 200
    status, body = server.api("GET", "/api/v1/suggestions?group=g-a", "boss")
    assert status == 200
    (card,) = [c for c in body["cards"] if c["member"] == "u-tz" and c["kind"] == "newcomer"]
    draft = card["suggestions"][0]["id"]
    status, _ = server.api("POST", f"/api/v1/suggestions/{draft}/approve", "boss")
    assert status == 200
    page = _login(browser, server, "boss", timezone_id="Asia/Shanghai", locale="zh-CN")
    page.goto(server.url + "/audit")
    first = page.locator("table.audit time[data-local]").first
    stored = datetime.fromisoformat(first.get_attribute("datetime") or "")
    local = stored.astimezone(timezone(timedelta(hours=8)))
    assert first.inner_text() == local.strftime("%Y-%m-%d %H:%M:%S")
    assert first.get_attribute("title") == stored.strftime("%Y-%m-%d %H:%M:%S") + " UTC"
    page.close()


def test_koe_cannot_see_another_group_and_script_text_stays_text(
    browser: Any, server: Server
) -> None:
    script = "<script>alert('x')</script>"
    for who, group in (("boss", "g-b"), ("lin", "g-a")):
        status, _ = server.api(
            "POST",
            "/api/v1/events",
            who,
            {"type": "join", "group": group, "time": _now(), "member": "u-s", "name": script},
        )
        assert status == 200
    page = _login(browser, server, "lin")
    page.locator("article.card").first.wait_for()
    assert page.locator("a.group", has_text="g-b").count() == 0
    assert page.locator(".card .member", has_text="alert").first.inner_text() == script
    assert page.locator(".context .name", has_text="alert").first.inner_text() == script
    response = page.goto(server.url + "/groups/g-b")
    assert response is not None and response.status == 403
    status, body = server.api("GET", "/api/v1/groups/g-b/atmosphere", "lin")
    assert status == 403 and body["ok"] is False
    page.close()


def test_screenshots_of_every_page_in_both_languages(
    browser: Any, server: Server, tmp_path: Path
) -> None:
    out = Path(os.environ.get("FENWEI_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    page = _login(browser, server, "boss")
    for lang in ("zh-CN", "en"):
        page.goto(server.url + "/")
        page.click(f"form[action='/lang'] button[value='{lang}']")
        for path in PAGES:
            response = page.goto(server.url + path)
            assert response is not None and response.status == 200, (lang, path)
            assert page.locator("html").get_attribute("lang") == lang
            name = (path.strip("/").replace("/", "-") or "overview") + f".{lang}.png"
            page.screenshot(path=str(out / name), full_page=True)
    page.close()
    context = browser.new_context()
    login = context.new_page()
    login.goto(server.url + "/login")
    login.screenshot(path=str(out / "login.zh-CN.png"))
    context.close()
    assert len(list(out.glob("*.png"))) == 2 * len(PAGES) + 1
