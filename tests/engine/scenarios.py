"""Reading a public scenario: its events, gold labels and expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fenwei.importers.base import ImportOptions
from fenwei.importers.jsonl import JsonlReader
from fenwei.model import Act, Event, Label


def scenario_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.endswith(".labels.jsonl"))


def read_events(path: Path) -> list[Event]:
    return [e for e in JsonlReader().read(path, ImportOptions()) if isinstance(e, Event)]


def read_gold(path: Path) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                labels[d["id"]] = Label(
                    Act(d["act"]),
                    float(d.get("sentiment", 0.0)),
                    float(d.get("toxicity", 0.0)),
                    source="gold",
                )
    return labels


def gold_pairs(path: Path) -> list[tuple[Event, Label | None]]:
    labels = read_gold(path.with_name(path.name[: -len(".jsonl")] + ".labels.jsonl"))
    return [(e, labels.get(e.event_id or "") if e.is_message else None) for e in read_events(path)]


def read_expect(path: Path) -> dict[str, Any]:
    expect = path.with_name(path.name[: -len(".jsonl")] + ".expect.json")
    data: dict[str, Any] = json.loads(expect.read_text(encoding="utf-8"))
    return data
