"""Who is asking, and may they: sessions, API tokens, roles, groups, CSRF.

Every route but login and ``/health`` needs a principal: a signed session
cookie (pages, and the page's own calls to the API) or an API token
(``Authorization: Bearer fw_…``, for connectors and scripts). A token acts
with its own role and groups, never more than its owner's. A request made
with the session cookie that changes anything must carry the session's CSRF
token (a form field ``csrf`` or the ``X-CSRF-Token`` header).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from fenwei.store import Store
from fenwei.store.accounts import Account
from fenwei.web.security import new_csrf, same_token, token_hash

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str | None
    message: str
    index: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.index is not None:
            out = {"index": self.index, **out}
        return out


class ApiError(Exception):
    """An error the API answers with its one shape (``{"ok": false, …}``)."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: Iterable[FieldError] = (),
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors)
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        return {
            "ok": False,
            "error": self.message,
            "errors": [e.to_json() for e in self.errors],
            **self.extra,
        }


class LoginRequired(Exception):
    """A page asked for without a session: the login page answers."""


class PageDenied(Exception):
    """A page or form the account may not use (403)."""


@dataclass(frozen=True, slots=True)
class Principal:
    account: Account
    via: str  # "session" or "token"

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def actor(self) -> str:
        return f"user:{self.account.name}"

    @property
    def role(self) -> str:
        return self.account.role

    def may_see(self, group_id: str) -> bool:
        return self.account.may_see(group_id)

    @property
    def may_act(self) -> bool:
        return self.account.may_act

    @property
    def is_admin(self) -> bool:
        return self.account.role == "admin"

    def visible(self, group_ids: Iterable[str]) -> list[str]:
        return sorted(g for g in group_ids if self.may_see(g))


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


class TokenCache:
    """API tokens resolved in the last few seconds (a connector polls often).

    A revoked token or a changed account takes effect within ``ttl`` seconds.
    """

    def __init__(self, ttl: float = 5.0) -> None:
        self.ttl = ttl
        self._hits: dict[str, tuple[float, Principal | None]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str) -> tuple[bool, Principal | None]:
        with self._lock:
            hit = self._hits.get(digest)
        if hit is None or hit[0] < time.monotonic():
            return False, None
        return True, hit[1]

    def put(self, digest: str, principal: Principal | None) -> None:
        with self._lock:
            if len(self._hits) > 10_000:
                self._hits.clear()
            self._hits[digest] = (time.monotonic() + self.ttl, principal)


def find_principal(request: Request) -> Principal | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        digest = token_hash(header[7:].strip())
        cache: TokenCache | None = getattr(request.app.state, "tokens", None)
        if cache is not None:
            known, principal = cache.get(digest)
            if known:
                return principal
        principal = _token_principal(_store(request), digest)
        if cache is not None:
            cache.put(digest, principal)
        return principal
    name = request.session.get("user")
    if not name:
        return None
    account = _store(request).user(str(name))
    if account is None:
        return None
    return Principal(account, "session")


def _token_principal(store: Store, digest: str) -> Principal | None:
    """A token acts with its own role and groups, never beyond its owner's."""
    row = store.token_by_hash(digest)
    if row is None:
        return None
    owner = store.user(row.user_name)
    if owner is None:
        return None
    role = row.role if _rank(row.role) <= _rank(owner.role) else owner.role
    groups = row.groups if row.groups is not None else owner.groups
    if owner.role != "admin" and owner.groups is not None and groups is not None:
        groups = tuple(g for g in groups if g in owner.groups)
    return Principal(Account(owner.name, role, groups, owner.locale), "token")


def _rank(role: str) -> int:
    return {"viewer": 0, "koe": 1, "admin": 2}.get(role, 0)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = new_csrf()
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, given: str | None) -> bool:
    return same_token(request.session.get("csrf"), given)
