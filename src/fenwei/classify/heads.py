"""fastText heads: training on feature lines and batch prediction.

A head is one fastText supervised model over the lines of ``features``:
``act`` (the eleven acts), ``ad`` (ad/spam vs not), ``tox`` (toxic vs not)
and ``senti`` (pos/neu/neg). Training is seeded and single-threaded so the
same data gives the same model.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fasttext
import numpy as np

PREFIX = "__label__"


@dataclass(frozen=True, slots=True)
class HeadParams:
    """fastText hyper-parameters of one head."""

    epoch: int = 25
    lr: float = 0.5
    dim: int = 32
    word_ngrams: int = 2
    minn: int = 0
    maxn: int = 0
    bucket: int = 200_000
    min_count: int = 1
    loss: str = "softmax"
    quantize_cutoff: int = 50_000
    dsub: int = 2


class Head:
    """A loaded fastText model and its label order."""

    def __init__(self, model: Any, labels: Sequence[str]) -> None:
        self.model = model
        self.labels = tuple(labels)
        own = [lab.removeprefix(PREFIX) for lab in model.get_labels()]
        missing = [lab for lab in self.labels if lab not in own]
        if missing:
            raise ValueError(f"model lacks labels {missing}")

    @classmethod
    def load(cls, path: Path, labels: Sequence[str]) -> Head:
        fasttext.FastText.eprint = lambda *_a, **_k: None
        return cls(fasttext.load_model(str(path)), labels)

    def predict(self, lines: Sequence[str]) -> np.ndarray:
        """Probabilities, one row per line, columns in ``self.labels`` order."""
        out = np.zeros((len(lines), len(self.labels)), dtype=np.float64)
        if not lines:
            return out
        index = {PREFIX + lab: i for i, lab in enumerate(self.labels)}
        labs, probs = self.model.predict(list(lines), k=-1, threshold=0.0)
        for row, (ls, ps) in enumerate(zip(labs, probs, strict=True)):
            for lab, p in zip(ls, ps, strict=True):
                j = index.get(lab)
                if j is not None:
                    out[row, j] = p
        sums = out.sum(axis=1, keepdims=True)
        sums[sums == 0] = 1.0
        return np.minimum(out / sums, 1.0)


def train_head(
    examples: Sequence[tuple[str, str]],
    labels: Sequence[str],
    params: HeadParams,
    *,
    seed: int = 13,
    quantize: bool = False,
    save_to: Path | None = None,
) -> Head:
    """Train one head on (feature line, label) pairs; optionally quantize and save."""
    fasttext.FastText.eprint = lambda *_a, **_k: None
    fd, tmp = tempfile.mkstemp(suffix=".txt", prefix="fenwei-train-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line, lab in examples:
                fh.write(f"{PREFIX}{lab} {line.replace(chr(10), ' ')}\n")
        model = fasttext.train_supervised(
            input=tmp,
            epoch=params.epoch,
            lr=params.lr,
            dim=params.dim,
            wordNgrams=params.word_ngrams,
            minn=params.minn,
            maxn=params.maxn,
            bucket=params.bucket,
            minCount=params.min_count,
            loss=params.loss,
            thread=1,
            seed=seed,
            verbose=0,
        )
        if quantize:
            model.quantize(
                input=tmp,
                qnorm=True,
                retrain=True,
                cutoff=params.quantize_cutoff,
                dsub=params.dsub,
                epoch=max(params.epoch // 3, 3),
                lr=params.lr,
                thread=1,
                verbose=0,
            )
    finally:
        os.unlink(tmp)
    if save_to is not None:
        save_to.parent.mkdir(parents=True, exist_ok=True)
        model.save_model(str(save_to))
    return Head(model, labels)
