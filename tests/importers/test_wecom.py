"""WecomReader: decrypted chat-archive JSON lines (FORMATS.md §3a)."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fenwei.importers.base import ImportOptions
from fenwei.importers.wecom import WecomReader
from fenwei.model import Event, EventType, ImportIssue, Role

WECOM = Path(__file__).resolve().parent.parent / "data" / "importers" / "wecom"
ROOM = "wrFakeRoom0001"


def utc_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def message(
    id_: str, ms: int, member: str, text: str, role: Role = Role.MEMBER, group: str = ROOM
) -> Event:
    return Event(EventType.MESSAGE, group, utc_ms(ms), member, id_, role=role, text=text)


def test_archive_events_and_issues() -> None:
    path = WECOM / "archive.jsonl"
    p = str(path)
    got = list(WecomReader().read(path, ImportOptions()))
    assert got == [
        # inline @name stays in the text; external customer (wm…) is a member
        message(
            "1001_1709384710123_external",
            1709384710123,
            "wmAbC123FakeExternal",
            "@张三 明天几点开会？",
        ),
        # an employee's userid: staff
        message("1002_1709384720000", 1709384720000, "zhangsan", "上午十点，会议室 A", Role.STAFF),
        # line 3 (1:1, empty roomid) and line 4 (switch) skipped silently
        message("1005_1709384750000", 1709384750000, "woXyZ987FakeCustomer", ""),  # image
        message("1006_1709384760000", 1709384760000, "woXyZ987FakeCustomer", "这个怎么用？\n看图"),
        Event(
            EventType.RECALL,
            ROOM,
            utc_ms(1709384770000),
            "woXyZ987FakeCustomer",
            "1006_1709384760000",
        ),
        ImportIssue(
            p,
            9,
            None,
            "import.issue.bad_json",
            {"detail": "invalid literal, expected 'true': line 1 column 1 (char 0)"},
        ),
        ImportIssue(p, 10, "from", "import.issue.missing_field", {}),
        ImportIssue(p, 11, "msgtime", "import.issue.bad_time", {}),
        ImportIssue(p, 12, "msgid", "import.issue.missing_field", {}),
        ImportIssue(p, 13, "revoke.pre_msgid", "import.issue.missing_field", {}),
        message(
            "1013_1709384830000",
            1709384830000,
            "wbFakeRobot00000000000000000001",
            "每日提醒：请遵守群规",
        ),  # bot
        ImportIssue(p, 15, None, "import.issue.not_object", {}),
        ImportIssue(p, 16, "action", "import.issue.unknown_action", {"value": "forward"}),
        message(
            "1016_1709384860000",
            1709384860000,
            "wolf",  # an employee's userid that starts with "wo"
            "",
            Role.STAFF,
            group="wrFakeRoom0002",
        ),
        ImportIssue(p, 18, "text", "import.issue.missing_field", {}),
    ]


def test_milliseconds_and_zone_kept() -> None:
    first = next(WecomReader().read(WECOM / "archive.jsonl", ImportOptions()))
    assert isinstance(first, Event)
    assert first.at.utcoffset() == timedelta(hours=8)
    assert first.to_dict()["time"] == "2024-03-02T21:05:10.123000+08:00"
    assert first.to_dict()["role"] == "member"


def test_bom_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    line = {
        "msgid": "m1",
        "action": "send",
        "from": "zhangsan",
        "roomid": "r1",
        "msgtime": 1709384400000,
        "msgtype": "text",
        "text": {"content": "hi"},
    }
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(line).encode() + b"\n")
    assert list(WecomReader().read(path, ImportOptions())) == [
        Event(
            EventType.MESSAGE,
            "r1",
            utc_ms(1709384400000),
            "zhangsan",
            "m1",
            role=Role.STAFF,
            text="hi",
        )
    ]


def test_sniff() -> None:
    reader = WecomReader()
    assert reader.sniff((WECOM / "archive.jsonl").read_text(encoding="utf-8"), Path("a.jsonl"))
    switch_first = '{"msgid": "x", "action": "switch", "time": 1, "user": "u"}\n'
    assert reader.sniff(switch_first, Path("a.jsonl"))
    truncated = '{"msgid": "x", "action": "send", "from": "u", "text": {"content": "' + "长" * 10
    assert reader.sniff(truncated, Path("a.jsonl"))
    fenwei_line = '{"type": "recall", "group": "g", "id": "x", "msgid": "x", "msgtime": 1}\n'
    assert not reader.sniff(fenwei_line, Path("a.jsonl"))
    assert not reader.sniff("\n\n", Path("a.jsonl"))
    assert not reader.sniff("localId,TalkerId\n", Path("a.csv"))


def test_memory_stays_flat(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(20_000):
            row = {
                "msgid": f"m{i}",
                "action": "send",
                "from": "wmX",
                "roomid": "r",
                "msgtime": 1709384400000 + i,
                "msgtype": "text",
                "text": {"content": "字" * 300},
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in WecomReader().read(path, ImportOptions()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 1_000_000, peak
