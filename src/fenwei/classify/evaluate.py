"""Quality figures of a classifier on the dev splits (issue 4's "done when").

``evaluate`` measures the shipped (or any) classifier live on every dev split
it can read; the figures that need a model trained without the evaluated
messages (leave-one-scenario-out, held-out conversations) are computed by the
training script and stored in ``models/metrics.json``; ``stored_metrics``
reads them back so ``fenwei eval`` shows both in one table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from fenwei.classify import data
from fenwei.classify.classifier import ACT_NAMES, MODELS_DIR, Classifier
from fenwei.classify.data import Example


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure: ``value`` against ``target`` (``higher`` or not), on ``n`` messages."""

    dataset: str
    metric: str
    value: float
    target: float | None
    n: int
    higher: bool = True
    source: str = "live"

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher else self.value <= self.target

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["ok"] = self.ok
        return out


def f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    g = np.asarray(gold, dtype=bool)
    p = np.asarray(pred, dtype=bool)
    tp = int((g & p).sum())
    denom = 2 * tp + int((~g & p).sum()) + int((g & ~p).sum())
    return 2 * tp / denom if denom else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = ACT_NAMES) -> float:
    g = np.asarray(gold)
    p = np.asarray(pred)
    scores = [f1(g == a, p == a) for a in labels if (g == a).any() or (p == a).any()]
    return float(np.mean(scores)) if scores else 0.0


def per_act_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    g = np.asarray(gold)
    p = np.asarray(pred)
    return {a: round(f1(g == a, p == a), 3) for a in ACT_NAMES}


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    """Rows gold, columns predicted, both in ``ACT_NAMES`` order."""
    idx = {a: i for i, a in enumerate(ACT_NAMES)}
    m = [[0] * len(ACT_NAMES) for _ in ACT_NAMES]
    for g, p in zip(gold, pred, strict=True):
        if g in idx and p in idx:
            m[idx[g]][idx[p]] += 1
    return m


def over_flagging(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of messages that are neither attack nor ad but predicted as one."""
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g not in ("attack", "ad")]
    if not pairs:
        return 0.0
    return sum(p in ("attack", "ad") for _, p in pairs) / len(pairs)


def predict_acts(clf: Classifier, examples: Sequence[Example]) -> list[str]:
    labels = clf.classify_batch([(e.text, e.role, e.context) for e in examples])
    return [str(lab.act) for lab in labels]


def evaluate(clf: Classifier, shared: Path | None = None) -> list[Metric]:
    """Every live figure whose data is present under ``shared``."""
    out: list[Metric] = []
    base = data.data_dir(shared)
    if (base / "chat-acts" / "dev.jsonl").is_file():
        dev = data.load_chat_acts("dev", shared)
        gold = [e.act or "" for e in dev]
        pred = predict_acts(clf, dev)
        out.append(Metric("chat-acts/dev", "act macro-F1", macro_f1(gold, pred), 0.90, len(dev)))
        for lang in ("zh", "en"):
            sub = [(g, p) for g, p, e in zip(gold, pred, dev, strict=True) if e.lang == lang]
            if sub:
                gs, ps = zip(*sub, strict=True)
                out.append(
                    Metric(
                        "chat-acts/dev", f"act macro-F1 ({lang})", macro_f1(gs, ps), None, len(sub)
                    )
                )
        out.append(
            Metric(
                "chat-acts/dev",
                "over-flagging (attack/ad)",
                over_flagging(gold, pred),
                0.02,
                len(dev),
                higher=False,
            )
        )
    if (base / "cold" / "dev.jsonl").is_file():
        rows = data.load_dataset("cold", "dev", shared)
        labs = clf.classify_batch([e.text for e in rows])
        pred_off = [lab.toxicity >= 0.5 or lab.act == "attack" for lab in labs]
        gold_off = [e.label == "offensive" for e in rows]
        acc = float(np.mean(np.equal(pred_off, gold_off)))
        out.append(Metric("cold/dev", "offensive accuracy", acc, 0.90, len(rows)))
    for name, pos, target in (("qq_group_ads", "ad", 0.95), ("sms_spam_collection", "spam", 0.97)):
        if (base / name / "dev.jsonl").is_file():
            rows = data.load_dataset(name, "dev", shared)
            labs = clf.classify_batch([e.text for e in rows])
            out.append(
                Metric(
                    f"{name}/dev",
                    f"{pos} F1",
                    f1([e.label == pos for e in rows], [lab.act == "ad" for lab in labs]),
                    target,
                    len(rows),
                )
            )
    for name in ("waimai_10k", "chnsenticorp_htl"):
        if (base / name / "dev.jsonl").is_file():
            rows = data.load_dataset(name, "dev", shared)
            labs = clf.classify_batch([e.text for e in rows])
            right = [
                (lab.sentiment > 0 and e.label == "positive")
                or (lab.sentiment < 0 and e.label == "negative")
                for lab, e in zip(labs, rows, strict=True)
            ]
            out.append(
                Metric(
                    f"{name}/dev", "sentiment sign accuracy", float(np.mean(right)), 0.80, len(rows)
                )
            )
    return out


def stored_metrics(folder: Path = MODELS_DIR) -> list[Metric]:
    """The held-out figures the training run stored beside the models."""
    path = folder / "metrics.json"
    if not path.is_file():
        return []
    raw = json.loads(path.read_text(encoding="utf-8"))
    names = Metric.__dataclass_fields__
    return [Metric(**{k: v for k, v in m.items() if k in names}) for m in raw.get("held_out", [])]
