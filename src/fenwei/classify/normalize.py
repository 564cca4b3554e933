"""Normalisation of raw group-chat text before feature extraction.

Real WeChat/WeCom and Telegram messages are noisy in ways that hide what a
message does: emoji codes (``[强]``), full-width characters, traditional
characters, ``哈哈哈哈哈``, @mentions, quoted replies, links, phone numbers and
contact ids disguised against keyword filters (``加薇``, ``v❤``, ``扣扣``,
``一三八 二九``, ``𝟏𝟑𝟖``, ``x i a o``). ``normalize`` turns a message into
lower-case simplified text in which such spans are replaced by feature tokens
(``__url__``, ``__phone__``…), and keeps what it removed (the quoted reply,
the tags) beside it. It never raises: any string gives a result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import opencc

MAX_CHARS = 1200
"""Longer messages are cut: the start of a paste says what it does."""

# WeChat / WeCom emoji codes → meaning token (and the polarity they carry).
EMOJI_CODES: dict[str, str] = {
    "强": "emo_thumbsup pos",
    "赞": "emo_thumbsup pos",
    "玫瑰": "emo_rose pos",
    "爱心": "emo_heart pos",
    "心": "emo_heart pos",
    "鼓掌": "emo_applause pos",
    "耶": "emo_victory pos",
    "ok": "emo_ok pos",
    "握手": "emo_handshake pos",
    "抱拳": "emo_fist thanks",
    "拜托": "emo_please",
    "合十": "emo_please",
    "拥抱": "emo_hug pos",
    "愉快": "emo_happy pos",
    "开心": "emo_happy pos",
    "呲牙": "emo_grin pos",
    "偷笑": "emo_snicker pos",
    "微笑": "emo_smile",
    "害羞": "emo_shy pos",
    "可爱": "emo_cute pos",
    "得意": "emo_proud pos",
    "机智": "emo_smart pos",
    "烟花": "emo_firework pos",
    "庆祝": "emo_firework pos",
    "蛋糕": "emo_cake pos",
    "礼物": "emo_gift pos",
    "太阳": "emo_sun",
    "月亮": "emo_moon",
    "咖啡": "emo_coffee",
    "茶": "emo_tea",
    "啤酒": "emo_beer",
    "国旗": "emo_flag",
    "睡": "emo_sleep",
    "馋嘴": "emo_drool",
    "吃瓜": "emo_melon",
    "旺柴": "emo_doge tease",
    "狗头": "emo_doge tease",
    "捂脸": "emo_facepalm",
    "笑哭": "emo_facepalm",
    "破涕为笑": "emo_facepalm",
    "尴尬": "emo_awkward neg",
    "流泪": "emo_tears neg",
    "大哭": "emo_tears neg",
    "可怜": "emo_pitiful neg",
    "委屈": "emo_pitiful neg",
    "难过": "emo_sad neg",
    "发怒": "emo_angry neg",
    "怒": "emo_angry neg",
    "裂开": "emo_broken neg",
    "叹气": "emo_sigh neg",
    "无语": "emo_speechless neg",
    "白眼": "emo_eyeroll neg",
    "鄙视": "emo_despise neg",
    "衰": "emo_doomed neg",
    "炸弹": "emo_bomb neg",
    "便便": "emo_poop neg",
    "菜刀": "emo_knife neg",
    "图片": "media_image",
    "照片": "media_image",
    "截图": "media_image",
    "pic": "media_image",
    "photo": "media_image",
    "image": "media_image",
    "视频": "media_video",
    "video": "media_video",
    "文件": "media_file",
    "链接": "__url__",
    "动画表情": "media_sticker",
    "表情包": "media_sticker",
    "表情": "media_sticker",
    "贴图": "media_sticker",
    "sticker": "media_sticker",
    "二维码": "__qr__",
    "红包": "__redpacket__",
    "语音": "media_voice",
    "位置": "media_location",
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
_REDPACKET = re.compile(r"(?:发了?一个红包|领取了.{0,16}红包|恭喜发财[,，]?\s*大吉大利|红包已被领完)")
_RECALL = re.compile(r"撤回了一条消息")
_JOIN = re.compile(r"邀请.{0,20}加入了群聊|加入了群聊|通过扫描.{0,20}二维码加入群聊")
_PHONE_MASKED = re.compile(r"(?<![0-9])1[3-9][0-9][x*×✖]{4}[0-9]{4}(?![0-9])", re.I)
_INTL_PHONE = re.compile(r"\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}")
# digits as numerals, Chinese numerals or obfuscation glyphs, possibly split by spaces
_DIGIT_CH = "0-9零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖✖"
_DIGIT_RUN = re.compile(rf"(?<![{_DIGIT_CH}])[{_DIGIT_CH}](?:[\s\-]{{0,2}}[{_DIGIT_CH}]){{4,}}")
_CN_DIGITS = str.maketrans("零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖", "001234567891212345678 9"[:0] + "0012345678912123456789")
_SPACED_LETTERS = re.compile(r"(?<![a-z])(?:[a-z] ){2,}[a-z](?![a-z])")
_HANDLE = re.compile(r"(?<![a-z0-9_])(?=[a-z0-9_]*[a-z])(?=[a-z0-9_]*(?:_|[0-9]{3}))[a-z][a-z0-9_]{4,24}(?![a-z0-9_])")
_PROMO = re.compile(r"(?<![A-Za-z0-9])(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z][A-Z0-9]{3,11}(?![A-Za-z0-9])")
_REPEAT = re.compile(r"(.)\1{3,}", re.S)
_PUNCT_REPEAT = re.compile(r"([!?！？.。~～…,，])\1+")
_SPACES = re.compile(r"[ \t\u2005\u3000]+")
_EXTRA_MAP = str.maketrans({"➕": "+", "❤": "❤", "♥": "❤", "♡": "❤", "\u2005": " "})


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised message: ``text`` with feature tokens, ``quote`` removed."""

    text: str
    quote: str | None
    tags: tuple[str, ...]


