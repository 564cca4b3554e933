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
