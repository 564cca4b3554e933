"""groups, members and events

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "groups",
        sa.Column("group_id", sa.String(255), primary_key=True),
        sa.Column("name", sa.Text, nullable=True),
    )
    op.create_table(
        "members",
        sa.Column("group_id", sa.String(255), primary_key=True),
        sa.Column("member_id", sa.String(255), primary_key=True),
        sa.Column("name", sa.Text, nullable=True),
        sa.Column("role", sa.String(16), nullable=False, server_default="member"),
    )
    op.create_table(
        "events",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("group_id", sa.String(255), nullable=False),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("member_id", sa.String(255), nullable=True),
        sa.Column("at_us", sa.BigInteger, nullable=False),
        sa.Column("tz_offset", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("reply_to", sa.String(255), nullable=True),
        sa.Column("mentions", sa.Text, nullable=True),
        sa.Column("by_member", sa.String(255), nullable=True),
        sa.UniqueConstraint("group_id", "key", name="uq_events_group_key"),
    )
    op.create_index("ix_events_group_at", "events", ["group_id", "at_us"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("members")
    op.drop_table("groups")
