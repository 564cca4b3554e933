"""End to end, leave one scenario out: each public scenario judged with a classifier
that never saw it.

For every scenario in ``$FENWEI_SHARED/data/scenarios``, the act, ad and
toxicity heads are retrained exactly as ``scripts/train_classifier.py`` trains
them, but without that scenario's labels; the scenario is then analysed with
that classifier (the engine, playbooks and store as ``fenwei analyze``) and
judged as ``fenwei scenarios`` judges it. Prints each scenario's items and the
shares, per language; ``--json FILE`` writes them. Takes several minutes.

    .venv/bin/python scripts/scenarios_loso.py [--json bench/scenarios_loso.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from fenwei.classify.classifier import Classifier
from fenwei.classify.data import data_dir
from fenwei.classify.heads import train_vectors
from fenwei.classify.train import (
    SEED,
    VECTOR_DIM,
    Heads,
    Prep,
    fit_heads,
    load_corpus,
    unlabeled_lines,
)
from fenwei.config.community import CommunityConfig
from fenwei.engine import judge, passed
from fenwei.pipeline import import_file
from fenwei.pipeline.analysis import analyze_store
from fenwei.pipeline.document import analysis_document
from fenwei.store import Store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder")
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    args = ap.parse_args(argv)

    corpus = load_corpus(args.shared)
    prep = Prep()
    shipped = Classifier.load()
    reuse = Heads(list(shipped.act_heads), shipped.ad_head, shipped.tox_head, shipped.senti_head)
    folder = data_dir(args.shared) / "scenarios"
    base_own = corpus.chat_train + corpus.conversations
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="fenwei-loso-") as tmp:
        vectors = train_vectors(
            unlabeled_lines(corpus, prep), VECTOR_DIM, Path(tmp) / "vectors.vec", seed=SEED
        )
        for events in sorted(p for p in folder.glob("*.jsonl") if ".labels." not in p.name):
            stem = events.name[: -len(".jsonl")]
            train = base_own + [e for e in corpus.scenarios if e.group != stem]
            held = len(corpus.scenarios) - (len(train) - len(base_own))
            heads = fit_heads(
                train, corpus, prep, only=("act", "ad", "tox"), reuse=reuse, vectors=vectors
            )
            clf = Classifier(
                heads.act,
                heads.ad,
                heads.tox,
                shipped.senti_head,
                shipped.fusion,
                act_weights=shipped.act_weights,
            )
            with Store.open(str(Path(tmp) / f"{stem}.db")) as store:
                summary = import_file(store, events)
                analysis = analyze_store(
                    store,
                    CommunityConfig.default(),
                    classify=clf.classify_batch,  # type: ignore[arg-type]
                    group_ids=sorted(summary.groups),
                )
                doc = analysis_document(store, analysis, summary.groups)
            expect = json.loads((folder / f"{stem}.expect.json").read_text(encoding="utf-8"))
            verdict = judge(expect, doc["situations"])
            results.append(
                {
                    "scenario": stem,
                    "lang": expect.get("lang"),
                    "held_out_messages": held,
                    "passed": passed(verdict),
                    "items_passed": sum(r.passed for r in verdict),
                    "items": len(verdict),
                    "failed": [{"rule": r.rule, "item": r.item} for r in verdict if not r.passed],
                }
            )
            mark = "✓" if passed(verdict) else "✗"
            print(f"{mark} {stem}: {results[-1]['items_passed']}/{len(verdict)}", flush=True)
            for r in verdict:
                if not r.passed:
                    print(f"    FAIL {r.rule} {json.dumps(r.item, ensure_ascii=False)}", flush=True)
    summary_rows = {}
    for lang in [*sorted({str(r["lang"]) for r in results}), "all"]:
        rows = [r for r in results if lang in ("all", r["lang"])]
        items = sum(int(r["items"]) for r in rows)  # type: ignore[call-overload]
        ok = sum(int(r["items_passed"]) for r in rows)  # type: ignore[call-overload]
        whole = sum(bool(r["passed"]) for r in rows)
        summary_rows[lang] = {
            "items_passed": ok,
            "items": items,
            "items_share": round(ok / items, 4) if items else None,
            "scenarios_passed": whole,
            "scenarios": len(rows),
        }
        print(
            f"{lang}: items {ok}/{items} ({ok / items:.1%}), scenarios {whole}/{len(rows)}",
            flush=True,
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"summary": summary_rows, "scenarios": results}, ensure_ascii=False, indent=2
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
