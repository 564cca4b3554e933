"""feedback tickets

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("group_id", sa.String(255), nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("member_id", sa.String(255), nullable=True),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at_us", sa.BigInteger, nullable=False),
        sa.Column("tz_offset", sa.Integer, nullable=False),
        sa.Column("closed_at_us", sa.BigInteger, nullable=True),
        sa.Column("closed_by", sa.String(255), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_tickets_status", "tickets", ["status", "department"])


def downgrade() -> None:
    op.drop_table("tickets")
