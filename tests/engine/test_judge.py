"""SCENARIOS.md judging: must items match some situation, must_not items none."""

from __future__ import annotations

from fenwei.engine import judge, passed

SITUATIONS = [
    {
        "id": "s-1",
        "kind": "newcomer",
        "group": "g",
        "member": "u-1",
        "event": "u-1",
        "resolution": "community",
        "resolved_by": "u-2",
    },
    {
        "id": "s-2",
        "kind": "open_question",
        "group": "g",
        "member": "u-1",
        "event": "m-5",
        "resolution": None,
        "resolved_by": None,
    },
]


def test_must_matches_every_given_key() -> None:
    results = judge(
        {
            "must": [
                {"kind": "newcomer", "member": "u-1", "resolved_by": "u-2"},
                {"kind": "newcomer", "resolution": "expired"},
                {"kind": "open_question", "resolution": None},
            ]
        },
        SITUATIONS,
    )
    assert [r.passed for r in results] == [True, False, True]
    assert results[0].matches == ("s-1",)
    assert not passed(results)


def test_must_not_fails_on_any_match() -> None:
    results = judge(
        {"must_not": [{"kind": "conflict"}, {"kind": "open_question", "event": "m-5"}]}, SITUATIONS
    )
    assert [(r.rule, r.passed) for r in results] == [("must_not", True), ("must_not", False)]


def test_null_in_an_item_means_still_open() -> None:
    assert judge({"must": [{"kind": "open_question", "resolved_by": None}]}, SITUATIONS)[0].passed
