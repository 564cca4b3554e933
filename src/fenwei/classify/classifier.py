"""The message classifier: text (+ role, + replied-to text) → ``Label``.

Four fastText heads vote (``heads.py``): the act head gives the eleven act
probabilities from the message, its author's role and the message it replies
to; the ad head (trained on public spam/ad sets and our ads) and the toxicity
head (COLD, Davidson and our labels) decide ``ad`` and ``attack`` together
with it through thresholds tuned on held-out conversations, which is what
keeps friendly groups from being over-flagged; the sentiment head gives
sentiment. Exact-text corrections (``overrides``) win over all of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from fenwei.classify.features import Prepared, prepare
from fenwei.classify.heads import Head
from fenwei.classify.normalize import normalize, normalize_key
from fenwei.model.acts import ACTS, Act, Label

MODELS_DIR = Path(__file__).parent / "models"
ACT_NAMES: tuple[str, ...] = tuple(a.value for a in ACTS)
AD_LABELS = ("ad", "no")
TOX_LABELS = ("toxic", "no")
SENTI_LABELS = ("pos", "neu", "neg")
ACT_ALIASES = {"other": "chitchat"}
"""The act heads also learn ``other`` (off-topic public comments), reported as chitchat."""
_AD = ACT_NAMES.index("ad")
_ATTACK = ACT_NAMES.index("attack")
_CHITCHAT = ACT_NAMES.index("chitchat")

MEMO_SIZE = 50_000
"""Distinct messages remembered by a classifier (their labels; cleared when full)."""

Item = str | Mapping[str, Any] | tuple[str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Fusion:
    """How the heads are combined; tuned by the training script, saved as JSON."""

    ad_weight: float = 0.5
    ad_threshold: float = 0.5
    ad_staff_threshold: float = 0.9
    ad_solo_threshold: float = 1.01
    ad_head_min: float = 0.0
    """The ad head must give at least this for the fused score to call an ad (its
    solo threshold aside): the act head alone reads SMS-style chat as ads."""
    attack_weight: float = 0.7
    attack_threshold: float = 0.5
    attack_tox_min: float = 0.0
    tox_a: float = 1.0
    tox_b: float = 0.0
    senti_scale: float = 1.0
    senti_act_weight: float = 0.0
    low_info_confidence: float = 0.35

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fusion:
        names = cls.__dataclass_fields__
        return cls(**{k: float(v) for k, v in data.items() if k in names})

    def to_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class RawScores:
    """The heads' outputs for a batch, before fusion (used to tune ``Fusion``)."""

    act: np.ndarray
    ad: np.ndarray
    tox: np.ndarray
    senti: np.ndarray


def reweight(raw: RawScores, weights: np.ndarray | None) -> RawScores:
    """Act probabilities times per-act weights (a prior correction), renormalised."""
    if weights is None:
        return raw
    act = raw.act * weights
    act = act / np.maximum(act.sum(axis=1, keepdims=True), 1e-12)
    return RawScores(act, raw.ad, raw.tox, raw.senti)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


_PRAISE = ACT_NAMES.index("praise")
_COMPLAINT = ACT_NAMES.index("complaint")
_CRITICISM = ACT_NAMES.index("criticism")


def sentiment_signal(raw: RawScores, act_weight: float) -> np.ndarray:
    """P(pos) - P(neg) of the sentiment head, plus what the acts say (praise vs complaint)."""
    acts = raw.act
    by_act = acts[:, _PRAISE] - acts[:, _COMPLAINT] - acts[:, _ATTACK] - 0.5 * acts[:, _CRITICISM]
    return raw.senti[:, 0] - raw.senti[:, 2] + act_weight * by_act


