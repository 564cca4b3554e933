"""Normalisation of raw group-chat text before feature extraction.

Real WeChat/WeCom and Telegram messages are noisy in ways that hide what a
message does: emoji codes (``[强]``), full-width characters, traditional
characters, ``哈哈哈哈哈``, @mentions, quoted replies, links, phone numbers and
contact ids disguised against keyword filters (``加薇``, ``v❤``, ``扣扣``,
``一三八 二九``, ``𝟏𝟑𝟖``, ``x i a o``). ``normalize`` turns a message into
lower-case simplified text in which such spans are replaced by feature tokens
(``__url__``, ``__phone__``…), and keeps what it removed (the quoted reply,
the tags) beside it. Lower-casing and squeezing ``??`` to ``?`` would lose the
tone, so shouting and emphatic marks become tags first (``__shout__``,
``__emphasis__``): they tell a complaint phrased as a question from a question.
It never raises: any string gives a result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import opencc

MAX_CHARS = 1200
"""Longer messages are cut: the start of a paste says what it does."""

# WeChat / WeCom emoji codes → meaning token (and the polarity they carry).
EMOJI_CODES: dict[str, str] = {
    "强": "__emo_thumbsup__ __pos__",
    "赞": "__emo_thumbsup__ __pos__",
    "玫瑰": "__emo_rose__ __pos__",
    "爱心": "__emo_heart__ __pos__",
    "心": "__emo_heart__ __pos__",
    "鼓掌": "__emo_applause__ __pos__",
    "耶": "__emo_victory__ __pos__",
    "ok": "__emo_ok__ __pos__",
    "握手": "__emo_handshake__ __pos__",
    "抱拳": "__emo_fist__ __thanks__",
    "拜托": "__emo_please__",
    "合十": "__emo_please__",
    "拥抱": "__emo_hug__ __pos__",
    "愉快": "__emo_happy__ __pos__",
    "开心": "__emo_happy__ __pos__",
    "呲牙": "__emo_grin__ __pos__",
    "偷笑": "__emo_snicker__ __pos__",
    "微笑": "__emo_smile__",
    "害羞": "__emo_shy__ __pos__",
    "可爱": "__emo_cute__ __pos__",
    "得意": "__emo_proud__ __pos__",
    "机智": "__emo_smart__ __pos__",
    "烟花": "__emo_firework__ __pos__",
    "庆祝": "__emo_firework__ __pos__",
    "蛋糕": "__emo_cake__ __pos__",
    "礼物": "__emo_gift__ __pos__",
    "太阳": "__emo_sun__",
    "月亮": "__emo_moon__",
    "咖啡": "__emo_coffee__",
    "茶": "__emo_tea__",
    "啤酒": "__emo_beer__",
    "国旗": "__emo_flag__",
    "睡": "__emo_sleep__",
    "馋嘴": "__emo_drool__",
    "吃瓜": "__emo_melon__",
    "旺柴": "__emo_doge__ __tease__",
    "狗头": "__emo_doge__ __tease__",
    "捂脸": "__emo_facepalm__",
    "笑哭": "__emo_facepalm__",
    "破涕为笑": "__emo_facepalm__",
    "尴尬": "__emo_awkward__ __neg__",
    "流泪": "__emo_tears__ __neg__",
    "大哭": "__emo_tears__ __neg__",
    "可怜": "__emo_pitiful__ __neg__",
    "委屈": "__emo_pitiful__ __neg__",
    "难过": "__emo_sad__ __neg__",
    "发怒": "__emo_angry__ __neg__",
    "怒": "__emo_angry__ __neg__",
    "裂开": "__emo_broken__ __neg__",
    "叹气": "__emo_sigh__ __neg__",
    "无语": "__emo_speechless__ __neg__",
    "白眼": "__emo_eyeroll__ __neg__",
    "鄙视": "__emo_despise__ __neg__",
    "衰": "__emo_doomed__ __neg__",
    "炸弹": "__emo_bomb__ __neg__",
    "便便": "__emo_poop__ __neg__",
    "菜刀": "__emo_knife__ __neg__",
    "图片": "__media_image__",
    "照片": "__media_image__",
    "截图": "__media_image__",
    "pic": "__media_image__",
    "photo": "__media_image__",
    "image": "__media_image__",
    "视频": "__media_video__",
    "video": "__media_video__",
    "文件": "__media_file__",
    "链接": "__url__",
    "动画表情": "__media_sticker__",
    "表情包": "__media_sticker__",
    "表情": "__media_sticker__",
    "贴图": "__media_sticker__",
    "sticker": "__media_sticker__",
    "二维码": "__qr__",
    "红包": "__redpacket__",
    "语音": "__media_voice__",
    "位置": "__media_location__",
}

_T2S = opencc.OpenCC("t2s")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffd\ufeff\u200b-\u200f]+")
_EMOJI_CODE = re.compile(r"\[([^\[\]\s]{1,6})\]")
_QUOTE_WECHAT = re.compile(r"^「(.{0,400}?)」\s*\n\s*(?:-\s*){3,}\n?", re.S)
_QUOTE_WECHAT_TAIL = re.compile(r"\n\s*(?:-\s*){3,}\n?\s*「(.{0,400}?)」\s*$", re.S)
_QUOTE_REPLY = re.compile(r"^(?:回复|引用)\s*@?[^:：\s]{1,20}\s*[:：](.{0,200}?)(?:\n|$)", re.S)
_QUOTE_MD = re.compile(r"^(?:>[^\n]*\n)+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40})*\.(?:com|cn|net|org|io|me|ly|gl|co|cc|app|xyz|top|vip|shop|info|link|site|online|demo|in|uk|sg|ng|ke|za|ph|au|nz|tv|gg|ai)\b(?:/\S*)?",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b", re.I)
_MENTION = re.compile(r"@[^\s@,，:：!！?？、。\u2005]{1,16}[\u2005]?")
_PAT = re.compile(r"^\s*(?:[^\s]{0,16}\s*)?拍了拍\s*")
_REDPACKET = re.compile(
    r"(?:发了?一个红包|领取了.{0,16}红包|恭喜发财[,，]?\s*大吉大利|红包已被领完)"
)
_RECALL = re.compile(r"撤回了一条消息")
_JOIN = re.compile(r"邀请.{0,20}加入了群聊|加入了群聊|通过扫描.{0,20}二维码加入群聊")
_PHONE_MASKED = re.compile(r"(?<![0-9])1[3-9][0-9][x*×✖]{4}[0-9]{4}(?![0-9])", re.I)
_INTL_PHONE = re.compile(r"\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}")
# digits as numerals, Chinese numerals or obfuscation glyphs, possibly split by spaces
_DIGIT_CH = "0-9零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖✖"
_DIGIT_RUN = re.compile(rf"(?<![{_DIGIT_CH}])[{_DIGIT_CH}](?:\s{{0,2}}[{_DIGIT_CH}]){{4,}}")
_DIGIT_PAIR = re.compile(rf"[{_DIGIT_CH}]\s{{0,2}}[{_DIGIT_CH}]")  # in every _DIGIT_RUN match
_DASHED_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9][\s-][0-9]{4}[\s-][0-9]{4}(?![0-9])")
_CN_DIGITS = str.maketrans("零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖", "0012345678912123456789")
_SPACED_LETTERS = re.compile(r"(?<![a-z])(?:[a-z] ){2,}[a-z](?![a-z])")
_LETTERS_SPACED = re.compile(r"[a-z] [a-z] [a-z]")  # in every _SPACED_LETTERS match
_HANDLE = re.compile(
    r"(?<![a-z0-9_])(?=[a-z0-9_]*[a-z])(?=[a-z0-9_]*(?:_|[0-9]{3}))[a-z][a-z0-9_]{4,24}(?![a-z0-9_])"
)
_PROMO = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z][A-Z0-9]{3,11}(?![A-Za-z0-9])"
)
_REPEAT = re.compile(r"(.)\1{3,}", re.S)
_PUNCT_REPEAT = re.compile(r"([!?！？.。~～…,，])\1+")
_PRICE = re.compile(
    r"(?:[¥￥$£€₹]\s?\d+(?:[.,]\d+)?(?:k|w)?|\d+(?:\.\d+)?\s?(?:元|块钱|块|r|rmb|usd|dollars?|bucks|pounds?|rand|naira|rs)(?![a-z]))"
)
_ANY_DIGIT = re.compile(r"\d")
_ANY_LATIN = re.compile(r"[a-z]")
_ANY_UPPER = re.compile(r"[A-Z]")
_ANY_LOWER = re.compile(r"[a-z]")
_SHOUT = re.compile(r"(?<![A-Za-z])[A-Z]{4,}(?![A-Za-z])")
_EMPHASIS = re.compile(r"[?？!！]{2,}")
_SPACES = re.compile(r"[ \t\u2005\u3000]+")
_EXTRA = {"➕": "+", "❤": "❤", "♥": "❤", "♡": "❤", "\u2005": " "}
_EXTRA_MAP = str.maketrans(_EXTRA)
_ANY_EXTRA = re.compile(f"[{''.join(_EXTRA)}]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised message: ``text`` with feature tokens, ``quote`` removed."""

    text: str
    quote: str | None
    tags: tuple[str, ...]