def to_simplified(text: str) -> str:
    """NFKC (full width → half width, 𝟏 → 1, ⑨ → 9), lower case, traditional → simplified."""
    text = unicodedata.normalize("NFKC", text).translate(_EXTRA_MAP)
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
    digits = re.sub(r"[\s\-]", "", raw).translate(_CN_DIGITS)
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


def _spaced_letters(m: re.Match[str]) -> str:
    return " " + m.group(0).replace(" ", "") + " __disguise__ "


def squeeze(text: str) -> str:
    """Repeated characters: four or more of one become three; punctuation runs one."""
    text = _REPEAT.sub(lambda m: m.group(1) * 3, text)
    return _PUNCT_REPEAT.sub(r"\1", text)


def normalize(text: object) -> Normalized:
    """Normalise one message; any input (None, bytes, garbage) gives a result."""
    if text is None:
        return Normalized("", None, ())
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else str(text)
    tags: list[str] = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        tags.append("__long__")
    text = _CONTROL.sub(" ", text)
    quote: str | None = None
    for pat in (_QUOTE_WECHAT, _QUOTE_REPLY):
        m = pat.match(text)
        if m:
            quote, text = m.group(1), text[m.end() :]
            break
    else:
        m = _QUOTE_WECHAT_TAIL.search(text)
        if m:
            quote, text = m.group(1), text[: m.start()]
        else:
            m = _QUOTE_MD.match(text)
            if m and m.end() < len(text):
                quote = m.group(0).replace(">", " ").strip()
                text = text[m.end() :]
    if quote is not None:
        tags.append("__quote__")
    # promo codes are upper case; find them before lower-casing
    if _PROMO.search(text):
        text = _PROMO.sub(" __code__ ", text)
    text = to_simplified(text)
    text = _EMOJI_CODE.sub(_emoji_code, text)
    if "拍了拍" in text:
        text = _PAT.sub(" __pat__ ", text)
    if "红包" in text and _REDPACKET.search(text):
        text = _REDPACKET.sub(" __redpacket__ ", text)
    if "撤回" in text:
        text = _RECALL.sub(" __recall__ ", text)
    if "群聊" in text:
        text = _JOIN.sub(" __joined__ ", text)
    text = _EMAIL.sub(" __email__ ", text)
    text = _MENTION.sub(" __at__ ", text)
    text = _URL.sub(" __url__ ", text)
    text = _PHONE_MASKED.sub(" __phone__ ", text)
    text = _INTL_PHONE.sub(" __phone__ ", text)
    text = _DIGIT_RUN.sub(_digit_run, text)
    text = _SPACED_LETTERS.sub(_spaced_letters, text)
    text = _HANDLE.sub(" __handle__ ", text)
    text = squeeze(text)
    text = _SPACES.sub(" ", text).strip()
    return Normalized(text, quote, tuple(tags))


def normalize_key(text: str) -> str:
    """The key of exact-text corrections: text compared as a KOE reads it."""
    if not isinstance(text, str):
        return ""
    text = to_simplified(_CONTROL.sub(" ", text))
    return _SPACES.sub(" ", squeeze(text)).strip()
