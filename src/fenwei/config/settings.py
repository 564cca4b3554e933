"""Process settings, read once from the environment (``FENWEI_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything fenwei reads from the environment, in one place."""

    model_config = SettingsConfigDict(env_prefix="FENWEI_", extra="ignore")

    db: str = Field(
        default="./fenwei.db",
        description="The store: an SQLite file path, or an SQLAlchemy URL "
        "(postgresql+psycopg://user:pass@host/db for production).",
    )
    lang: str | None = Field(default=None, description="Language of messages: zh-CN or en.")
    shared: str = Field(
        default="../shared", description="The project's shared folder (training data)."
    )
    secret_key: str | None = Field(
        default=None,
        description="`fenwei serve`: signs session cookies; generated and kept in the "
        "store when unset.",
    )
    max_body: int = Field(
        default=5_000_000, description="`fenwei serve`: largest accepted request body, bytes."
    )


def database_url(db: str) -> str:
    """Turn ``--db``/``FENWEI_DB`` into an SQLAlchemy URL (a bare path is SQLite)."""
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser())
