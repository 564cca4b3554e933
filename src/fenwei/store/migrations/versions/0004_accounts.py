"""web app: users, API tokens, settings, deliveries; drafts by creation time

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(128), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("groups", sa.Text, nullable=True),
        sa.Column("locale", sa.String(16), nullable=True),
        sa.Column("created_at_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_hash", sa.String(128), nullable=False),
        sa.Column("user_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("groups", sa.Text, nullable=True),
        sa.Column("created_at_us", sa.BigInteger, nullable=False),
        sa.Column("revoked", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_api_tokens_hash", "api_tokens", ["token_hash"], unique=True)
    op.create_table(
        "web_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at_us", sa.BigInteger, nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=True),
    )
    op.create_index("ix_suggestions_created", "suggestions", ["group_id", "created_at_us"])
    op.create_table(
        "deliveries",
        sa.Column("suggestion_id", sa.String(80), primary_key=True),
        sa.Column("group_id", sa.String(255), nullable=False),
        sa.Column("delivered_at_us", sa.BigInteger, nullable=False),
        sa.Column("delivered_by", sa.String(255), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_index("ix_suggestions_created", "suggestions")
    op.drop_table("web_settings")
    op.drop_table("api_tokens")
    op.drop_table("users")
