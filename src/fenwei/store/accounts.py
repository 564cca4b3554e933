"""Accounts of the web app: people, their API tokens, and the app's settings.

A mixin of ``Store``. One store serves one community and an account is a
person: ``role`` is ``admin``, ``koe`` or ``viewer`` and ``groups`` the groups
a koe (or a scoped viewer) may see; ``None`` means every group. Password and
token hashing happen in the web layer; here they are opaque strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fenwei.store import schema
from fenwei.store.times import instant, instant_us

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

ROLES = ("admin", "koe", "viewer")


@dataclass(frozen=True, slots=True)
class Account:
    """A person who signs in (or a token acting for them, with its own scope)."""

    name: str
    role: str
    groups: tuple[str, ...] | None
    locale: str | None = None
    password_hash: str = ""

    def may_see(self, group_id: str) -> bool:
        return self.role == "admin" or self.groups is None or group_id in self.groups

    @property
    def may_act(self) -> bool:
        return self.role in ("admin", "koe")


@dataclass(frozen=True, slots=True)
class TokenRow:
    id: str
    user_name: str
    role: str
    groups: tuple[str, ...] | None
    created_at: datetime


class AuditEntry(TypedDict):
    """One record of the audit log, as ``audit_entries`` reads it."""

    id: int
    at: datetime
    actor: str
    action: str
    group: str | None
    target: str | None
    detail: dict[str, Any] | None


def _groups_text(groups: Sequence[str] | None) -> str | None:
    return orjson.dumps(list(groups)).decode() if groups is not None else None


def _groups_of(text: str | None) -> tuple[str, ...] | None:
    return tuple(orjson.loads(text)) if text else None


class Accounts:
    """Users, API tokens, app settings (key → text) and outbox deliveries."""

    engine: Engine

    # -- users -----------------------------------------------------------

    def save_user(
        self,
        conn: Connection,
        name: str,
        password_hash: str,
        role: str,
        groups: Sequence[str] | None,
        at: datetime,
        locale: str | None = None,
    ) -> bool:
        """Create or replace an account; True when it is new."""
        t = schema.users
        existed = conn.execute(sa.select(t.c.name).where(t.c.name == name)).first() is not None
        conn.execute(t.delete().where(t.c.name == name))
        conn.execute(
            t.insert(),
            [
                {
                    "name": name,
                    "password_hash": password_hash,
                    "role": role,
                    "groups": _groups_text(groups),
                    "locale": locale,
                    "created_at_us": instant_us(at),
                }
            ],
        )
        return not existed

    def user(self, name: str) -> Account | None:
        t = schema.users
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t).where(t.c.name == name)).first()
        if r is None:
            return None
        return Account(r.name, r.role, _groups_of(r.groups), r.locale, r.password_hash)

    def users(self) -> list[Account]:
        t = schema.users
        with self.engine.connect() as conn:
            return [
                Account(r.name, r.role, _groups_of(r.groups), r.locale)
                for r in conn.execute(sa.select(t).order_by(t.c.name))
            ]

    def set_user_locale(self, conn: Connection, name: str, locale: str | None) -> None:
        t = schema.users
        conn.execute(sa.update(t).where(t.c.name == name).values(locale=locale))

    def set_password_hash(self, conn: Connection, name: str, password_hash: str) -> None:
        t = schema.users
        conn.execute(sa.update(t).where(t.c.name == name).values(password_hash=password_hash))

    # -- API tokens ------------------------------------------------------

    def add_token(
        self,
        conn: Connection,
        token_id: str,
        token_hash: str,
        user_name: str,
        role: str,
        groups: Sequence[str] | None,
        at: datetime,
    ) -> None:
        conn.execute(
            schema.api_tokens.insert(),
            [
                {
                    "id": token_id,
                    "token_hash": token_hash,
                    "user_name": user_name,
                    "role": role,
                    "groups": _groups_text(groups),
                    "created_at_us": instant_us(at),
                    "revoked": 0,
                }
            ],
        )

    def token_by_hash(self, token_hash: str) -> TokenRow | None:
        t = schema.api_tokens
        with self.engine.connect() as conn:
            r = conn.execute(
                sa.select(t).where(t.c.token_hash == token_hash, t.c.revoked == 0)
            ).first()
        if r is None:
            return None
        return TokenRow(
            r.id, r.user_name, r.role, _groups_of(r.groups), instant(r.created_at_us, 0)
        )

    def revoke_tokens(self, conn: Connection, user_name: str) -> int:
        t = schema.api_tokens
        result = conn.execute(sa.update(t).where(t.c.user_name == user_name).values(revoked=1))
        return max(result.rowcount, 0)

    # -- settings --------------------------------------------------------

    def setting(self, key: str) -> str | None:
        t = schema.web_settings
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t.c.value).where(t.c.key == key)).first()
        return r.value if r is not None else None

    def put_setting(
        self, conn: Connection, key: str, value: str, at: datetime, by: str | None = None
    ) -> None:
        t = schema.web_settings
        conn.execute(t.delete().where(t.c.key == key))
        conn.execute(
            t.insert(),
            [{"key": key, "value": value, "updated_at_us": instant_us(at), "updated_by": by}],
        )

    # -- audit -----------------------------------------------------------

    def audit_entries(
        self, group_ids: Sequence[str] | None = None, limit: int = 200, offset: int = 0
    ) -> list[AuditEntry]:
        """The newest audit records first (those of ``group_ids`` and group-less ones)."""
        t = schema.audit_log
        q = sa.select(t).order_by(t.c.id.desc()).limit(limit).offset(offset)
        if group_ids is not None:
            q = q.where(sa.or_(t.c.group_id.in_(list(group_ids)), t.c.group_id.is_(None)))
        with self.engine.connect() as conn:
            return [
                {
                    "id": r.id,
                    "at": instant(r.at_us, 0),
                    "actor": r.actor,
                    "action": r.action,
                    "group": r.group_id,
                    "target": r.target,
                    "detail": orjson.loads(r.detail) if r.detail else None,
                }
                for r in conn.execute(q)
            ]