def fuse(
    raw: RawScores,
    roles: Sequence[str | None],
    fusion: Fusion,
    empty: Sequence[bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Acts (indices), act probabilities, sentiment and toxicity for a batch."""
    probs = raw.act.copy()
    ad_score = fusion.ad_weight * raw.act[:, _AD] + (1 - fusion.ad_weight) * raw.ad
    attack_score = fusion.attack_weight * raw.act[:, _ATTACK] + (1 - fusion.attack_weight) * raw.tox
    probs[:, _AD] = ad_score
    probs[:, _ATTACK] = attack_score
    staff = np.array([r == "staff" for r in roles], dtype=bool)
    ad_thr = np.where(staff, fusion.ad_staff_threshold, fusion.ad_threshold)
    solo = np.where(staff, 1.01, fusion.ad_solo_threshold)
    is_ad = ((ad_score >= ad_thr) & (raw.ad >= fusion.ad_head_min)) | (raw.ad >= solo)
    is_attack = (
        (attack_score >= fusion.attack_threshold) & (raw.tox >= fusion.attack_tox_min) & ~is_ad
    )
    rest = raw.act.copy()
    rest[:, _AD] = -1.0
    rest[:, _ATTACK] = -1.0
    acts = rest.argmax(axis=1)
    acts = np.where(is_attack, _ATTACK, acts)
    acts = np.where(is_ad, _AD, acts)
    rows = np.arange(len(acts))
    # the chosen act is the most probable one in what we report
    probs[rows, acts] = np.maximum(probs[rows, acts], probs.max(axis=1) + 1e-3)
    probs = probs / probs.sum(axis=1, keepdims=True)
    if empty is not None and any(empty):
        mask = np.array(empty, dtype=bool)
        flat = np.full(len(ACT_NAMES), (1 - fusion.low_info_confidence) / (len(ACT_NAMES) - 1))
        flat[_CHITCHAT] = fusion.low_info_confidence
        probs[mask] = flat
        acts = np.where(mask, _CHITCHAT, acts)
    sentiment = np.clip(
        fusion.senti_scale * sentiment_signal(raw, fusion.senti_act_weight), -1.0, 1.0
    )
    tox = 1 / (1 + np.exp(-(fusion.tox_a * _logit(raw.tox) + fusion.tox_b)))
    tox = np.where(acts == _ATTACK, np.maximum(tox, 0.5), tox)
    return acts, probs, sentiment, tox


class Classifier:
    """Classify messages into act, sentiment and toxicity (see ``docs/LABELS.md``)."""

    def __init__(
        self,
        act: Head | Sequence[Head],
        ad: Head,
        tox: Head,
        senti: Head,
        fusion: Fusion | None = None,
        overrides: Mapping[str, str] | None = None,
        act_weights: Sequence[float] | None = None,
    ) -> None:
        self.act_heads: tuple[Head, ...] = (act,) if isinstance(act, Head) else tuple(act)
        self.ad_head = ad
        self.tox_head = tox
        self.senti_head = senti
        self.fusion = fusion or Fusion()
        self.act_weights = None if act_weights is None else np.asarray(act_weights, dtype=float)
        self.overrides: dict[str, Act] = {}
        self._memo: dict[tuple[str, str | None, str | None], Label] = {}
        for text, act_name in (overrides or {}).items():
            self.add_override(text, act_name)

    @classmethod
    def from_dir(cls, folder: Path) -> Classifier:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        act_files = config.get("act_heads", ["act.ftz"])
        return cls(
            [Head.load(folder / name, ACT_NAMES, ACT_ALIASES) for name in act_files],
            Head.load(folder / "ad.ftz", AD_LABELS),
            Head.load(folder / "tox.ftz", TOX_LABELS),
            Head.load(folder / "senti.ftz", SENTI_LABELS),
            Fusion.from_dict(config.get("fusion", {})),
            act_weights=config.get("act_weights"),
        )

    @staticmethod
    def load() -> Classifier:
        """The shipped model, loaded once per process (share it, it is read-only)."""
        return _default()

    def add_override(self, text: str, act: Act | str) -> None:
        """An exact-text correction: the same text (normalised) gets ``act`` from now on."""
        self.overrides[normalize_key(text)] = Act(act)

    def raw_scores(self, prepared: Sequence[Prepared]) -> RawScores:
        full = [p.full for p in prepared]
        plain = [p.plain for p in prepared]
        act = self.act_heads[0].predict(full)
        for head in self.act_heads[1:]:
            act += head.predict(full)
        return reweight(
            RawScores(
                act=act / len(self.act_heads),
                ad=self.ad_head.predict(full)[:, 0],
                tox=self.tox_head.predict(plain)[:, 0],
                senti=self.senti_head.predict(plain),
            ),
            self.act_weights,
        )

    def classify(self, text: str, role: str | None = None, context: str | None = None) -> Label:
        """One message; ``role`` is ``staff`` or ``member``, ``context`` the replied-to text."""
        return self.classify_batch([(text, role, context)])[0]

    def classify_batch(self, items: Iterable[Item]) -> list[Label]:
        """Many messages at once (much faster per message than ``classify``).

        Items are texts, ``(text, role, context)`` tuples or mappings with
        ``text`` and optional ``role`` and ``context``.
        """
        keys = [_unpack(item) for item in items]
        if not keys:
            return []
        # the same message (text, role, context) always gets the same label: each
        # distinct one is classified once per batch and remembered for later batches
        todo = list(dict.fromkeys(k for k in keys if k not in self._memo))
        if todo:
            if len(self._memo) + len(todo) > MEMO_SIZE:
                self._memo.clear()
            self._memo.update(zip(todo, self._classify_new(todo), strict=True))
        out = [self._memo[k] for k in keys]
        if self.overrides:
            out = [self._override(k[0], label) for k, label in zip(keys, out, strict=True)]
        return out

    def _override(self, text: str, label: Label) -> Label:
        fixed = self.overrides.get(normalize_key(text))
        if fixed is None:
            return label
        return Label(fixed, label.sentiment, label.toxicity, label.probs, "correction")

    def _classify_new(self, keys: Sequence[tuple[str, str | None, str | None]]) -> list[Label]:
        roles: list[str | None] = []
        prepared: list[Prepared] = []
        empty: list[bool] = []
        for text, role, context in keys:
            norm = normalize(text)
            roles.append(role)
            prepared.append(prepare(text, role, context, norm=norm))
            empty.append(not _has_content(norm.text))
        raw = self.raw_scores(prepared)
        acts, probs, sentiment, tox = fuse(raw, roles, self.fusion, empty)
        rows = np.round(probs, 4).tolist()
        sent = np.round(np.nan_to_num(sentiment, nan=0.0), 3).tolist()
        toxic = np.round(np.nan_to_num(tox, nan=0.0), 3).tolist()
        return [
            Label(ACTS[a], s, x, MappingProxyType(dict(zip(ACT_NAMES, row, strict=True))), "model")
            for a, row, s, x in zip(acts.tolist(), rows, sent, toxic, strict=True)
        ]


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_FOREIGN = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")


def _has_content(text: str) -> bool:
    """False for text the models cannot read: empty, media only, kana/hangul, garbage."""
    if not text:
        return False
    if _FOREIGN.search(text) and len(_FOREIGN.findall(text)) > len(_HAN.findall(text)):
        return False
    words = [p for p in text.split() if not p.startswith("__media")]
    return bool(words) and (
        _HAN.search(text) is not None
        or _LATIN.search(text) is not None
        or any(p.startswith("__") for p in words)
    )


def _unpack(item: Item) -> tuple[str, str | None, str | None]:
    if isinstance(item, str):
        return item, None, None
    if isinstance(item, Mapping):
        text = item.get("text")
        role = item.get("role")
        context = item.get("context")
    elif isinstance(item, tuple | list):
        text = item[0] if len(item) > 0 else ""
        role = item[1] if len(item) > 1 else None
        context = item[2] if len(item) > 2 else None
    else:
        text, role, context = item, None, None
    return (
        text if isinstance(text, str) else ("" if text is None else str(text)),
        role if isinstance(role, str) else None,
        context if isinstance(context, str) and context else None,
    )


@cache
def _default() -> Classifier:
    return Classifier.from_dir(MODELS_DIR)