def to_simplified(text: str) -> str:
    """NFKC (full width → half width, 𝟏 → 1, ⑨ → 9), lower case, traditional → simplified."""
    if text.isascii():
        # NFKC, the extra map and OpenCC leave ASCII as it is
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    if _ANY_EXTRA.search(text):
        text = text.translate(_EXTRA_MAP)
    return _T2S.convert(text).lower()


@cache
def _code_token(code: str) -> str | None:
    key = to_simplified(code)
    return EMOJI_CODES.get(key)


def _emoji_code(m: re.Match[str]) -> str:
    tok = _code_token(m.group(1))
    return f" {tok} " if tok else m.group(0)


def _digit_run(m: re.Match[str]) -> str:
    raw = m.group(0)
    digits = re.sub(r"\s", "", raw).translate(_CN_DIGITS)
    n = sum(c.isdigit() or c == "✖" for c in digits)
    spaced = len(digits) != len(raw)
    mixed = any(not c.isascii() for c in digits) or any(not c.isascii() for c in raw)
    if n < 6 and not (n >= 5 and (spaced or mixed)):
        return raw
    if len(digits) == 11 and digits.startswith("1"):
        tok = "__phone__"
    elif 5 <= n <= 11:
        tok = "__idnum__"
    else:
        tok = "__longnum__"
    if spaced or mixed:
        tok += " __disguise__"
    return f" {tok} "


