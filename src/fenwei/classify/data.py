"""Readers for the labeled sets under ``shared/data`` (training and evaluation).

The data is never copied into the repository: the training script, the
evaluation and the tests read it from the shared folder, found through
``FENWEI_SHARED`` (default ``../shared`` beside the repository).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

PERMISSIVE = (
    "chat-acts",
    "conversations",
    "scenarios",
    "cold",
    "qq_group_ads",
    "cped",
    "crosswoz",
    "sms_spam_collection",
    "davidson_hate_offensive",
)
EVALUATION_ONLY = (
    "toxicn",
    "chineseharm",
    "chnsenticorp_htl",
    "waimai_10k",
    "online_shopping_10_cats",
    "tg_spam",
)


@dataclass(frozen=True, slots=True)
class Example:
    """One labeled message; ``group`` is its conversation or scenario, if any."""

    text: str
    act: str | None = None
    sentiment: float | None = None
    toxicity: float | None = None
    role: str | None = None
    context: str | None = None
    lang: str = "zh"
    group: str = ""
    label: str = ""


def default_shared_dir() -> Path:
    """``FENWEI_SHARED`` or ``../shared`` relative to the repository root."""
    env = os.environ.get("FENWEI_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


def data_dir(shared: Path | None = None) -> Path:
    return (shared or default_shared_dir()) / "data"


def _rows(path: Path) -> Iterator[dict[str, object]]:
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def _f(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) else None


def _s(v: object) -> str | None:
    return v if isinstance(v, str) else None


def load_chat_acts(split: str, shared: Path | None = None) -> list[Example]:
    path = data_dir(shared) / "chat-acts" / f"{split}.jsonl"
    return [
        Example(
            text=str(r["text"]),
            act=str(r["label"]),
            sentiment=_f(r.get("sentiment")),
            toxicity=_f(r.get("toxicity")),
            context=_s(r.get("context")),
            lang=str(r.get("lang", "zh")),
            group=f"chat-acts:{split}",
            label=str(r["label"]),
        )
        for r in _rows(path)
    ]


def _lang(texts: list[str]) -> str:
    joined = "".join(texts)
    cjk = sum(1 for c in joined if "\u4e00" <= c <= "\u9fff")
    return "zh" if cjk > 0.15 * max(len(joined), 1) else "en"


def _load_labeled_events(folder: Path) -> list[Example]:
    out: list[Example] = []
    for labels_path in sorted(folder.glob("*.labels.jsonl")):
        events_path = labels_path.with_name(labels_path.name.replace(".labels.jsonl", ".jsonl"))
        name = events_path.stem
        labels = {str(r["id"]): r for r in _rows(labels_path)}
        texts: dict[str, str] = {}
        msgs: list[dict[str, object]] = []
        for ev in _rows(events_path):
            if ev.get("type") != "message" or not isinstance(ev.get("id"), str):
                continue
            texts[str(ev["id"])] = str(ev.get("text") or "")
            msgs.append(ev)
        lang = _lang(list(texts.values()))
        for ev in msgs:
            lab = labels.get(str(ev["id"]))
            if lab is None:
                continue
            reply = ev.get("reply_to")
            out.append(
                Example(
                    text=str(ev.get("text") or ""),
                    act=str(lab["act"]),
                    sentiment=_f(lab.get("sentiment")),
                    toxicity=_f(lab.get("toxicity")),
                    role=_s(ev.get("role")),
                    context=texts.get(reply) if isinstance(reply, str) else None,
                    lang=lang,
                    group=name,
                    label=str(lab["act"]),
                )
            )
    return out


def load_conversations(shared: Path | None = None) -> list[Example]:
    return _load_labeled_events(data_dir(shared) / "conversations")


def load_scenarios(shared: Path | None = None) -> list[Example]:
    return _load_labeled_events(data_dir(shared) / "scenarios")


def load_dataset(name: str, split: str, shared: Path | None = None) -> list[Example]:
    """A public set's rows, with its primary label in ``label``."""
    path = data_dir(shared) / name / f"{split}.jsonl"
    out = []
    for r in _rows(path):
        extra_sent = r.get("sentiment")
        sent = {"positive": 1.0, "negative": -1.0, "neutral": 0.0}.get(str(extra_sent))
        out.append(
            Example(
                text=str(r.get("text") or ""),
                label=str(r.get("label")),
                lang=str(r.get("lang", "zh")),
                sentiment=sent,
                role=_s(r.get("role")),
                group=str(r.get("dialogue_id") or name),
            )
        )
    return out


def has_shared(shared: Path | None = None) -> bool:
    return (data_dir(shared) / "chat-acts" / "train.jsonl").is_file()
