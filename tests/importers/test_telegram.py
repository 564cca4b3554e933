"""TelegramReader: single-chat and full-account result.json, the traps of FORMATS.md §1."""

from __future__ import annotations

import dataclasses
import json
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fenwei.errors import ImportFormatError
from fenwei.importers.base import SNIFF_BYTES, ImportOptions
from fenwei.importers.jsonl import JsonlReader
from fenwei.importers.telegram import TelegramReader, _single_chat
from fenwei.importers.wechat_csv import CsvReader
from fenwei.importers.wecom import WecomReader
from fenwei.model import Event, EventType, ImportIssue

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
TG = DATA / "telegram"
G = "tg-1987654321"
NAME = "Fenwei Test Group"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def utc(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def shanghai(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def read(path: Path, **options: object) -> list[Event | ImportIssue]:
    return list(TelegramReader().read(path, ImportOptions(**options)))  # type: ignore[arg-type]


def message(
    id_: str,
    at: datetime,
    member: str,
    name: str | None,
    text: str,
    reply_to: str | None = None,
    mentions: tuple[str, ...] = (),
) -> Event:
    return Event(
        EventType.MESSAGE,
        G,
        at,
        member,
        id_,
        name,
        text=text,
        reply_to=reply_to,
        mentions=mentions,
        group_name=NAME,
    )


def member_event(
    etype: EventType, at: datetime, member: str, name: str, by: str | None = None
) -> Event:
    return Event(etype, G, at, member, None, name, by=by, group_name=NAME)


def test_single_chat_events_and_issues() -> None:
    path = TG / "single.json"
    p = str(path)
    J, L = EventType.JOIN, EventType.LEAVE
    assert read(path) == [
        member_event(J, utc(1709384400), "user111", "Li Lei"),
        message("11", utc(1709384710), "user111", "Li Lei", "thanks @hanmeimei!", "9"),
        # no date_unixtime: `date` is local time of the exporting PC, read in options.tz
        message(
            "12",
            shanghai("2024-03-02T21:06:00"),
            "user222",
            "Han Meimei",
            "你好 Li Lei, welcome 👋",
        ),
        # reply into another chat is dropped; mention_name gives an id, once
        message(
            "13",
            utc(1709384880),
            "user333",
            "Admin Wang",
            "Xiao Ming see the rules Xiao Ming",
            mentions=("user444",),
        ),
        # media only: empty text; reply_to_peer_id of this same chat keeps the reply
        message("14", utc(1709384940), "user222", "Han Meimei", "", "12"),
        # invited by name: a name seen as a sender maps to its id, others are name-derived
        member_event(J, utc(1709385000), "user222", "Han Meimei", by="user333"),
        member_event(J, utc(1709385000), "tg-name:Zhang San", "Zhang San", by="user333"),
        member_event(L, utc(1709424000), "user111", "Li Lei"),  # left by themself
        member_event(L, utc(1709424060), "tg-name:Spam Bot", "Spam Bot", by="user333"),
        member_event(J, utc(1709424180), "user444", "Xiao Ming"),
        ImportIssue(p, 11, "from_id", "import.issue.missing_field", {"id": 20}),
        ImportIssue(p, 12, "date_unixtime", "import.issue.bad_time", {"id": 21}),
        ImportIssue(p, 13, "id", "import.issue.missing_field", {"id": None}),
        message("24", utc(1709424480), "user999", None, "from a deleted account"),
        message(
            "25",
            shanghai("2024-03-03T08:09:00"),
            "user444",
            "Xiao Ming",
            "date has no offset and no date_unixtime",
        ),
    ]


def test_times_are_shown_in_the_import_zone() -> None:
    events = [e for e in read(TG / "single.json") if isinstance(e, Event)]
    assert {e.at.utcoffset() for e in events} == {timedelta(hours=8)}
    assert events[1].to_dict()["time"] == "2024-03-02T21:05:10+08:00"
    in_utc = [e for e in read(TG / "single.json", tz=UTC) if isinstance(e, Event)]
    assert in_utc[1].to_dict()["time"] == "2024-03-02T13:05:10+00:00"
    # the epoch instant does not depend on the zone, the zone-less `date` does
    assert in_utc[1].at == events[1].at
    assert in_utc[2].at == datetime(2024, 3, 2, 21, 6, tzinfo=UTC)


def test_full_account_export() -> None:
    events = read(TG / "full.json")
    assert [(e.group_id, e.group_name, e.event_id, e.member_id, e.text) for e in events] == [
        # personal_chat skipped, create_group skipped
        ("tg-4242", "Old Friends", "8", "user333", "hi all"),
        # a chat whose id comes after its messages: the fallback group
        ("tg-full", None, "8", "user111", "same id, other chat"),
        ("tg-6666", "Old Channel", "3", "channel6666", "last post"),
    ]
    assert read(TG / "full.json", group="fans")[1].group_id == "fans"


@pytest.mark.parametrize(
    ("file", "meta"),
    [
        ("single.json", {"name": NAME, "type": "private_supergroup", "id": 1987654321}),
        ("full.json", None),
        ("truncated.json", {"name": "Broken", "type": "private_group", "id": 77}),
        ("array.json", None),
    ],
)
def test_single_chat_fast_path_probe(file: str, meta: dict[str, object] | None) -> None:
    with (TG / file).open("rb") as fh:
        assert _single_chat(fh) == meta


def test_slow_path_gives_the_same_events(tmp_path: Path) -> None:
    # a "left_chats" key sends a single-chat file down the event-by-event path
    data = json.loads((TG / "single.json").read_text(encoding="utf-8"))
    messages = data.pop("messages")
    path = tmp_path / "result.json"
    slow = {**data, "left_chats": {"list": []}, "messages": messages}
    path.write_text(json.dumps(slow, ensure_ascii=False), encoding="utf-8")
    with path.open("rb") as fh:
        assert _single_chat(fh) is None
    fast = read(TG / "single.json")
    assert [
        dataclasses.replace(e, path=str(TG / "single.json")) if isinstance(e, ImportIssue) else e
        for e in read(path)
    ] == fast
    # with its id after its messages, a chat falls back to the file's name
    late_id = {"messages": messages, **data}
    path.write_text(json.dumps(late_id, ensure_ascii=False), encoding="utf-8")
    assert {e.group_id for e in read(path) if isinstance(e, Event)} == {"tg-result"}


def test_bom(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(b"\xef\xbb\xbf" + (TG / "single.json").read_bytes())
    assert len([e for e in read(path) if isinstance(e, Event)]) == 12


def test_unreadable_json_raises_after_the_good_part() -> None:
    got: list[Event | ImportIssue] = []
    with pytest.raises(ImportFormatError) as err:
        got.extend(TelegramReader().read(TG / "truncated.json", ImportOptions()))
    assert [e.event_id for e in got if isinstance(e, Event)] == ["1"]
    assert err.value.key == "error.import.format"
    assert err.value.params["path"] == str(TG / "truncated.json")
    assert "premature EOF" in err.value.params["problem"]
    with pytest.raises(ImportFormatError):
        read(TG / "array.json")


def head(path: Path) -> str:
    return path.read_bytes()[:SNIFF_BYTES].decode("utf-8-sig", errors="replace")


READERS = (JsonlReader(), WecomReader(), TelegramReader(), CsvReader())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (TG / "single.json", "telegram"),
        (TG / "full.json", "telegram"),
        (DATA / "wecom" / "archive.jsonl", "wecom"),
        (DATA / "wechat" / "品牌粉丝群_utf8.csv", "csv"),
        (DATA / "wechat" / "english.csv", "csv"),
        (DATA / "wechat" / "张三_utf8.csv", "csv"),
        (DATA / "wechat" / "pywxdump.csv", "csv"),
        (DATA / "wechat" / "pywxdump_old.csv", "csv"),
        (DATA / "wechat" / "custom.csv", None),
        (TG / "array.json", None),
    ],
)
def test_sniffers_are_mutually_exclusive(path: Path, expected: str | None) -> None:
    text = head(path)
    assert [r.name for r in READERS if r.sniff(text, path)] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "line",
    [
        '{"type": "message", "group": "g", "id": "1", "time": "2024-03-02T21:00:00+08:00",'
        ' "member": "u", "text": "date_unixtime text_entities"}\n',
        '{"msgid": "1", "action": "send", "msgtime": 1, "text": {"content": "\\"messages\\""}}\n',
    ],
)
def test_one_object_per_line_is_not_telegram(line: str) -> None:
    assert not TelegramReader().sniff(line, Path("x.json"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ('{\n "name": "Big", "type": "private_supergroup", "id": 1,\n "messages": [\n', "]}\n"),
        (
            '{"about": "", "chats": {"about": "", "list": [\n'
            ' {"name": "Big", "type": "private_supergroup", "id": 1, "messages": [\n',
            "]}]}}\n",
        ),
    ],
    ids=["single-chat", "full-account"],
)
def test_memory_stays_flat(tmp_path: Path, start: str, end: str) -> None:
    path = tmp_path / "result.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(start)
        for i in range(8_000):
            entity = {"type": "plain", "text": f"message number {i} " + "字" * 400}
            msg = {
                "id": i,
                "type": "message",
                "date_unixtime": str(1709384400 + i),
                "from": "A",
                "from_id": "user1",
                "text": entity["text"],
                "text_entities": [entity],
            }
            fh.write(("," if i else "") + json.dumps(msg, ensure_ascii=False) + "\n")
        fh.write(end)
    assert path.stat().st_size > 8_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in TelegramReader().read(path, ImportOptions()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8_000
    assert peak < 2_000_000, peak
