"""fenwei.yaml: defaults from the CONTRACTS table, overrides, and one clear error per mistake."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from fenwei.config.community import CommunityConfig, load_config, parse_duration
from fenwei.errors import ConfigError


def test_defaults_mirror_the_contract_table() -> None:
    s = CommunityConfig.default().for_group("g-any")
    assert s.deadlines == {
        "newcomer": timedelta(minutes=10),
        "open_question": timedelta(minutes=30),
        "unthanked_contribution": timedelta(hours=2),
        "complaint": timedelta(minutes=15),
        "criticism": timedelta(hours=1),
        "conflict": timedelta(minutes=10),
        "rule_violation": timedelta(minutes=10),
    }
    assert s.silence.gap == timedelta(hours=48) and s.silence.min_messages == 5
    assert (s.flood.messages, s.flood.window) == (10, timedelta(seconds=60))
    assert (s.trust.new_member_window, s.trust.new_member_messages) == (timedelta(days=14), 5)
    assert (s.trust.threshold_offset, s.trust.helpful_acts) == (0.15, 5)
    assert (s.core_member.acts, s.core_member.cooldown) == (5, timedelta(days=30))
    assert s.autopilot == frozenset() and s.autopilot_delay is None
    assert {"product", "service", "delivery", "app", "price"} <= set(s.departments)


def test_group_overrides(tmp_path: Path) -> None:
    path = tmp_path / "fenwei.yaml"
    path.write_text(
        """
groups:
  g-shanghai-3:
    name: 上海3群
    staff: [u-9]
    rules: 禁止广告
    value: 车主互助
    locale: zh-CN
    deadlines: {newcomer: 5m, open_question: 1h30m}
    autopilot: [newcomer]
    autopilot_delay: 2m
    trust: {ad_threshold: 0.6}
departments:
  product: {name: 产品部, topics: [续航]}
""",
        encoding="utf-8",
    )
    cfg = load_config(path)
    s = cfg.for_group("g-shanghai-3")
    assert s.deadlines["newcomer"] == timedelta(minutes=5)
    assert s.deadlines["open_question"] == timedelta(minutes=90)
    assert s.deadlines["complaint"] == timedelta(minutes=15)
    assert (s.name, s.rules, s.value, s.locale) == ("上海3群", "禁止广告", "车主互助", "zh-CN")
    assert s.staff == frozenset({"u-9"}) and s.autopilot == frozenset({"newcomer"})
    assert s.autopilot_delay == timedelta(minutes=2)
    assert s.trust.ad_threshold == 0.6 and s.trust.attack_threshold == 0.5
    assert s.departments["product"].name == "产品部"
    assert "delivery" in s.departments
    other = cfg.for_group("g-other")
    assert other.deadlines["newcomer"] == timedelta(minutes=10) and other.staff == frozenset()


def test_empty_file_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "fenwei.yaml"
    path.write_text("", encoding="utf-8")
    assert load_config(path) == CommunityConfig.default()


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("10m", timedelta(minutes=10)),
        ("2h", timedelta(hours=2)),
        ("48h", timedelta(hours=48)),
        ("14d", timedelta(days=14)),
        ("60s", timedelta(seconds=60)),
        ("1h30m", timedelta(minutes=90)),
    ],
)
def test_durations(text: str, duration: timedelta) -> None:
    assert parse_duration(text) == duration


BAD = [
    (
        "groups:\n  g1:\n    stafff: [u-1]\n",
        "groups.g1.stafff: unknown key",
    ),
    (
        "groups:\n  g1:\n    deadlines: {welcome: 5m}\n",
        "groups.g1.deadlines.welcome: unknown key",
    ),
    (
        "groups:\n  g1:\n    staff: 3\n",
        "groups.g1.staff: expected a list, got 3",
    ),
    (
        "trust:\n  ad_threshold: high\n",
        "trust.ad_threshold: expected a number, got 'high'",
    ),
    (
        "groups:\n  g1:\n    deadlines: {newcomer: 5 minutes}\n",
        "groups.g1.deadlines.newcomer: expected a duration such as 10m, 2h or 48h, got '5 minutes'",
    ),
    (
        "groups:\n  g1:\n    deadlines: {newcomer: 5}\n",
        "groups.g1.deadlines.newcomer: expected a duration such as 10m, 2h or 48h, got 5",
    ),
    (
        "autopilot:\n  delay: soon\n",
        "autopilot.delay: expected a duration such as 10m, 2h or 48h, got 'soon'",
    ),
    (
        "groups:\n  g1:\n    autopilot: [newcomers]\n",
        "groups.g1.autopilot.0: unknown situation kind 'newcomers' (expected one of: newcomer, "
        "open_question, unthanked_contribution, complaint, criticism, conflict, rule_violation, "
        "silence, staff_tone, core_member)",
    ),
    (
        "groups:\n  g1:\n    locale: fr\n",
        "groups.g1.locale: unknown locale 'fr' (expected one of: zh-CN, en)",
    ),
    (
        "groups: [g1]\n",
        "groups: expected a map, got ['g1']",
    ),
    (
        "- just\n- a list\n",
        "-: expected a map of settings at the top level",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(":")[0] for _, m in BAD])
def test_bad_yaml_names_file_key_and_problem(tmp_path: Path, text: str, message: str) -> None:
    from fenwei.i18n import set_locale

    path = tmp_path / "fenwei.yaml"
    path.write_text(text, encoding="utf-8")
    set_locale("en")
    try:
        with pytest.raises(ConfigError) as info:
            load_config(path)
    finally:
        set_locale(None)
    assert info.value.render("en") == f"{path}: {message}"


def test_not_yaml_at_all(tmp_path: Path) -> None:
    from fenwei.i18n import set_locale

    path = tmp_path / "fenwei.yaml"
    path.write_text("groups:\n  g1: [\n", encoding="utf-8")
    set_locale("en")
    try:
        with pytest.raises(ConfigError) as info:
            load_config(path)
    finally:
        set_locale(None)
    assert info.value.render("en") == f"{path}:3: -: not valid YAML"


def test_error_in_chinese(tmp_path: Path) -> None:
    from fenwei.i18n import set_locale

    path = tmp_path / "fenwei.yaml"
    path.write_text("groups:\n  g1:\n    stafff: [u-1]\n", encoding="utf-8")
    set_locale("zh-CN")
    try:
        with pytest.raises(ConfigError) as info:
            load_config(path)
    finally:
        set_locale(None)
    assert info.value.render("zh-CN") == f"{path}: groups.g1.stafff: 未知的配置项"
    assert info.value.params["key"] == "groups.g1.stafff"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml")
    assert info.value.params["key"] == "-"
