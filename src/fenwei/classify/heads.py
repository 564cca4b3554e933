"""fastText heads: training on feature lines and batch prediction.

A head is one fastText supervised model over the lines of ``features``:
``act`` (the eleven acts), ``ad`` (ad/spam vs not), ``tox`` (toxic vs not)
and ``senti`` (pos/neu/neg). Training is seeded and single-threaded so the
same data gives the same model.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
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
    retrain: bool = True


class Head:
    """A loaded fastText model and its label order."""

    def __init__(
        self, model: Any, labels: Sequence[str], aliases: Mapping[str, str] | None = None
    ) -> None:
        self.model = model
        self.labels = tuple(labels)
        # extra training labels counted as one of ``labels`` (act heads: other → chitchat)
        self.aliases = dict(aliases or {})
        own = [lab.removeprefix(PREFIX) for lab in model.get_labels()]
        missing = [lab for lab in self.labels if lab not in own]
        if missing:
            raise ValueError(f"model lacks labels {missing}")
        # the column of every model label: its own, its alias's target, or -1 (ignored)
        self._column = {PREFIX + lab: -1 for lab in own}
        self._column.update({PREFIX + lab: i for i, lab in enumerate(self.labels)})
        for extra, target in self.aliases.items():
            self._column[PREFIX + extra] = self.labels.index(target)

    @classmethod
    def load(
        cls, path: Path, labels: Sequence[str], aliases: Mapping[str, str] | None = None
    ) -> Head:
        fasttext.FastText.eprint = lambda *_a, **_k: None
        return cls(fasttext.load_model(str(path)), labels, aliases)

    def predict(self, lines: Sequence[str]) -> np.ndarray:
        """Probabilities, one row per line, columns in ``self.labels`` order."""
        n, width = len(lines), len(self.labels)
        if not n:
            return np.zeros((0, width), dtype=np.float64)
        # the C++ batch call directly (as fastText's wrapper does, minus its checks):
        # each line must end in a newline, which fastText reads as the end of sentence
        batch = [line.replace("\n", " ") + "\n" for line in lines]
        # two labels: the top one and its probability say everything
        k = 1 if width == 2 and not self.aliases else -1
        labs, probs = self.model.f.multilinePredict(batch, k, 0.0, "strict")
        counts = np.fromiter(map(len, labs), dtype=np.intp, count=n)
        cols = np.fromiter(
            map(self._column.__getitem__, itertools.chain.from_iterable(labs)),
            dtype=np.intp,
            count=int(counts.sum()),
        )
        vals = np.concatenate(probs).astype(np.float64) if cols.size else np.zeros(0)
        rows = np.repeat(np.arange(n), counts)
        known = cols >= 0
        # several model labels may add up in one column (aliases)
        out = np.bincount(
            rows[known] * width + cols[known], weights=vals[known], minlength=n * width
        ).reshape(n, width)
        answered = counts > 0
        if k == 1:
            top = np.clip(out, 0.0, 1.0)
            first = np.where(top[:, 0] > 0, top[:, 0], 1.0 - top[:, 1])
            first = np.where(answered, first, 0.0)
            return np.column_stack([first, np.where(answered, 1.0 - first, 0.0)])
        sums = out.sum(axis=1, keepdims=True)
        sums[sums == 0] = 1.0
        return np.minimum(out / sums, 1.0)


_CHILD = """
import json, sys
import fasttext
args = json.loads(sys.argv[1])
q = args.pop("quantize")
out = args.pop("output")
model = None
for attempt in range(6):
    try:
        model = fasttext.train_supervised(**args)
        break
    except RuntimeError as exc:
        if "NaN" not in str(exc) or attempt == 5:
            raise
        args["lr"] *= 0.7
if q is not None:
    model.quantize(input=args["input"], **q)
