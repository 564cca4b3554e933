"""Normalisation: emoji codes, width, script, repeats, mentions, quotes, contacts."""

from __future__ import annotations

import pytest

from fenwei.classify.lexicons import lexicon_tokens
from fenwei.classify.normalize import normalize, normalize_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("太棒了[强]", "太棒了 __emo_thumbsup__ __pos__"),
        ("[捂脸]", "__emo_facepalm__"),
        ("群主发红包[旺柴]", "群主发红包 __emo_doge__ __tease__"),
        ("[玫瑰][抱拳]", "__emo_rose__ __pos__ __emo_fist__ __thanks__"),
        ("ＡＢＣ，ｏｋ１２", "abc,ok12"),
        ("這個產品真的很糟糕", "这个产品真的很糟糕"),
        ("哈哈哈哈哈哈哈", "哈哈哈"),
        ("真的吗？？？？", "真的吗?"),
        ("[未知表情]", "[未知表情]"),
    ],
)
def test_text_forms(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_mention_and_pat() -> None:
    assert normalize("欢迎@阿杰\u2005入群").text == "欢迎 __at__ 入群"
    assert normalize("拍了拍@毛毛妈 ,人呢?").text.startswith("__pat__ __at__")


def test_wechat_quote_becomes_context() -> None:
    n = normalize("「阿杰:拿铁和澳白到底差在哪」\n- - - - - - - - -\n澳白奶少,咖啡味更浓")
    assert n.text == "澳白奶少,咖啡味更浓"
    assert n.quote == "阿杰:拿铁和澳白到底差在哪"
    assert "__quote__" in n.tags


@pytest.mark.parametrize(
    ("raw", "token"),
    [
        ("点击 http://bank-points.demo 兑换", "__url__"),
        ("join t.me/demo_signals now", "__url__"),
        ("电话13812345678", "__phone__"),
        ("电话138xxxx0000", "__phone__"),
        ("WhatsApp +44 7911 234567", "__phone__"),
        ("订位电话 一三五 零七六 二二 八四五", "__phone__"),
        ("扣扣 ⑨⑦⑤⑤ 二一三 零八", "__idnum__"),
        ("v❤：dk 𝟔𝟔𝟖𝟖 𝟖𝟐", "__disguise__"),
        ("加薇 x i a o 𝟏𝟓𝟗 𝟑𝟑𝟎𝟎 𝟕𝟐𝟏", "__disguise__"),
        ("加薇:car_tiemo_888", "__handle__"),
        ("use code GLOW20 at checkout", "__code__"),
        ("[红包]恭喜发财", "__redpacket__"),
        ("mail me: a.b@example.com", "__email__"),
    ],
)
def test_contact_tokens(raw: str, token: str) -> None:
    assert token in normalize(raw).text.split()


def test_ordinary_numbers_stay() -> None:
    assert normalize("日结200-500 一杯 18 元").text == "日结200-500 一杯 18 元 __price__"
    assert "__" not in normalize("2026年3月10日 09:30 见").text


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        b"\xff\xfe\x00",
        "\x00\x01\x02",
        "\ud800",
        "😂" * 50,
        "a" * 20000,
        "こんにちは",
        "안녕하세요",
        42,
    ],
)
def test_never_raises(raw: object) -> None:
    n = normalize(raw)
    assert isinstance(n.text, str)
    assert len(n.text) <= 20000


def test_key_ignores_width_script_and_space() -> None:
    assert normalize_key("這個 ＯＫ  嗎") == normalize_key("这个 ok 吗")


def test_lexicons_whole_words_only() -> None:
    assert lexicon_tokens("加薇 私聊") == ["__lx_contact__"]
    assert "__lx_thanks__" not in lexicon_tokens("empty party")
    assert "__lx_profanity__" in lexicon_tokens("你懂个屁")


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        ("the update broke it AGAIN, does anyone test this?", {"__shout__"}),
        ("is anyone at the company actually testing releases??", {"__emphasis__"}),
        ("你们到底能不能修好？？", {"__emphasis__"}),
        ("太好了！！", {"__emphasis__"}),
        ("WIFI连不上", set()),  # a capitalised word with no lower case around it
        ("HI ALL, MEETING AT 5", set()),  # all in capitals: a style, not a raised voice
        ("真的吗?", set()),
        ("use code SAVE20 at checkout", {"__shout__"}),  # ads raise their voice too
    ],
)
def test_tone_tags(raw: str, tags: set[str]) -> None:
    assert {t for t in normalize(raw).tags if t in ("__shout__", "__emphasis__")} == tags
