"""Feature lines and fastText heads: shape, role/context tokens, seeded training."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fenwei.classify.features import prepare
from fenwei.classify.heads import Head, HeadParams, train_head


def test_feature_lines_carry_role_and_context() -> None:
    p = prepare("谢谢,搞定了", "staff", "在设置里关掉省电模式就行")
    assert "__role_staff__" in p.full.split()
    assert "__has_ctx__" in p.full.split()
    assert any(tok.startswith("c:") for tok in p.full.split())
    assert "__lx_thanks__" in p.plain.split()
    assert "__role_staff__" not in p.plain.split()
    bare = prepare("谢谢")
    assert "__role_none__" in bare.full.split() and "__no_ctx__" in bare.full.split()


def test_quote_in_text_is_used_as_context() -> None:
    p = prepare("「阿杰:拿铁和澳白差在哪」\n- - - - -\n澳白奶少")
    assert "__quote__" in p.plain.split()
    assert "__has_ctx__" in p.full.split()


def test_long_text_is_cut() -> None:
    p = prepare("好" * 20000)
    assert len(p.full.split()) < 400


def _rows() -> list[tuple[str, str]]:
    pos = ["太好了 谢谢", "非常 满意 谢谢", "好用 点赞", "谢谢 大佬"]
    neg = ["太差了 失望", "垃圾 退款", "又坏了 失望", "客服 不理 差评"]
    return [(prepare(t).plain, "pos") for t in pos] * 5 + [
        (prepare(t).plain, "neg") for t in neg
    ] * 5


def test_seeded_training_is_reproducible(tmp_path: Path) -> None:
    params = HeadParams(epoch=10, lr=0.5, dim=8, bucket=1000, quantize_cutoff=1000, dsub=2)
    a = train_head(_rows(), ("pos", "neg"), params, seed=7, save_to=tmp_path / "a.bin")
    b = train_head(_rows(), ("pos", "neg"), params, seed=7)
    lines = [prepare("谢谢 满意").plain, prepare("失望 退款").plain]
    pa, pb = a.predict(lines), b.predict(lines)
    assert np.allclose(pa, pb)
    assert pa[0, 0] > 0.5 and pa[1, 1] > 0.5
    loaded = Head.load(tmp_path / "a.bin", ("pos", "neg"))
    assert np.allclose(loaded.predict(lines), pa)
    assert loaded.predict([]).shape == (0, 2)


def test_batch_probabilities_match_fasttext_and_sum_aliases(tmp_path: Path) -> None:
    rows = _rows() + [(prepare(t).plain, "meh") for t in ("还行 吧", "一般 般", "凑合")] * 5
    params = HeadParams(epoch=10, lr=0.5, dim=8, bucket=1000, quantize_cutoff=1000, dsub=2)
    train_head(rows, ("pos", "neg", "meh"), params, seed=7, save_to=tmp_path / "m.bin")
    lines = [prepare(t).plain for t in ("谢谢 满意", "失望 退款", "还行", "", "a\nb")]
    head = Head.load(tmp_path / "m.bin", ("pos", "neg", "meh"))
    got = head.predict(lines)
    for line, row in zip(lines, got, strict=True):
        labels, probs = head.model.predict(line.replace("\n", " "), k=-1)
        own = {
            lab.removeprefix("__label__"): float(p) for lab, p in zip(labels, probs, strict=True)
        }
        total = sum(own.values())
        assert np.allclose(row, [own[lab] / total for lab in ("pos", "neg", "meh")], atol=1e-6)
    # an alias adds its probability to its target's column
    merged = Head.load(tmp_path / "m.bin", ("pos", "neg"), aliases={"meh": "neg"})
    both = merged.predict(lines)
    assert np.allclose(both.sum(axis=1), 1.0)
    assert np.allclose(both[:, 1], got[:, 1] + got[:, 2], atol=1e-6)


def test_two_label_head_gives_both_columns(tmp_path: Path) -> None:
    train_head(
        _rows(),
        ("pos", "neg"),
        HeadParams(epoch=10, dim=8, bucket=1000),
        seed=7,
        save_to=tmp_path / "b.bin",
    )
    head = Head.load(tmp_path / "b.bin", ("pos", "neg"))
    got = head.predict([prepare("谢谢 满意").plain, prepare("失望 退款").plain])
    assert np.allclose(got.sum(axis=1), 1.0)
    assert got[0, 0] > 0.5 > got[1, 0]
    labels, probs = head.model.predict(prepare("失望 退款").plain, k=2)
    assert np.isclose(got[1, 0], dict(zip(labels, probs, strict=True))["__label__pos"], atol=1e-4)