model.save_model(out)
"""


def _train_in_child(
    path: str, params: HeadParams, seed: int, quantize: bool, out: str, vectors: Path | None = None
) -> None:
    """Train in a fresh interpreter.

    fasttext-numpy2 sometimes stops with "Encountered NaN" when a process
    trains a second model (state left over from the first): the first model
    trained in a process never does, so every model gets its own process.
    With one thread and a seed the result is the same every run.
    """
    args: dict[str, Any] = {
        "input": path,
        "epoch": params.epoch,
        "lr": params.lr,
        "dim": params.dim,
        "wordNgrams": params.word_ngrams,
        "minn": params.minn,
        "maxn": params.maxn,
        "bucket": params.bucket,
        "minCount": params.min_count,
        "loss": params.loss,
        "thread": 1,
        "seed": seed,
        "verbose": 0,
        "output": out,
        "quantize": None,
    }
    if vectors is not None:
        args["pretrainedVectors"] = str(vectors)
    if quantize:
        args["quantize"] = {
            "qnorm": True,
            "retrain": params.retrain,
            "cutoff": params.quantize_cutoff,
            "dsub": params.dsub,
            "epoch": max(params.epoch // 3, 3),
            "lr": params.lr * 0.3,
            "thread": 1,
            "verbose": 0,
        }
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"fastText training failed: {proc.stderr.strip()[-500:]}")


_UNSUP_CHILD = """
import json, sys
import fasttext
args = json.loads(sys.argv[1])
out = args.pop("output")
model = fasttext.train_unsupervised(**args)
with open(out, "w", encoding="utf-8") as fh:
    words = model.get_words()
    fh.write(f"{len(words)} {args['dim']}\\n")
    for w in words:
        fh.write(w + " " + " ".join(f"{x:.4f}" for x in model.get_word_vector(w)) + "\\n")
"""


def train_vectors(
    lines: Sequence[str], dim: int, out: Path, *, seed: int = 13, epoch: int = 4
) -> Path:
    """Skip-gram vectors of the feature tokens of unlabeled lines (for ``pretrainedVectors``).

    The unsupervised trainer takes no seed argument; with one thread its
    random generator starts from a fixed state, so ``seed`` only orders lines.
    """
    fd, tmp = tempfile.mkstemp(suffix=".txt", prefix="fenwei-unsup-")
    try:
        rows = list(lines)
        random.Random(seed).shuffle(rows)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line in rows:
                fh.write(line.replace("\n", " ") + "\n")
        args = {
            "input": tmp,
            "model": "skipgram",
            "dim": dim,
            "epoch": epoch,
            "minCount": 3,
            "minn": 0,
            "maxn": 0,
            "ws": 4,
            "thread": 1,
            "verbose": 0,
            "output": str(out),
        }
        proc = subprocess.run(
            [sys.executable, "-c", _UNSUP_CHILD, json.dumps(args)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"fastText vectors failed: {proc.stderr.strip()[-500:]}")
    finally:
        os.unlink(tmp)
    return out


def train_head(
    examples: Sequence[tuple[str, str]],
    labels: Sequence[str],
    params: HeadParams,
    *,
    seed: int = 13,
    quantize: bool = False,
    save_to: Path | None = None,
    vectors: Path | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Head:
    """Train one head on (feature line, label) pairs; optionally quantize and save."""
    fasttext.FastText.eprint = lambda *_a, **_k: None
    fd, tmp = tempfile.mkstemp(suffix=".txt", prefix="fenwei-train-")
    try:
        rows = list(examples)
        random.Random(seed).shuffle(rows)  # fastText reads in order; repeats in a row diverge
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line, lab in rows:
                fh.write(f"{PREFIX}{lab} {line.replace(chr(10), ' ')}\n")
        fd2, out = tempfile.mkstemp(suffix=".ftz", prefix="fenwei-model-")
        os.close(fd2)
        try:
            _train_in_child(tmp, params, seed, quantize, out, vectors)
            model = fasttext.load_model(out)
            if save_to is not None:
                save_to.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out, save_to)
        finally:
            os.unlink(out)
    finally:
        os.unlink(tmp)
    return Head(model, labels, aliases)
