"""Labels, situations and suggestions survive a save/load and a rebuild."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from fenwei.model import Act, Label
from fenwei.model.situations import (
    Action,
    Kind,
    Resolution,
    Situation,
    Suggestion,
    SuggestionStatus,
)
from fenwei.store import Store, schema

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=CST)


def _situation(text: str = "欢迎阿杰!") -> Situation:
    return Situation(
        id="s-abc",
        kind=Kind.NEWCOMER,
        group_id="g-1",
        member_id="u-7",
        event_id="u-7",
        opened_at=T0,
        due_at=T0 + timedelta(minutes=10),
        resolved_at=T0 + timedelta(minutes=2),
        resolved_by="u-3",
        resolution=Resolution.COMMUNITY,
        suggestions=(Suggestion(Action.POST, "group", text, T0, key="playbook.newcomer"),),
        parties=("u-7",),
    )


def test_labels_roundtrip(db_url: str) -> None:
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_labels(
                conn, "g-1", [("m-1", Label(Act.QUESTION, 0.1, 0.0, {"question": 0.9}))]
            )
            store.write_labels(conn, "g-1", [("m-1", Label(Act.ANSWER, 0.2, 0.0, source="gold"))])
        assert store.read_labels() == {("g-1", "m-1"): Label(Act.ANSWER, 0.2, 0.0, {}, "gold")}


def test_situations_roundtrip_and_rebuild_keeps_decisions(db_url: str) -> None:
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.save_situations(conn, ["g-1"], [_situation()])
        assert store.load_situations() == [_situation()]
        with store.begin() as conn:  # a KOE edits and approves the draft
            conn.execute(
                sa.update(schema.suggestions).values(
                    status="approved", text="欢迎阿杰,有问题随时问!", updated_by="cli:lin"
                )
            )
        with store.begin() as conn:  # the group is rebuilt from its events
            store.save_situations(conn, ["g-1"], [_situation("重新起草的欢迎")])
        (loaded,) = store.load_situations()
    (sug,) = loaded.suggestions
    assert (sug.status, sug.text) == (SuggestionStatus.APPROVED, "欢迎阿杰,有问题随时问!")
    assert loaded.opened_at.utcoffset() == timedelta(hours=8)


def test_audit_log(db_url: str) -> None:
    with Store.open(db_url) as store, store.begin() as conn:
        store.audit(conn, T0, "cli:lin", "suggestion.approve", "g-1", "s-abc-0", {"n": 1})
        rows = conn.execute(sa.select(schema.audit_log)).all()
    assert [(r.actor, r.action, r.target) for r in rows] == [
        ("cli:lin", "suggestion.approve", "s-abc-0")
    ]
