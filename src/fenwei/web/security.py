"""Passwords, API tokens, the session secret, CSRF tokens and login throttling.

Passwords are hashed with argon2id (argon2-cffi's defaults). API tokens are
32 random bytes shown once; the store keeps only their SHA-256 (a random
token needs no slow hash, and lookups stay one indexed query). The session
secret comes from ``FENWEI_SECRET_KEY`` or, when unset, is generated once and
kept in the store so sessions survive a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fenwei.store import Store

TOKEN_PREFIX = "fw_"
_hasher = PasswordHasher()
# A hash to verify against when the account does not exist (same work either way).
_DUMMY = _hasher.hash("fenwei-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> tuple[str, str, str]:
    """A new API token: (token shown once, its id, its hash to store)."""
    raw = secrets.token_urlsafe(32)
    token = TOKEN_PREFIX + raw
    return token, raw[:12], token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def secret_key(store: Store, configured: str | None) -> str:
    """The session secret: the configured one, else the store's (made once)."""
    if configured:
        return configured
    kept = store.setting("secret_key")
    if kept:
        return kept
    key = secrets.token_urlsafe(48)
    with store.begin() as conn:
        store.put_setting(conn, "secret_key", key, datetime.now(UTC), "fenwei")
    return store.setting("secret_key") or key


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class LoginThrottle:
    """At most ``attempts`` failed logins per (name, address) within ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def blocked(self, name: str, address: str) -> bool:
        with self._lock:
            return len(self._recent((name.lower(), address), time.monotonic())) >= self.attempts

    def failed(self, name: str, address: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent((name.lower(), address), now).append(now)

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._failures.pop((name.lower(), address), None)
