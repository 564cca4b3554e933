"""Words and numbers for the report, in the reader's language (report.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from fenwei.i18n import normalize_locale, t

GOOD, WATCH = 75.0, 50.0


def locale_of(data: Mapping[str, Any], locale: str | None) -> str:
    return normalize_locale(locale) or normalize_locale(data.get("locale")) or "zh-CN"


def level(score: float) -> str:
    """``good`` (≥ 75), ``watch`` (50–75) or ``act`` (< 50)."""
    if score >= GOOD:
        return "good"
    return "watch" if score >= WATCH else "act"


def freq_of(data: Mapping[str, Any]) -> str:
    """Days for a report of three weeks or less, weeks beyond."""
    return "day" if int(data.get("period", {}).get("days") or 0) <= 21 else "week"


def series_of(group: Mapping[str, Any], freq: str) -> list[dict[str, Any]]:
    return list(group["daily"] if freq == "day" else group["weekly"])


def day(iso: str | None) -> str:
    """The local date of an ISO time (as written, in the group's offset)."""
    return iso[:10] if iso else ""


def last_day(end_iso: str | None) -> str:
    """The last day a half-open period covers (its end is the next midnight)."""
    if not end_iso:
        return ""
    end = datetime.fromisoformat(end_iso)
    return (end - timedelta(microseconds=1)).date().isoformat()


def minute(iso: str | None) -> str:
    """Local date and time to the minute."""
    if not iso:
        return ""
    at = datetime.fromisoformat(iso)
    return at.strftime("%Y-%m-%d %H:%M")


def num(value: object, loc: str, digits: int = 0) -> str:
    if value is None:
        return t("report.missing", loc)
    if isinstance(value, float):
        return f"{value:,.{digits}f}" if digits else f"{round(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def pct(share: object, loc: str) -> str:
    """A share 0–1 as a percentage."""
    if not isinstance(share, int | float):
        return t("report.missing", loc)
    return f"{100 * share:.0f}%"


def figures_sentence(part: str, figures: Mapping[str, Any], loc: str) -> str:
    """The numbers behind a part, in one sentence."""
    f = figures
    m = t("report.missing", loc)
    if part == "vitality":
        return t(
            "report.figures.vitality",
            loc,
            active=pct(f.get("active_share"), loc),
            interactive=pct(f.get("interactive_share"), loc),
            messages=num(f.get("messages"), loc),
            speakers=num(f.get("speakers"), loc),
        )
    if part == "warmth":
        ratio = f.get("tone_ratio")
        return t(
            "report.figures.warmth",
            loc,
            welcomed=num(f.get("welcomed_in_time"), loc),
            newcomers=num(f.get("newcomers"), loc),
            welcome_min=num(f.get("welcome_median_min"), loc, 1),
            thanked=num(f.get("thanked_in_time"), loc),
            contributions=num(f.get("contributions"), loc),
            ratio=f"{ratio:.1f}" if isinstance(ratio, int | float) else m,
            tone_issues=num(f.get("staff_tone_issues"), loc),
        )
    if part == "safety":
        return t(
            "report.figures.safety",
            loc,
            bad=num(f.get("bad_messages"), loc),
            handled=num(f.get("incidents_handled_in_time"), loc),
            incidents=num(f.get("incidents"), loc),
            ack=num(f.get("criticisms_acknowledged_in_time"), loc),
            criticisms=num(f.get("criticisms"), loc),
        )
    if part == "helpfulness":
        return t(
            "report.figures.helpfulness",
            loc,
            answered=num(f.get("answered_in_time"), loc),
            questions=num(f.get("questions"), loc),
            ttfa=num(f.get("ttfa_median_min"), loc, 1),
            cared=num(f.get("complaints_handled_in_time"), loc),
            complaints=num(f.get("complaints"), loc),
        )
    return t(
        "report.figures.belonging",
        loc,
        member_share=pct(f.get("member_share"), loc),
        core=num(f.get("core_members"), loc),
        left=num(f.get("left"), loc),
    )


CORE_NAMES = 10


def core_sentence(core: list[Mapping[str, Any]], loc: str, quote: Any = str) -> str:
    """Who emerged as a core member: up to ``CORE_NAMES`` names, then an ellipsis."""
    if not core:
        return t("report.group.core_none", loc)
    sep = "、" if loc == "zh-CN" else ", "
    names = sep.join(quote(c["name"]) for c in core[:CORE_NAMES])
    if len(core) > CORE_NAMES:
        names += sep + "…"
    return t("report.group.core_new", loc, n=len(core), names=names)
