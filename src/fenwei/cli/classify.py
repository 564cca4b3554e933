"""``fenwei classify FILE|-`` and ``fenwei eval`` (CONTRACTS.md, issue 4).

``classify`` reads JSON Lines and writes each object back, in order, with
``act``, ``sentiment`` and ``toxicity`` added; unknown fields pass through.
A line without a text gets an ``error`` field, a line that is not a JSON
object becomes ``{"line": N, "raw": "…", "error": "…"}``; each problem is
also reported on standard error as ``FILE:LINE: problem``. Nothing is dropped
(blank lines carry nothing and are skipped).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import orjson
import typer
from rich.table import Table

from fenwei.cli.app import app
from fenwei.cli.common import console, err_console
from fenwei.errors import InputError
from fenwei.i18n import t

BATCH = 2000


def _lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for n, raw in enumerate(fh, start=1):
        if raw.strip():
            yield n, raw.rstrip(b"\r\n")


def _parse(n: int, raw: bytes, path: str) -> tuple[dict[str, Any], str | None]:
    """The object to write and, when the line is a problem, its message."""
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        problem = t("cli.classify.bad_json", detail=str(exc).split(":")[0])
        return {"line": n, "raw": raw.decode("utf-8", "replace"), "error": problem}, problem
    if not isinstance(obj, dict):
        problem = t("cli.classify.not_object")
        return {"line": n, "raw": raw.decode("utf-8", "replace"), "error": problem}, problem
    if not isinstance(obj.get("text"), str):
        problem = t("cli.classify.no_text")
        obj["error"] = problem
        return obj, problem
    return obj, None


def _flush(batch: list[tuple[dict[str, Any], bool]], out: IO[bytes]) -> None:
    from fenwei.classify import Classifier

    todo = [obj for obj, ok in batch if ok]
    if todo:
        labels = Classifier.load().classify_batch(todo)
        for obj, label in zip(todo, labels, strict=True):
            obj["act"] = str(label.act)
            obj["sentiment"] = label.sentiment
            obj["toxicity"] = label.toxicity
    for obj, _ in batch:
        out.write(orjson.dumps(obj) + b"\n")
    out.flush()


@app.command("classify", help=t("cli.classify.help"))
def classify_cmd(
    file: Annotated[str, typer.Argument(help=t("cli.classify.file"), metavar="FILE|-")],
) -> None:
    path = file
    try:
        fh: IO[bytes] = sys.stdin.buffer if file == "-" else Path(file).open("rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(
            "cli.classify.unreadable", path=path, detail=exc.strerror or str(exc)
        ) from exc
    out = sys.stdout.buffer
    batch: list[tuple[dict[str, Any], bool]] = []
    try:
        for n, raw in _lines(fh):
            obj, problem = _parse(n, raw, path)
            if problem is not None:
                err_console.print(
                    t("cli.classify.problem", path=path, line=n, problem=problem), markup=False
                )
            batch.append((obj, problem is None))
            if len(batch) >= BATCH:
                _flush(batch, out)
                batch = []
        _flush(batch, out)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


@app.command("eval", help=t("cli.eval.help"))
def eval_cmd(
    shared: Annotated[
        Path | None, typer.Option("--shared", help=t("cli.eval.shared"), show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.eval.json"))] = False,
) -> None:
    from fenwei.classify import Classifier
    from fenwei.classify.data import data_dir, default_shared_dir, has_shared
    from fenwei.classify.evaluate import evaluate, stored_metrics

    folder = shared or default_shared_dir()
    live = evaluate(Classifier.load(), folder) if has_shared(folder) else []
    if not live:
        err_console.print(t("cli.eval.no_data", path=str(data_dir(folder))), markup=False)
    metrics = live + stored_metrics()
    if as_json:
        sys.stdout.write(
            orjson.dumps([m.to_dict() for m in metrics], option=orjson.OPT_INDENT_2).decode() + "\n"
        )
        return
    table = Table(title=t("cli.eval.title"))
    for col in ("dataset", "metric", "value", "target", "ok", "n", "source"):
        table.add_column(
            t(f"cli.eval.col.{col}"),
            justify="right" if col in ("value", "target", "n") else "left",
            overflow="fold",
        )
    for m in metrics:
        target = "" if m.target is None else ("≥ " if m.higher else "≤ ") + f"{m.target:.2f}"
        ok = (
            ""
            if m.ok is None
            else (t("cli.eval.reached_yes") if m.ok else t("cli.eval.reached_no"))
        )
        table.add_row(
            m.dataset, m.metric, f"{m.value:.3f}", target, ok, str(m.n), t(f"cli.eval.{m.source}")
        )
    console.print(table)