def _price(m: re.Match[str]) -> str:
    return f" {m.group(0)} __price__ "


def _spaced_letters(m: re.Match[str]) -> str:
    return " " + m.group(0).replace(" ", "") + " __disguise__ "


def squeeze(text: str) -> str:
    """Repeated characters: four or more of one become three; punctuation runs one."""
    text = _REPEAT.sub(lambda m: m.group(1) * 3, text)
    # a function, not r"\1": a template string is parsed in Python on every call
    return _PUNCT_REPEAT.sub(lambda m: m.group(1), text)


def normalize(text: object) -> Normalized:
    """Normalise one message; any input (None, bytes, garbage) gives a result."""
    if text is None:
        return Normalized("", None, ())
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else str(text)
    if len(text) <= 200:
        return _normalize_cached(text)
    return _normalize(text)


@lru_cache(maxsize=65536)
def _normalize_cached(text: str) -> Normalized:
    # group chat repeats itself (好的, 哈哈, 谢谢, the message replied to): normalise once
    return _normalize(text)


def _split_quote(text: str) -> tuple[str | None, str]:
    """A quoted reply (WeChat 「…」 block, 回复/引用 prefix, Markdown ``>``) and the rest."""
    start = text.lstrip()[:2]
    if start.startswith("「"):
        m = _QUOTE_WECHAT.match(text)
        if m:
            return m.group(1), text[m.end() :]
    if start in ("回复", "引用"):
        m = _QUOTE_REPLY.match(text)
        if m:
            return m.group(1), text[m.end() :]
    if "「" in text:
        m = _QUOTE_WECHAT_TAIL.search(text)
        if m:
            return m.group(1), text[: m.start()]
    if text.startswith(">"):
        m = _QUOTE_MD.match(text)
        if m and m.end() < len(text):
            return m.group(0).replace(">", " ").strip(), text[m.end() :]
    return None, text


