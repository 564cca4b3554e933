"""The classifier's API, result shape and robustness."""

from __future__ import annotations

import pytest

from fenwei.classify import Classifier
from fenwei.model.acts import ACTS, Act, Label

ODD_INPUTS = [
    "",
    "   ",
    "[捂脸][捂脸]",
    "😂😂😂",
    "🙏",
    "[图片]",
    "好" * 20000,
    "这个产品 very good 但是 the app 老是 crash",
    "こんにちは、元気ですか",
    "안녕하세요 반갑습니다",
    "\x00\x01\x02\x7f\ufffd\ufffd",
    "\ud800\udfff",
    "\u200b\u200b",
    "ÿþ\x00a\x00b",
    "!!!???",
    "12345678901234567890",
]


def test_load_is_cached(clf: Classifier) -> None:
    assert Classifier.load() is clf


def test_result_shape(clf: Classifier) -> None:
    label = clf.classify("请问这个怎么退款?")
    assert isinstance(label, Label)
    assert label.act is Act.QUESTION
    assert label.source == "model"
    assert set(label.probs) == {a.value for a in ACTS}
    assert abs(sum(label.probs.values()) - 1) < 0.01
    assert max(label.probs, key=label.probs.__getitem__) == label.act
    assert -1 <= label.sentiment <= 1
    assert 0 <= label.toxicity <= 1


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_gives_a_result(clf: Classifier, text: str) -> None:
    label = clf.classify(text)
    assert label.act in ACTS
    assert -1 <= label.sentiment <= 1 and 0 <= label.toxicity <= 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😂😂😂",
        "[图片]",
        "こんにちは、元気ですか",
        "안녕하세요 반갑습니다",
        "\x00\x01\x02",
    ],
)
def test_unreadable_is_low_confidence_chitchat(clf: Classifier, text: str) -> None:
    label = clf.classify(text)
    assert label.act is Act.CHITCHAT
    assert label.prob(Act.CHITCHAT) < 0.5


def test_batch_forms_and_order(clf: Classifier) -> None:
    items = [
        "欢迎新朋友入群!",
        ("谢谢大佬,搞定了", "member", "在设置里关掉省电模式就行"),
        {"text": "加薇 x y 1 3 8 二七六九,兼职刷单日结", "role": "member"},
        {"text": None},
        ("",),
    ]
    labels = clf.classify_batch(items)
    assert len(labels) == len(items)
    assert [lab.act for lab in labels[:3]] == [Act.WELCOME, Act.PRAISE, Act.AD]
    assert clf.classify_batch([]) == []


def test_batch_equals_single(clf: Classifier) -> None:
    texts = ["群规:禁止发广告", "你懂个屁,滚", "建议加一个夜间模式", "早上好各位"]
    assert clf.classify_batch(texts) == [clf.classify(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("欢迎@小王 入群,有问题随时问", Act.WELCOME),
        ("请大家遵守群规,禁止发广告和人身攻击", Act.RULES),
        ("请问充电桩怎么申请安装?", Act.QUESTION),
        ("谢谢大家,问题解决了[抱拳]", Act.PRAISE),
        ("你脑子有病吧,懂个屁", Act.ATTACK),
        ("兼职刷单日结,有意者加薇 ⑨⑦⑤⑤ 二一三 零八", Act.AD),
        ("Welcome to the group @sam, glad to have you!", Act.WELCOME),
        ("how do I export my notes to pdf?", Act.QUESTION),
    ],
)
def test_clear_cases(clf: Classifier, text: str, act: Act) -> None:
    assert clf.classify(text).act is act


def test_scores_follow_the_text(clf: Classifier) -> None:
    assert clf.classify("太好用了,爱了爱了,谢谢客服").sentiment > 0.2
    assert clf.classify("太失望了,又坏了,客服也没人理").sentiment < -0.2
    assert clf.classify("你这个傻逼,脑残,滚").toxicity >= 0.5
    assert clf.classify("这款洗衣机甩干很安静").toxicity < 0.5


def test_role_changes_staff_offers(clf: Classifier) -> None:
    text = "【新品上线】会员群专属:本周第二杯半价,点单时出示会员码即可"
    assert clf.classify(text, role="staff").act is not Act.AD


def test_shipped_models_fit_the_budget() -> None:
    import json

    from fenwei.classify.classifier import MODELS_DIR

    config = json.loads((MODELS_DIR / "config.json").read_text(encoding="utf-8"))
    files = [*config["act_heads"], "ad.ftz", "tox.ftz", "senti.ftz"]
    assert all((MODELS_DIR / f).is_file() for f in files)
    assert sorted(p.name for p in MODELS_DIR.glob("*.ftz")) == sorted(files)
    assert sum((MODELS_DIR / f).stat().st_size for f in files) <= 5_000_000


def test_memo_does_not_leak_overrides(clf: Classifier) -> None:
    fresh = Classifier(clf.act_heads, clf.ad_head, clf.tox_head, clf.senti_head, clf.fusion)
    text = "这个周末有人一起去徒步吗"
    first = fresh.classify(text)
    fresh.add_override(text, "rules")
    assert fresh.classify(text).act is Act.RULES
    assert clf.classify(text).act == first.act


def test_ad_needs_the_ad_head_to_agree() -> None:
    import numpy as np

    from fenwei.classify.classifier import ACT_NAMES, Fusion, RawScores, fuse

    act = np.full((2, len(ACT_NAMES)), 0.01)
    act[:, ACT_NAMES.index("ad")] = 0.9  # the act head is sure of an ad in both
    raw = RawScores(act, np.array([0.01, 0.6]), np.zeros(2), np.full((2, 3), 1 / 3))
    lenient = Fusion(ad_weight=0.85, ad_threshold=0.5)
    strict = Fusion(ad_weight=0.85, ad_threshold=0.5, ad_head_min=0.05)
    ad = ACT_NAMES.index("ad")
    assert fuse(raw, [None, None], lenient)[0].tolist() == [ad, ad]
    acts = fuse(raw, [None, None], strict)[0].tolist()
    assert acts[0] != ad and acts[1] == ad
