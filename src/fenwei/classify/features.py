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

# Han first: it is most of the text, and none of the other alternatives matches it
_PIECES = re.compile(
    r"[\u4e00-\u9fff]|__[a-z0-9_]+?__|[a-z][a-z'’]*|[0-9]+(?:[.,:][0-9]+)*"
    r"|[\u3040-\u30ff]|[\uac00-\ud7af]|\S",
)
_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")
_ANY_DIGIT = re.compile(r"[0-9]")
_MAX_TOKENS = 160
_MAX_CONTEXT = 30


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message's feature lines: ``full`` for the act head, ``plain`` for the others."""

    full: str
    plain: str


_HAN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")


def _count(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` are in the runs ``runs`` finds."""
    return sum(map(len, runs.findall(text)))


def _script(text: str) -> str:
    if text.isascii():
        return "__script_en__" if _LATIN.search(text) else "__script_none__"
    if _KANA_HANGUL.search(text):
        return "__script_ja__" if _KANA.search(text) else "__script_ko__"
    cjk = _count(_HAN, text)
    if not cjk:
        return "__script_en__" if _LATIN.search(text) else "__script_none__"
    # mixed: over three Latin letters per Han character (so over four characters per Han one)
    if len(text) > 4 * cjk and _count(_LATIN, text) > 3 * cjk:
        return "__script_mixed__"
    return "__script_zh__"


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
    toks = _PIECES.findall(text)[:_MAX_TOKENS]
    if _ANY_DIGIT.search(text):
        toks = [_num(t) if t[0].isdigit() else t for t in toks]
    runs = _CJK.findall(text[:400])
    if runs:
        # one call for all runs: jieba cuts each on its own, and the spaces
        # between them come back as one-character words, which are dropped
        toks += [w for w in rjieba.cut(" ".join(runs)) if len(w) > 1]
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
    line = [*toks, *lexicon_tokens(body), _script(body), _length(len(body)), *norm.tags]
    if not toks:
        line.append("__empty__")
    plain = " ".join(line)
    role_tok = f"__role_{role}__" if role in ("staff", "member") else "__role_none__"
    ctx_text: str | None = None
    if context is not None:
        ctx_text = normalize(context).text
    elif norm.quote:
        ctx_text = normalize(norm.quote).text
    ctx: list[str] = []
    if ctx_text:
        ctx.append("__has_ctx__")
        ctx += ["c:" + t for t in text_tokens(ctx_text)[:_MAX_CONTEXT]]
        ctx += ["c:" + t for t in lexicon_tokens(ctx_text)]
        if "?" in ctx_text or "吗" in ctx_text:
            ctx.append("c:__q__")
    else:
        ctx.append("__no_ctx__")
    full = " ".join([plain, role_tok, *ctx])
    return Prepared(full, plain)