def _normalize(text: str) -> Normalized:
    tags: list[str] = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        tags.append("__long__")
    if not text.isprintable() or "\ufffd" in text:
        # every _CONTROL character but U+FFFD is unprintable
        text = _CONTROL.sub(" ", text)
    quote, text = _split_quote(text)
    if quote is not None:
        tags.append("__quote__")
    # promo codes are upper case; find them before lower-casing
    if _ANY_UPPER.search(text):
        # four capitals or more amid lower case raise the voice ("broke it AGAIN")
        if _SHOUT.search(text) and _ANY_LOWER.search(text):
            tags.append("__shout__")
        text = _PROMO.sub(" __code__ ", text)
    if _EMPHASIS.search(text):
        # "??", "！！", "?!": the tone that a single mark (see ``squeeze``) loses
        tags.append("__emphasis__")
    text = to_simplified(text)
    # each pattern only where it can match: most messages skip most of them
    if "@" in text:
        if "." in text:
            text = _EMAIL.sub(" __email__ ", text)
        text = _MENTION.sub(" __at__ ", text)
    if "." in text or "://" in text:
        text = _URL.sub(" __url__ ", text)
    has_digit = _ANY_DIGIT.search(text) is not None
    if has_digit:
        text = _PHONE_MASKED.sub(" __phone__ ", text)
        text = _DASHED_PHONE.sub(" __phone__ ", text)
        text = _INTL_PHONE.sub(" __phone__ ", text)
    if _DIGIT_PAIR.search(text):
        text = _DIGIT_RUN.sub(_digit_run, text)
    if _ANY_LATIN.search(text):
        if _LETTERS_SPACED.search(text):
            text = _SPACED_LETTERS.sub(_spaced_letters, text)
        # a handle has "_" or three digits (no step above adds a digit)
        if has_digit or "_" in text:
            text = _HANDLE.sub(" __handle__ ", text)
    if has_digit:
        text = _PRICE.sub(_price, text)
    if "[" in text:
        text = _EMOJI_CODE.sub(_emoji_code, text)
    if "拍了拍" in text:
        text = _PAT.sub(" __pat__ ", text)
    if "红包" in text and _REDPACKET.search(text):
        text = _REDPACKET.sub(" __redpacket__ ", text)
    if "撤回" in text:
        text = _RECALL.sub(" __recall__ ", text)
    if "群聊" in text:
        text = _JOIN.sub(" __joined__ ", text)
    text = squeeze(text)
    # NFKC has made U+2005 and U+3000 plain spaces
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return Normalized(text.strip(), quote, tuple(tags))


def normalize_key(text: str) -> str:
    """The key of exact-text corrections: text compared as a KOE reads it."""
    if not isinstance(text, str):
        return ""
    text = to_simplified(_CONTROL.sub(" ", text))
    return _SPACES.sub(" ", squeeze(text)).strip()
