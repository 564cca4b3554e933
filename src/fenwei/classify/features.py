"""Feature lines for the fastText heads.

A message becomes one whitespace-separated line: its characters (CJK one by
one, Latin words whole) in order, so fastText's word n-grams are character
n-grams; then the ``rjieba`` words of two characters or more; then feature
tokens: the ones ``normalize`` left in the text, lexicon hits, the author's
role, the length and the script; then, for the act head, tokens of the
message it replies to (prefixed ``c:``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rjieba

from fenwei.classify.lexicons import lexicon_tokens
from fenwei.classify.normalize import Normalized, normalize

_PIECES = re.compile(
    r"__[a-z0-9_]+?__|[a-z][a-z'’]*|[0-9]+(?:[.,:][0-9]+)*|[\u3040-\u30ff]|[\uac00-\ud7af]|\S",
)
_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")
_MAX_TOKENS = 160
_MAX_CONTEXT = 30


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message's feature lines: ``full`` for the act head, ``plain`` for the others."""

    full: str
    plain: str


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def _script(text: str) -> str:
    if _KANA.search(text):
        return "__script_ja__"
    if _HANGUL.search(text):
        return "__script_ko__"
    cjk = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk and latin > 3 * cjk:
        return "__script_mixed__"
    if cjk:
        return "__script_zh__"
    if latin:
        return "__script_en__"
    return "__script_none__"


def _length(n: int) -> str:
    if n <= 2:
        return "__len_xs__"
    if n <= 8:
        return "__len_s__"
    if n <= 30:
        return "__len_m__"
    if n <= 80:
        return "__len_l__"
    return "__len_xl__"


def _num(tok: str) -> str:
    return tok if len(tok) <= 2 else f"__n{min(len(tok), 6)}__"


def text_tokens(text: str) -> list[str]:
    """Characters and words of normalised text, then its jieba words."""
    toks = [_num(t) if t[0].isdigit() else t for t in _PIECES.findall(text)[:_MAX_TOKENS]]
    for run in _CJK.findall(text[:400]):
        toks.extend(w for w in rjieba.cut(run) if len(w) > 1)
    return toks


def prepare(
    text: object,
    role: str | None = None,
    context: object = None,
    *,
    norm: Normalized | None = None,
) -> Prepared:
    """The feature lines of one message (any input gives lines, never an error)."""
    if norm is None:
        norm = normalize(text)
    body = norm.text
    toks = text_tokens(body)
    extra = lexicon_tokens(body)
    extra.append(_script(body))
    extra.append(_length(len(body)))
    extra.extend(norm.tags)
    if not toks:
        extra.append("__empty__")
    plain = " ".join(toks + extra)
    role_tok = f"__role_{role}__" if role in ("staff", "member") else "__role_none__"
    ctx_text: str | None = None
    if context is not None:
        ctx_text = normalize(context).text
    elif norm.quote:
        ctx_text = normalize(norm.quote).text
    ctx: list[str] = []
    if ctx_text:
        ctx.append("__has_ctx__")
        ctx.extend("c:" + t for t in text_tokens(ctx_text)[:_MAX_CONTEXT])
        ctx.extend("c:" + t for t in lexicon_tokens(ctx_text))
        if "?" in ctx_text or "吗" in ctx_text:
            ctx.append("c:__q__")
    else:
        ctx.append("__no_ctx__")
    full = " ".join([plain, role_tok, *ctx])
    return Prepared(full, plain)
