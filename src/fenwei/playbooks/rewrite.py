"""A warmer rewrite of a staff message that set the wrong tone.

No language model: the sentences that carry the impatience (the configured
cues and a few condescending markers) are dropped, condescending filler words
are removed, and what is left (the actual information) is wrapped in the
catalog's warm opening and closing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SENTENCES = re.compile(r"[^。!?!?\n;；,，.]+[。!?!?\n;；,，.]*")
_MARKERS = (
    "八百遍",
    "多少遍",
    "说过了",
    "能不能先",
    "自己看",
    "自己查",
    "自己去",
    "翻翻",
    "不会吗",
    "这都不会",
    "every week",
    "read the docs",
    "rtfm",
    "google it",
    "as i said",
    "if you'd",
    "if you had",
    "like the docs tell you",
    "again?",
    "obviously",
    "wouldn't have",
    "would not have",
    "早就说过",
    "不就好了",
    "不是说了",
)
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\S+)+\s*")
_FILLERS = re.compile(r"\b(literally|obviously|just|simply)\s+", re.IGNORECASE)


def warm_core(text: str, cues: Iterable[str] = ()) -> str:
    """The informative part of ``text``, without the impatient sentences."""
    markers = tuple(c.lower() for c in (*_MARKERS, *cues) if c)
    kept: list[str] = []
    body = _LEADING_MENTIONS.sub("", text)
    for sentence in _SENTENCES.findall(body):
        s = sentence.strip()
        if not s or any(mk in s.lower().replace("’", "'") for mk in markers):
            continue
        kept.append(_FILLERS.sub("", s))
    latin = _latin(text)
    core = (" ".join(kept) if latin else "".join(kept)).strip(" ,，;；")
    if core and latin:
        core = core[0].upper() + core[1:]
    if core and core[-1] not in "。!?!?.~～":
        core += "." if latin else "。"
    return core


def _latin(text: str) -> bool:
    return sum(c.isascii() and c.isalpha() for c in text) > len(text) / 3
