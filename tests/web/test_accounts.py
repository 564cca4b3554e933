"""Accounts from the command line, token scopes, and the drafts-since feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fenwei.store import Store
from fenwei.web.security import hash_password, token_hash, verify_password
from tests.conftest import run_cli
from tests.web.conftest import Site
from tests.web.test_api import join


def test_user_add_and_token_from_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    r = run_cli("user", "add", "lin", "--role", "koe", "--password", "long-enough", "--db", db)
    assert r.code == 1
    assert "koe 账号需要 --groups。" in r.err
    r = run_cli("user", "add", "lin", "--role", "boss", "--password", "long-enough", "--db", db)
    assert r.code == 1 and "未知角色 boss(应为 admin、koe 或 viewer)。" in r.err
    r = run_cli(
        "user",
        "add",
        "lin",
        "--role",
        "koe",
        "--groups",
        "g-a,g-b",
        "--password",
        "short",
        "--db",
        db,
    )
    assert r.code == 1 and "密码至少 8 个字符。" in r.err
    r = run_cli(
        "user",
        "add",
        "lin",
        "--role",
        "koe",
        "--groups",
        "g-a,g-b",
        "--password",
        "long-enough",
        "--db",
        db,
    )
    assert r.code == 0 and r.out.strip() == "已添加账号 lin(角色:koe)。"
    r = run_cli("user", "token", "lin", "--db", db)
    assert r.code == 0
    token = r.out.strip().splitlines()[-1]
    assert token.startswith("fw_")
    r = run_cli("user", "token", "nobody", "--db", db)
    assert r.code == 1 and "没有账号 nobody。" in r.err
    with Store.open(db) as store:
        account = store.user("lin")
        assert account is not None and account.groups == ("g-a", "g-b")
        assert account.password_hash.startswith("$argon2")
        assert verify_password(account.password_hash, "long-enough")
        row = store.token_by_hash(token_hash(token))
        assert row is not None and row.role == "koe"
        actions = [e["action"] for e in store.audit_entries()]
        assert actions == ["user.token", "user.add"]


def test_a_token_never_acts_beyond_its_owner(site: Site) -> None:
    now = datetime.now(UTC)
    with site.store.begin() as conn:
        site.store.add_token(
            conn, "t-wide", token_hash("fw_wide"), "lin", "admin", ["g-a", "g-b"], now
        )
        site.store.add_token(conn, "t-read", token_hash("fw_read"), "boss", "viewer", ["g-b"], now)
    wide = {"Authorization": "Bearer fw_wide"}
    r = site.client.post("/api/v1/events", headers=wide, json=join("g-b", "u-1", "A"))
    assert r.status_code == 403
    read = {"Authorization": "Bearer fw_read"}
    r = site.client.post("/api/v1/events", headers=read, json=join("g-b", "u-1", "A"))
    assert r.status_code == 403
    site.client.post(
        "/api/v1/events",
        headers=site.auth("boss"),
        json=[join("g-a", "u-1", "A"), join("g-b", "u-2", "B")],
    )
    groups = site.client.get("/api/v1/groups", headers=read).json()["groups"]
    assert [g["group"] for g in groups] == ["g-b"]


def test_drafts_since_a_time_for_connectors(site: Site) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    site.client.post("/api/v1/events", headers=site.auth("lin"), json=join("g-a", "u-1", "阿杰"))
    r = site.client.get(
        "/api/v1/suggestions", headers=site.auth("lin"), params={"since": before.isoformat()}
    )
    assert r.status_code == 200
    (s,) = r.json()["suggestions"]
    assert (s["kind"], s["member"], s["status"]) == ("newcomer", "u-1", "pending")
    later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
    r = site.client.get("/api/v1/suggestions", headers=site.auth("lin"), params={"since": later})
    assert r.json()["suggestions"] == []
    r = site.client.get(
        "/api/v1/suggestions", headers=site.auth("lin"), params={"since": "2026-01-01T00:00:00"}
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "since", "message": "时间缺少时区偏移(如 +08:00 或 Z)"}]


def test_passwords_are_hashed_with_argon2() -> None:
    stored = hash_password("a long password")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "a long password")
    assert not verify_password(stored, "wrong")
    assert not verify_password(None, "anything")


def test_session_cookie_is_httponly_and_samesite_lax(site: Site) -> None:
    site.client.get("/login")
    page = site.client.get("/login")
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    r = site.client.post(
        "/login",
        data={"name": "lin", "password": "correct horse battery", "csrf": csrf},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "fenwei_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_the_session_secret_is_generated_once_and_kept_in_the_store(tmp_path: Path) -> None:
    from fenwei.web.security import secret_key

    with Store.open(str(tmp_path / "s.db")) as store:
        first = secret_key(store, None)
        assert len(first) >= 40 and secret_key(store, None) == first
        assert secret_key(store, "from-env") == "from-env"


def test_serve_refuses_a_bad_config_before_starting(tmp_path: Path) -> None:
    bad = tmp_path / "fenwei.yaml"
    bad.write_text("deadlines:\n  newcomer: soon\n", encoding="utf-8")
    r = run_cli("serve", "--db", str(tmp_path / "x.db"), "--config", str(bad), "--port", "1")
    assert r.code == 1
    assert "deadlines.newcomer" in r.err
