"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Times are integer microseconds since the epoch (UTC), with the offset the
event was written in kept beside them (``tz_offset``, seconds), so exports
give back the local times they were given. Later features add their tables
(situations, suggestions, tickets, actions, audit) through new migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

groups = Table(
    "groups",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("name", Text, nullable=True),
)

members = Table(
    "members",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("member_id", String(255), primary_key=True),
    Column("name", Text, nullable=True),
    Column("role", String(16), nullable=False, server_default="member"),
)

events = Table(
    "events",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("group_id", String(255), nullable=False),
    Column("key", String(512), nullable=False),
    Column("type", String(8), nullable=False),
    Column("event_id", String(255), nullable=True),
    Column("member_id", String(255), nullable=True),
    Column("at_us", BigInteger, nullable=False),
    Column("tz_offset", Integer, nullable=False),
    Column("name", Text, nullable=True),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=True),
    Column("reply_to", String(255), nullable=True),
    Column("mentions", Text, nullable=True),
    Column("by_member", String(255), nullable=True),
    UniqueConstraint("group_id", "key", name="uq_events_group_key"),
)
Index("ix_events_group_at", events.c.group_id, events.c.at_us)

# -- understanding and situations (migration 0002) -----------------------------

labels = Table(
    "labels",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("event_id", String(255), primary_key=True),
    Column("act", String(16), nullable=False),
    Column("sentiment", Float, nullable=False),
    Column("toxicity", Float, nullable=False),
    Column("probs", Text, nullable=True),
    Column("source", String(16), nullable=False),
)

corrections = Table(
    "corrections",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("event_id", String(255), primary_key=True),
    Column("act", String(16), nullable=False),
    Column("text", Text, nullable=True),
    Column("by_user", String(255), nullable=False),
    Column("at_us", BigInteger, nullable=False),
)

situations = Table(
    "situations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("group_id", String(255), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("member_id", String(255), nullable=True),
    Column("event_id", String(255), nullable=True),
    Column("opened_at_us", BigInteger, nullable=False),
    Column("due_at_us", BigInteger, nullable=True),
    Column("resolved_at_us", BigInteger, nullable=True),
    Column("resolved_by", String(255), nullable=True),
    Column("resolution", String(16), nullable=True),
    Column("tz_offset", Integer, nullable=False),
    Column("parties", Text, nullable=True),
    Column("event_ids", Text, nullable=True),
    Column("text", Text, nullable=True),
)
Index("ix_situations_group", situations.c.group_id, situations.c.opened_at_us)

suggestions = Table(
    "suggestions",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("situation_id", String(64), nullable=False),
    Column("group_id", String(255), nullable=False),
    Column("position", Integer, nullable=False),
    Column("action", String(24), nullable=False),
    Column("to_target", String(255), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at_us", BigInteger, nullable=False),
    Column("tz_offset", Integer, nullable=False),
    Column("catalog_key", String(128), nullable=False, server_default=""),
    Column("event_id", String(255), nullable=True),
    Column("updated_by", String(255), nullable=True),
)
Index("ix_suggestions_situation", suggestions.c.situation_id)
Index("ix_suggestions_status", suggestions.c.group_id, suggestions.c.status)

audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("at_us", BigInteger, nullable=False),
    Column("actor", String(255), nullable=False),
    Column("action", String(64), nullable=False),
    Column("group_id", String(255), nullable=True),
    Column("target", String(255), nullable=True),
    Column("detail", Text, nullable=True),
)

# -- feedback tickets (migration 0003) -------------------------------------------

tickets = Table(
    "tickets",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("group_id", String(255), nullable=False),
    Column("department", String(64), nullable=False),
    Column("member_id", String(255), nullable=True),
    Column("event_id", String(255), nullable=True),
    Column("text", Text, nullable=False),
    Column("quote", Text, nullable=True),
    Column("status", String(16), nullable=False),
    Column("opened_at_us", BigInteger, nullable=False),
    Column("tz_offset", Integer, nullable=False),
    Column("closed_at_us", BigInteger, nullable=True),
    Column("closed_by", String(255), nullable=True),
    Column("note", Text, nullable=True),
)
Index("ix_tickets_status", tickets.c.status, tickets.c.department)

# -- the web app: accounts, tokens, settings, deliveries (migration 0004) --------

users = Table(
    "users",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("groups", Text, nullable=True),
    Column("locale", String(16), nullable=True),
    Column("created_at_us", BigInteger, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("token_hash", String(128), nullable=False),
    Column("user_name", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("groups", Text, nullable=True),
    Column("created_at_us", BigInteger, nullable=False),
    Column("revoked", Integer, nullable=False, server_default="0"),
)
Index("ix_api_tokens_hash", api_tokens.c.token_hash, unique=True)

web_settings = Table(
    "web_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at_us", BigInteger, nullable=False),
    Column("updated_by", String(255), nullable=True),
)

# Connectors poll for drafts made since a time (``GET /suggestions?since=``).
Index("ix_suggestions_created", suggestions.c.group_id, suggestions.c.created_at_us)

deliveries = Table(
    "deliveries",
    metadata,
    Column("suggestion_id", String(80), primary_key=True),
    Column("group_id", String(255), nullable=False),
    Column("delivered_at_us", BigInteger, nullable=False),
    Column("delivered_by", String(255), nullable=False),
)
