"""Fixtures of the classifier tests: the shipped model, the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenwei.classify import Classifier
from tests.conftest import need, shared_dir


@pytest.fixture(scope="session")
def clf() -> Classifier:
    return Classifier.load()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_dir()
    need((path / "data" / "chat-acts" / "dev.jsonl").is_file(), f"shared data not found at {path}")
    return path
