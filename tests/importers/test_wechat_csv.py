"""CsvReader: WeChatMsg (留痕) CSV, PyWxDump CSV and column mappings (FORMATS.md §4)."""

from __future__ import annotations

import csv
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fenwei.errors import ImportFormatError
from fenwei.i18n import t
from fenwei.importers.base import ImportOptions
from fenwei.importers.wechat_csv import CsvReader
from fenwei.model import Event, EventType, ImportIssue

WX = Path(__file__).resolve().parent.parent / "data" / "importers" / "wechat"
SHANGHAI = ZoneInfo("Asia/Shanghai")
B = 1709384400  # 2024-03-02 21:00:00 +08:00
J, L, M = EventType.JOIN, EventType.LEAVE, EventType.MESSAGE


def read(path: Path, **options: object) -> list[Event | ImportIssue]:
    return list(CsvReader().read(path, ImportOptions(**options)))  # type: ignore[arg-type]


def at(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def msg(
    group: str,
    id_: str,
    when: datetime,
    member: str,
    name: str | None,
    text: str,
    reply_to: str | None = None,
    mentions: tuple[str, ...] = (),
) -> Event:
    return Event(M, group, when, member, id_, name, text=text, reply_to=reply_to, mentions=mentions)


def change(
    etype: EventType, group: str, ts: int, member: str, name: str | None, by: str | None = None
) -> Event:
    return Event(etype, group, at(ts), member, None, name, by=by)


def test_wechatmsg_group_export() -> None:
    path = WX / "品牌粉丝群_utf8.csv"
    p, g = str(path), "品牌粉丝群"  # BOM file; group from the file name without _utf8
    koe, fang, lei = "wxid_fakekoe", "wxid_fakewangfang", "wxid_fakelilei01"
    assert read(path) == [
        msg(g, "100", at(B + 60), fang, "王芳", "大家好，欢迎新朋友"),
        # the inviter's name was seen with a wxid; the joiner's was not
        change(J, g, B + 120, "wx-name:李雷", "李雷", by=fang),
        msg(g, "102", at(B + 310), lei, "Lei", "@王芳\u2005谢谢邀请", mentions=(fang,)),
        change(J, g, B + 400, "wx-name:王五", "王五", by=lei),  # QR code shared by 李雷 (remark)
        change(J, g, B + 410, "wx-name:赵六", "赵六", by=fang),
        change(J, g, B + 410, "wx-name:钱七", "钱七", by=fang),
        change(J, g, B + 410, "wx-name:孙八", "孙八", by=fang),
        change(J, g, B + 420, "wx-name:周九", "周九", by=koe),  # 你 = the exporting user
        change(J, g, B + 430, "wx-name:吴十", "吴十"),
        # quote: title as text, reply_to = the quoted row found by sender and time
        msg(g, "107", at(B + 500), koe, "小K", "十点开始，别迟到", reply_to="102"),
        # quoted row not in this file: the quoted server id
        msg(g, "108", at(B + 510), lei, "Lei", "同意 & 支持", reply_to="5566778899"),
        msg(g, "109", at(B + 520), lei, "Lei", ""),  # image
        # 110 拍一拍 and 111 recall line: nothing
        change(L, g, B + 550, "wx-name:王五", "王五", by=koe),
        change(L, g, B + 560, "wx-name:赵六", "赵六", by=fang),
        change(L, g, B + 570, "wx-name:孙八", "孙八"),
        # no CreateTime: StrTime is local time, read in options.tz
        msg(g, "115", local("2024-03-02 22:00:00"), lei, "Lei", "只有本地时间"),
        ImportIssue(p, 35, "CreateTime", "import.issue.bad_time", {}),
        msg(g, "117", at(B + 600), lei, "Lei", '第一行,有逗号\n第二行 "引号"'),
        ImportIssue(p, 38, "SubType", "import.issue.bad_value", {"detail": "abc"}),
        ImportIssue(p, 39, "Sender", "import.issue.no_sender", {}),
        # 120 renaming the group: nothing
        msg(g, "121", at(B + 640), "wxid_fakesunba", "孙八", ""),  # sticker
        change(J, g, B + 650, "wxid_fakesunba", "孙八"),  # name now known
        # sysmsgtemplate XML (10002, or 10000) carries the wxids
        change(J, g, B + 700, "wxid_fakenew1", "新人甲", by=fang),
        change(J, g, B + 700, "wxid_fakenew2", "张和平", by=fang),
        change(J, g, B + 710, "wxid_fakenew3", "扫码人", by=koe),
        # 125: an XML recall: nothing; 126: a plain line whose name an XML line gave
        change(L, g, B + 730, "wxid_fakenew2", "张和平"),
    ]


def test_english_lines_and_room_from_talker_id() -> None:
    path = WX / "english.csv"
    g, tom = "23456789@chatroom", "wxid_faketom"
    assert read(path) == [
        msg(g, "1", at(B), tom, "Tom", "hello all"),
        change(J, g, B + 10, "wx-name:Jerry", "Jerry", by=tom),
        change(J, g, B + 10, "wx-name:Ann", "Ann", by=tom),
        change(J, g, B + 20, "wx-name:Bob", "Bob", by="self"),
        change(J, g, B + 20, "wx-name:Carol", "Carol", by="self"),
        change(J, g, B + 20, "wx-name:Dave", "Dave", by="self"),
        change(J, g, B + 30, "wx-name:Eve", "Eve", by=tom),
        change(L, g, B + 40, "wx-name:Eve", "Eve", by=tom),
        change(L, g, B + 50, "wx-name:Ann", "Ann"),
        change(L, g, B + 60, "wx-name:Bob", "Bob", by="self"),
        change(J, g, B + 80, "wx-name:Frank", "Frank"),
        msg(g, "10", at(B + 90), "self", None, "welcome!"),  # IsSender 1, no Sender
        ImportIssue(str(path), 12, "Sender", "import.issue.no_sender", {}),
    ]


def test_option_group_wins() -> None:
    events = read(WX / "english.csv", group="fans")
    assert {e.group_id for e in events if isinstance(e, Event)} == {"fans"}


def test_old_nine_columns_with_pandas_index() -> None:
    assert read(WX / "张三_utf8.csv") == [
        # a 1:1 chat without a sender column: the other party is the chat
        msg("张三", "1", at(B), "张三", None, "在吗？"),
        msg("张三", "2", at(B + 10), "self", None, "在的"),
        # a raw "wxid:\n" prefix names the sender
        msg("张三", "3", at(B + 20), "wxid_fakezhangsan", None, "从数据库原样带出的前缀"),
    ]


def test_one_to_one_rows_shorter_than_the_header() -> None:
    assert read(WX / "李四_utf8.csv") == [
        msg("李四", "1", at(B), "李四", None, "你好"),
        msg("李四", "2", at(B + 5), "wxid_fakeme", "Me", "你好呀"),
    ]


def test_pywxdump_preset() -> None:
    path = WX / "pywxdump.csv"
    g, lei = "23456789@chatroom", "wxid_fakelilei01"
    assert read(path) == [
        msg(g, "8000000000000000001", at(B), lei, None, "有人在吗"),
        msg(g, "8000000000000000002", at(B + 10), "self", None, "在的，请说"),  # talker 我
        # 引用回复: the text before "[引用]", the quoted row found by its time
        msg(g, "8000000000000000003", at(B + 20), lei, None, "谢谢！", "8000000000000000002"),
        change(J, g, B + 30, "wx-name:韩梅梅", "韩梅梅", by="wx-name:王芳"),
        # 拍一拍 and 消息撤回 skipped
        msg(g, "8000000000000000006", at(B + 50), lei, None, ""),  # 图片
        ImportIssue(str(path), 11, "CreateTime", "import.issue.bad_time", {}),
        msg(g, "8000000000000000009", at(B + 70), "wxid_fakehan", None, "新人报到"),
    ]
    assert read(path, csv_preset="pywxdump") == read(path)


def test_pywxdump_old_content_column() -> None:
    assert read(WX / "pywxdump_old.csv") == [
        msg(
            "23456789@chatroom",
            "7000000000000000001",
            at(B),
            "wxid_fakelilei01",
            None,
            "老版本的内容",
        )
    ]


def test_column_mapping() -> None:
    path = WX / "custom.csv"
    columns = {
        "id": "msg_id",
        "time": "sent_at",
        "member": "user",
        "name": "nick",
        "text": "body",
        "time_format": "%Y/%m/%d %H:%M",
    }
    assert read(path, columns=columns, tz=UTC) == [
        msg(
            "custom",
            "c-1",
            datetime(2024, 3, 2, 21, 5, tzinfo=UTC),
            "u-1",
            "小李",
            "请问蓝牙怎么连?",
        ),
        msg(
            "custom",
            "c-2",
            datetime(2024, 3, 2, 21, 7, tzinfo=UTC),
            "u-2",
            "小王",
            "设置里打开就行",
        ),
        ImportIssue(str(path), 4, "sent_at", "import.issue.bad_time", {}),
    ]


def test_mapping_over_a_preset(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    rows = [
        ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "StrContent", "Who"],
        ["1", "1", "1", "0", "0", str(B), "hi", "wxid_a"],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert read(path, columns={"member": "Who"}) == [msg("x", "1", at(B), "wxid_a", None, "hi")]


def test_times_keep_the_zone() -> None:
    first = read(WX / "english.csv", tz=ZoneInfo("Europe/Berlin"))[0]
    assert isinstance(first, Event)
    assert first.at.utcoffset() == timedelta(hours=1)
    assert first.to_dict()["time"] == "2024-03-02T14:00:00+01:00"


@pytest.mark.parametrize(
    ("file", "options", "key", "params"),
    [
        ("unknown_header.csv", {}, "no_preset", {"presets": "wechatmsg, pywxdump"}),
        (
            "english.csv",
            {"csv_preset": "nope"},
            "unknown_preset",
            {"value": "nope", "presets": "wechatmsg, pywxdump"},
        ),
        ("custom.csv", {"columns": {"time": "sent_at"}}, "no_column", {"column": "text"}),
        (
            "custom.csv",
            {"columns": {"text": "body", "time": "when"}},
            "no_column",
            {"column": "when"},
        ),
        ("english.csv", {"columns": {"text": "body"}}, "no_column", {"column": "body"}),
    ],
)
def test_unreadable_layouts(
    file: str, options: dict[str, object], key: str, params: dict[str, str]
) -> None:
    with pytest.raises(ImportFormatError) as err:
        read(WX / file, **options)
    assert err.value.key == "error.import.format"
    assert err.value.params == {
        "path": str(WX / file),
        "problem": t(f"error.import.csv.{key}", None, **params),
    }


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFormatError):
        read(path)


def test_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = f"localId,TalkerId,Type,SubType,IsSender,CreateTime,StrContent,Sender\r\n1,1,1,0,0,{B},你好,wxid_a\r\n"
    path.write_bytes(text.encode("gb18030"))
    assert read(path) == [msg("excel", "1", at(B), "wxid_a", None, "你好")]


def test_sniff_presets_only() -> None:
    reader = CsvReader()
    assert reader.sniff(
        "\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent\r\n", Path("a")
    )
    assert reader.sniff(
        ",localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n", Path("a")
    )
    assert reader.sniff(
        "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n", Path("a")
    )
    assert not reader.sniff("msg_id,sent_at,user,nick,body\n", Path("a"))
    assert not reader.sniff('{"localId": 1, "StrContent": "", "CreateTime": 1}\n', Path("a"))


def test_memory_stays_flat(tmp_path: Path) -> None:
    path = tmp_path / "big_utf8.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "localId",
                "TalkerId",
                "Type",
                "SubType",
                "IsSender",
                "CreateTime",
                "Status",
                "StrContent",
                "StrTime",
                "Remark",
                "NickName",
                "Sender",
            ]
        )
        for i in range(20_000):
            w.writerow(
                [i, 1, 1, 0, 0, B + i, 2, "字" * 300, "", "", f"n{i % 50}", f"wxid_{i % 50}"]
            )
    tracemalloc.start()
    try:
        count = sum(1 for _ in CsvReader().read(path, ImportOptions()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 8_000_000, peak
