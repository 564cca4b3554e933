"""Fixtures for the web app: a store with accounts and tokens, a TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from fenwei.config.community import CommunityConfig
from fenwei.config.settings import Settings
from fenwei.model import Act, Label
from fenwei.store import Store
from fenwei.web.app import create_app
from fenwei.web.security import hash_password, new_token

PASSWORD = "correct horse battery"


def tagged_classify(items: list[tuple[str, str | None, str | None]]) -> list[Label]:
    """Our own tiny classifier for tests: a leading ``[act]`` tag names the act."""
    out = []
    for text, _role, _context in items:
        act = Act.CHITCHAT
        if text.startswith("[") and "]" in text:
            act = Act(text[1 : text.index("]")])
        out.append(Label(act, 0.0, 0.0, source="test"))
    return out


@dataclass
class Site:
    store: Store
    client: TestClient
    tokens: dict[str, str]

    def login(self, name: str, client: TestClient | None = None) -> str:
        """Log in through the form; returns the session's CSRF token."""
        c = client or self.client
        page = c.get("/login")
        csrf = _csrf(page.text)
        r = c.post(
            "/login",
            data={"name": name, "password": PASSWORD, "csrf": csrf, "next": "/"},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        return _csrf(c.get("/inbox").text)

    def auth(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def _csrf(html: str) -> str:
    marker = 'name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def add_account(store: Store, name: str, role: str, groups: list[str] | None) -> str:
    now = datetime.now(UTC)
    token, token_id, digest = new_token()
    with store.begin() as conn:
        store.save_user(conn, name, hash_password(PASSWORD), role, groups, now)
        store.add_token(conn, token_id, digest, name, role, groups, now)
    return token


@pytest.fixture
def site(db_url: str) -> Iterator[Site]:
    """The app on a fresh store (SQLite, and PostgreSQL when FENWEI_TEST_PG is set)."""
    store = Store.open(db_url)
    tokens = {
        "boss": add_account(store, "boss", "admin", None),
        "lin": add_account(store, "lin", "koe", ["g-a"]),
        "vic": add_account(store, "vic", "viewer", None),
    }
    app = create_app(
        store,
        CommunityConfig.default(),
        classify=tagged_classify,
        tick=0,
        settings=Settings(secret_key="test-secret", max_body=200_000),
    )
    with TestClient(app, base_url="http://testserver") as client:
        yield Site(store, client, tokens)
    store.close()
