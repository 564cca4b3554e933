"""labels, corrections, situations, suggestions, audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SEQ = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("group_id", sa.String(255), primary_key=True),
        sa.Column("event_id", sa.String(255), primary_key=True),
        sa.Column("act", sa.String(16), nullable=False),
        sa.Column("sentiment", sa.Float, nullable=False),
        sa.Column("toxicity", sa.Float, nullable=False),
        sa.Column("probs", sa.Text, nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
    )
    op.create_table(
        "corrections",
        sa.Column("group_id", sa.String(255), primary_key=True),
        sa.Column("event_id", sa.String(255), primary_key=True),
        sa.Column("act", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("by_user", sa.String(255), nullable=False),
        sa.Column("at_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "situations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("group_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("member_id", sa.String(255), nullable=True),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("opened_at_us", sa.BigInteger, nullable=False),
        sa.Column("due_at_us", sa.BigInteger, nullable=True),
        sa.Column("resolved_at_us", sa.BigInteger, nullable=True),
        sa.Column("resolved_by", sa.String(255), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("tz_offset", sa.Integer, nullable=False),
        sa.Column("parties", sa.Text, nullable=True),
        sa.Column("event_ids", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=True),
    )
    op.create_index("ix_situations_group", "situations", ["group_id", "opened_at_us"])
    op.create_table(
        "suggestions",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("situation_id", sa.String(64), nullable=False),
        sa.Column("group_id", sa.String(255), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("to_target", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at_us", sa.BigInteger, nullable=False),
        sa.Column("tz_offset", sa.Integer, nullable=False),
        sa.Column("catalog_key", sa.String(128), nullable=False, server_default=""),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("updated_by", sa.String(255), nullable=True),
    )
    op.create_index("ix_suggestions_situation", "suggestions", ["situation_id"])
    op.create_index("ix_suggestions_status", "suggestions", ["group_id", "status"])
    op.create_table(
        "audit_log",
        sa.Column("id", _SEQ, primary_key=True, autoincrement=True),
        sa.Column("at_us", sa.BigInteger, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("group_id", sa.String(255), nullable=True),
        sa.Column("target", sa.String(255), nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
    )


def downgrade() -> None:
    for table in ("audit_log", "suggestions", "situations", "corrections", "labels"):
        op.drop_table(table)
