"""The community configuration (``fenwei.yaml``): groups, staff, rules, deadlines.

The YAML is validated by pydantic models with ``extra="forbid"``; any
problem becomes one ``ConfigError`` naming the file, the dotted key path and
what was expected. Values not given come from ``defaults.yaml`` (the
CONTRACTS.md table), so an empty or missing file is a working configuration.
Inside fenwei the engine reads ``GroupSettings``, a frozen per-group view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from fenwei.errors import ConfigError

_DEFAULTS = Path(__file__).with_name("defaults.yaml")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(value: Any) -> timedelta:
    """``"10m"``, ``"2h"``, ``"48h"``, ``"14d"``, ``"1h30m"``, ``"60s"`` as a timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str) and value.strip():
        m = _DURATION.match(value)
        if m and any(m.groups()):
            d, h, mi, s = (int(g) if g else 0 for g in m.groups())
            return timedelta(days=d, hours=h, minutes=mi, seconds=s)
    raise ValueError("bad_duration")


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
OptDuration = Annotated[
    timedelta | None, BeforeValidator(lambda v: v if v is None else parse_duration(v))
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Deadlines(_Model):
    newcomer: Duration | None = None
    open_question: Duration | None = None
    unthanked_contribution: Duration | None = None
    complaint: Duration | None = None
    criticism: Duration | None = None
    conflict: Duration | None = None
    rule_violation: Duration | None = None


class Autopilot(_Model):
    kinds: list[str] = Field(default_factory=list)
    delay: OptDuration = None
    min_interval: Duration = timedelta(minutes=1)


class ConflictRule(_Model):
    window: Duration = timedelta(minutes=10)
    toxicity: float = 0.5
    sentiment: float = -0.5


class FloodRule(_Model):
    messages: int = 10
    window: Duration = timedelta(seconds=60)


class SilenceRule(_Model):
    gap: Duration = timedelta(hours=48)
    min_messages: int = 5


class StaffToneRule(_Model):
    toxicity: float = 0.3
    sentiment: float = -0.3
    cues: list[str] = Field(default_factory=list)


class OpenQuestionRule(_Model):
    dismissive: list[str] = Field(default_factory=list)


class CoreMemberRule(_Model):
    acts: int = 5
    window: Duration = timedelta(days=14)
    cooldown: Duration = timedelta(days=30)


class Trust(_Model):
    new_member_window: Duration = timedelta(days=14)
    new_member_messages: int = 5
    threshold_offset: float = 0.15
    helpful_acts: int = 5
    ad_threshold: float = 0.5
    attack_threshold: float = 0.5


class Department(_Model):
    name: str | None = None
    topics: list[str] = Field(default_factory=list)


class GroupConfig(_Model):
    """One group's overrides; everything is optional."""

    name: str | None = None
    staff: list[str] = Field(default_factory=list)
    rules: str | None = None
    value: str | None = None
    locale: str | None = None
    deadlines: Deadlines = Deadlines()
    autopilot: list[str] | None = None
    autopilot_delay: OptDuration = None
    trust: dict[str, float] | None = None
    playbooks: dict[str, dict[str, str]] = Field(default_factory=dict)


class CommunityConfig(_Model):
    """The whole ``fenwei.yaml``, merged over ``defaults.yaml``."""

    deadlines: Deadlines = Deadlines()
    autopilot: Autopilot = Autopilot()
    conflict: ConflictRule = ConflictRule()
    flood: FloodRule = FloodRule()
    silence: SilenceRule = SilenceRule()
    staff_tone: StaffToneRule = StaffToneRule()
    open_question: OpenQuestionRule = OpenQuestionRule()
    core_member: CoreMemberRule = CoreMemberRule()
    trust: Trust = Trust()
    burst_window: Duration = timedelta(minutes=10)
    departments: dict[str, Department] = Field(default_factory=dict)
    default_department: str = "product"
    rules: str | None = None
    value: str | None = None
    locale: str | None = None
    staff: list[str] = Field(default_factory=list)
    groups: dict[str, GroupConfig] = Field(default_factory=dict)
    playbooks: dict[str, dict[str, str]] = Field(default_factory=dict)

    @classmethod
    def default(cls) -> CommunityConfig:
        """The configuration ``analyze`` uses when no file is given."""
        return _default_config()

    def for_group(self, group_id: str) -> GroupSettings:
        """The effective, frozen settings of one group."""
        return _group_settings(self, group_id)


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """Everything the engine and the playbooks need about one group."""

    group_id: str
    name: str | None
    staff: frozenset[str]
    rules: str | None
    value: str | None
    locale: str | None
    deadlines: dict[str, timedelta]
    autopilot: frozenset[str]
    autopilot_delay: timedelta | None
    autopilot_interval: timedelta
    conflict: ConflictRule
    flood: FloodRule
    silence: SilenceRule
    staff_tone: StaffToneRule
    open_question: OpenQuestionRule
    core_member: CoreMemberRule
    trust: Trust
    burst_window: timedelta
    departments: dict[str, Department]
    default_department: str
    playbooks: dict[str, dict[str, str]]

    def deadline(self, kind: str) -> timedelta | None:
        return self.deadlines.get(kind)

    def __hash__(self) -> int:
        return hash(self.group_id)


def _group_settings(cfg: CommunityConfig, group_id: str) -> GroupSettings:
    g = cfg.groups.get(group_id) or GroupConfig()
    deadlines = {k: v for k, v in cfg.deadlines.model_dump().items() if v is not None}
    deadlines.update({k: v for k, v in g.deadlines.model_dump().items() if v is not None})
    trust = cfg.trust
    if g.trust:
        trust = Trust.model_validate({**cfg.trust.model_dump(), **g.trust})
    playbooks = {k: dict(v) for k, v in cfg.playbooks.items()}
    for k, v in g.playbooks.items():
        playbooks.setdefault(k, {}).update(v)
    return GroupSettings(
        group_id=group_id,
        name=g.name,
        staff=frozenset([*cfg.staff, *g.staff]),
        rules=g.rules if g.rules is not None else cfg.rules,
        value=g.value if g.value is not None else cfg.value,
        locale=g.locale or cfg.locale,
        deadlines=deadlines,
        autopilot=frozenset(g.autopilot if g.autopilot is not None else cfg.autopilot.kinds),
        autopilot_delay=g.autopilot_delay or cfg.autopilot.delay,
        autopilot_interval=cfg.autopilot.min_interval,
        conflict=cfg.conflict,
        flood=cfg.flood,
        silence=cfg.silence,
        staff_tone=cfg.staff_tone,
        open_question=cfg.open_question,
        core_member=cfg.core_member,
        trust=trust,
        burst_window=cfg.burst_window,
        departments=dict(cfg.departments),
        default_department=cfg.default_department,
        playbooks=playbooks,
    )


@cache
def _defaults_data() -> dict[str, Any]:
    with _DEFAULTS.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    assert isinstance(data, dict)
    return data


@cache
def _default_config() -> CommunityConfig:
    return CommunityConfig.model_validate(_defaults_data())


_KINDS = (
    "newcomer",
    "open_question",
    "unthanked_contribution",
    "complaint",
    "criticism",
    "conflict",
    "rule_violation",
    "silence",
    "staff_tone",
    "core_member",
)
_LOCALES = ("zh-CN", "en")


def _merge(base: Any, over: Any) -> Any:
    """Deep-merge ``over`` onto ``base``; maps merge, anything else replaces.

    ``groups`` and ``departments`` given by the user replace the defaults'
    entries one by one; a key set to null keeps the default.
    """
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            if v is None and k in out:
                continue
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return over


def load_config(path: str | Path) -> CommunityConfig:
    """Read and validate ``fenwei.yaml``; raise ``ConfigError`` on any problem."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except OSError as exc:
        raise _config_error(
            path=str(p), key="-", problem=_problem("unreadable", detail=exc.strerror or str(exc))
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise _config_error(
            path=f"{p}:{line}" if line else str(p), key="-", problem=_problem("bad_yaml")
        ) from exc
    return config_from_data(raw, str(p))


def config_from_data(raw: Any, path: str = "fenwei.yaml") -> CommunityConfig:
    """Validate already-parsed YAML data (the top level must be a map)."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _config_error(path=path, key="-", problem=_problem("not_a_map"))
    try:
        cfg = CommunityConfig.model_validate(_merge(_defaults_data(), raw))
    except ValidationError as exc:
        raise _to_config_error(exc, path) from exc
    _check_kinds(cfg, path)
    return cfg


def _check_kinds(cfg: CommunityConfig, path: str) -> None:
    def bad_kind(key: str, value: str) -> ConfigError:
        return _config_error(
            path=path, key=key, problem=_problem("bad_kind", value=value, kinds=", ".join(_KINDS))
        )

    for i, kind in enumerate(cfg.autopilot.kinds):
        if kind not in _KINDS:
            raise bad_kind(f"autopilot.kinds.{i}", kind)
    for gid, g in cfg.groups.items():
        for i, kind in enumerate(g.autopilot or []):
            if kind not in _KINDS:
                raise bad_kind(f"groups.{gid}.autopilot.{i}", kind)
        if g.locale is not None and g.locale not in _LOCALES:
            raise _config_error(
                path=path,
                key=f"groups.{gid}.locale",
                problem=_problem("bad_locale", value=g.locale, locales=", ".join(_LOCALES)),
            )
    if cfg.locale is not None and cfg.locale not in _LOCALES:
        raise _config_error(
            path=path,
            key="locale",
            problem=_problem("bad_locale", value=cfg.locale, locales=", ".join(_LOCALES)),
        )


def _config_error(path: str, key: str, problem: str) -> ConfigError:
    """A ``ConfigError`` with the ``{path}: {key}: {problem}`` placeholders.

    ``FenweiError.__init__`` takes the catalog key as its own ``key``
    argument, so the key path placeholder is set after construction.
    """
    err = ConfigError("error.config", path=path, problem=problem)
    err.params["key"] = key
    err.args = (f"{err.key} {err.params}",)
    return err


def _to_config_error(exc: ValidationError, path: str) -> ConfigError:
    err = exc.errors()[0]
    loc = [str(x) for x in err["loc"] if not str(x).startswith("function-")]
    # pydantic adds the union branch or validator name to the location
    loc = [x for x in loc if x not in ("timedelta", "none", "lax-or-strict", "json-or-python")]
    key = ".".join(loc) or "-"
    etype = err["type"]
    value = err.get("input")
    if etype == "extra_forbidden":
        problem = _problem("unknown_key")
    elif etype == "value_error" and "bad_duration" in str(err.get("msg", "")):
        problem = _problem("bad_duration", value=_show(value))
    else:
        problem = _problem("wrong_type", expected=_expected(etype), value=_show(value))
    return _config_error(path=path, key=key, problem=problem)


_EXPECTED = {
    "string_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "list_type": "list",
    "dict_type": "map",
    "model_type": "map",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
}


def _expected(etype: str) -> str:
    from fenwei.i18n import t

    return t(f"config.expected.{_EXPECTED.get(etype, 'value')}")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(key: str, **params: Any) -> str:
    from fenwei.i18n import t

    return t(f"config.problem.{key}", **params)
