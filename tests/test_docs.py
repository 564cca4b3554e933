"""The docs say what the code does: the CLI reference is current."""

from __future__ import annotations

import runpy

from tests.conftest import ROOT


def test_cli_reference_is_current() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))
    current = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    assert current == script["render"](), "run: .venv/bin/python scripts/cli_reference.py"
