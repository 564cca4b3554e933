"""Learning from a KOE's corrections of message acts.

Two ways, as issue 4 asks: an exact-text correction applies at once (the
same text, normalised, gets the corrected act before any model is asked),
and ``train_community_model`` folds a community's corrections into a
retrained act head, saved beside copies of the shipped ad, toxicity and
sentiment heads so the folder loads as a ``Classifier``. Retraining needs the
shared training data (it is not shipped with fenwei).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from fenwei.classify.classifier import ACT_ALIASES, ACT_NAMES, MODELS_DIR, Classifier
from fenwei.classify.data import Example
from fenwei.classify.normalize import normalize_key
from fenwei.errors import InputError
from fenwei.model.acts import Act

CORRECTION_WEIGHT = 5
"""A correction counts as this many training messages."""

Correction = tuple[str, str] | Mapping[str, object]


def _pairs(corrections: Iterable[Correction]) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for c in corrections:
        if isinstance(c, Mapping):
            text, act = c.get("text"), c.get("act")
            role, context = c.get("role"), c.get("context")
        else:
            text, act = c
            role = context = None
        if not isinstance(text, str) or str(act) not in ACT_NAMES:
            raise InputError("error.input", detail=f"bad correction {text!r} → {act!r}")
        out.append(
            (
                text,
                str(act),
                role if isinstance(role, str) else None,
                context if isinstance(context, str) else None,
            )
        )
    return out


def override_map(corrections: Iterable[Correction]) -> dict[str, Act]:
    """Normalised text → act; a later correction of the same text wins."""
    return {normalize_key(text): Act(act) for text, act, _r, _c in _pairs(corrections)}


def apply_overrides(clf: Classifier, corrections: Iterable[Correction]) -> Classifier:
    """Make ``clf`` answer every corrected text with its corrected act, at once."""
    for key, act in override_map(corrections).items():
        clf.overrides[key] = act
    return clf


def train_community_model(
    corrections: Iterable[Correction],
    out_dir: Path,
    shared: Path | None = None,
    base_dir: Path = MODELS_DIR,
) -> Classifier:
    """Retrain the act head with the corrections added and write a loadable model folder.

    The corrections also become exact-text overrides of the returned
    classifier (and are saved in ``corrections.json`` in ``out_dir``).
    """
    from fenwei.classify import data
    from fenwei.classify.heads import train_head
    from fenwei.classify.train import ACT_PARAMS, SEED, Prep, act_lines, load_corpus, other_lines

    pairs = _pairs(corrections)
    if not data.has_shared(shared):
        raise InputError(
            "error.input", detail=f"training data not found under {data.data_dir(shared)}"
        )
    corpus = load_corpus(shared)
    extra = [Example(text=t, act=a, role=r, context=c, group="corrections") for t, a, r, c in pairs]
    prep = Prep()
    lines = (
        act_lines(corpus.own, prep)
        + other_lines(corpus, prep)
        + act_lines(extra, prep) * CORRECTION_WEIGHT
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    # one act head, without the skip-gram vectors (they are not shipped)
    train_head(
        lines,
        ACT_NAMES,
        ACT_PARAMS,
        seed=SEED,
        quantize=True,
        save_to=out_dir / "act.ftz",
        aliases=ACT_ALIASES,
    )
    for name in ("ad.ftz", "tox.ftz", "senti.ftz"):
        shutil.copyfile(base_dir / name, out_dir / name)
    config = json.loads((base_dir / "config.json").read_text(encoding="utf-8"))
    config["act_heads"] = ["act.ftz"]
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (out_dir / "corrections.json").write_text(
        json.dumps([{"text": t, "act": a} for t, a, _r, _c in pairs], ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return load_community_model(out_dir)


def load_community_model(folder: Path) -> Classifier:
    """A folder written by ``train_community_model``, with its overrides."""
    clf = Classifier.from_dir(folder)
    path = folder / "corrections.json"
    if path.is_file():
        apply_overrides(clf, json.loads(path.read_text(encoding="utf-8")))
    return clf
