"""Shared fixtures: the shared data folder, stores on SQLite and PostgreSQL, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_dir() -> Path:
    return Path(os.environ.get("FENWEI_SHARED", ROOT.parent / "shared")).resolve()


def need(condition: bool, why: str) -> None:
    """Skip when a resource is missing on a dev machine; fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{why} (CI=true: required)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    need((path / "data").is_dir(), f"shared folder not found at {path} (set FENWEI_SHARED)")
    return path


@pytest.fixture(scope="session")
def scenarios_dir(shared: Path) -> Path:
    return shared / "data" / "scenarios"


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "fenwei.db")
        return
    url = os.environ.get("FENWEI_TEST_PG")
    need(bool(url), 'FENWEI_TEST_PG not set (run: eval "$(bash .ci/pg.sh)")')
    assert url
    _reset_postgres(url)
    yield url


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return str(tmp_path / "fenwei.db")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 300
) -> CliResult:
    """Run ``fenwei`` as a user would, in a subprocess."""
    full_env = {**os.environ, "FENWEI_LANG": "zh-CN", "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "fenwei", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=timeout,
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli() -> object:
    return run_cli
