"""Every public scenario, replayed with its gold acts, passes every item."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenwei.engine import judge, replay
from tests.conftest import need, shared_dir
from tests.engine.scenarios import gold_pairs, read_expect, scenario_files

SCENARIOS = shared_dir() / "data" / "scenarios"
FILES = scenario_files(SCENARIOS) if SCENARIOS.is_dir() else []


def test_scenarios_are_there() -> None:
    need(bool(FILES), f"no scenarios in {SCENARIOS} (set FENWEI_SHARED)")


@pytest.mark.parametrize("path", FILES, ids=[p.name[:2] for p in FILES])
def test_gold_scenario_passes(path: Path) -> None:
    situations = [s.to_json() for s in replay(gold_pairs(path))]
    failed = [
        (r.rule, r.item, r.matches) for r in judge(read_expect(path), situations) if not r.passed
    ]
    assert failed == []


def test_every_item_of_every_scenario() -> None:
    need(bool(FILES), f"no scenarios in {SCENARIOS} (set FENWEI_SHARED)")
    items = passed = whole = 0
    for path in FILES:
        results = judge(read_expect(path), [s.to_json() for s in replay(gold_pairs(path))])
        items += len(results)
        passed += sum(r.passed for r in results)
        whole += all(r.passed for r in results)
    assert (passed, whole) == (items, len(FILES))
