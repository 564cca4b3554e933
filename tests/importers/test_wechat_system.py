"""parse_system_line: every WeChat system sentence form, Chinese and English."""

from __future__ import annotations

import pytest

from fenwei.importers.wechat_system import SELF, parse_sysmsg, parse_system_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"张三"邀请"李四"加入了群聊', [("join", "李四", "张三")]),
        ('"王五"通过扫描"张三"分享的二维码加入群聊', [("join", "王五", "张三")]),
        (
            '"XX"邀请"A、B和C"加入了群聊',
            [("join", "A", "XX"), ("join", "B", "XX"), ("join", "C", "XX")],
        ),
        ('"XX"邀请"甲"和"乙"加入了群聊', [("join", "甲", "XX"), ("join", "乙", "XX")]),
        ('你邀请"李四"加入了群聊', [("join", "李四", SELF)]),
        ('你邀请"李四"加入了群聊  撤销', [("join", "李四", SELF)]),
        ('"张三"邀请你加入了群聊，群聊参与人还有：李四、王五', [("join", SELF, "张三")]),
        ('"王五"通过扫描你分享的二维码加入群聊', [("join", "王五", SELF)]),
        ('"王五"通过"张三"的邀请二维码加入群聊', [("join", "王五", "张三")]),
        ("你通过扫描二维码加入群聊，群聊参与人还有：李四", [("join", SELF, None)]),
        ('"李四"加入了群聊', [("join", "李四", None)]),
        ("“李四”加入了群聊。", [("join", "李四", None)]),
        ('你将"李四"移出了群聊', [("leave", "李四", SELF)]),
        ('"XX"将"李四"移出了群聊', [("leave", "李四", "XX")]),
        ('"李四"退出了群聊', [("leave", "李四", None)]),
        ('"李四"撤回了一条消息', [("recall", "李四", None)]),
        ('"李四" 撤回了一条消息', [("recall", "李四", None)]),
        ("你撤回了一条消息", [("recall", SELF, None)]),
        # a single name containing 和 is not split
        ('"张三"邀请"张和平"加入了群聊', [("join", "张和平", "张三")]),
        ("Tom invited Jerry to the group chat", [("join", "Jerry", "Tom")]),
        (
            '"Tom" invited "Jerry" and "Ann" to the group chat',
            [("join", "Jerry", "Tom"), ("join", "Ann", "Tom")],
        ),
        (
            "You invited Bob, Carol and Dave to the group chat.",
            [("join", "Bob", SELF), ("join", "Carol", SELF), ("join", "Dave", SELF)],
        ),
        ("Tom invited you to the group chat", [("join", SELF, "Tom")]),
        ("Youssef invited Ann to the group chat", [("join", "Ann", "Youssef")]),
        ("Ann joined the group chat via the QR code shared by Tom", [("join", "Ann", "Tom")]),
        ('"Ann" joined the group chat via the QR Code shared by you.', [("join", "Ann", SELF)]),
        ("Ann joined the group chat", [("join", "Ann", None)]),
        ("Tom removed Ann from the group chat", [("leave", "Ann", "Tom")]),
        ('You removed "Ann" from the group chat.', [("leave", "Ann", SELF)]),
        ('"Ann" left the group chat.', [("leave", "Ann", None)]),
        ("Ann recalled a message", [("recall", "Ann", None)]),
        ("You recalled a message", [("recall", SELF, None)]),
        ("You've recalled a message.", [("recall", SELF, None)]),
    ],
)
def test_membership_sentences(line: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert parse_system_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        '"李雷" 拍了拍 "王芳"',
        "你修改群名为“品牌粉丝群”",
        '"李四"与群里其他人都不是朋友关系，请注意隐私安全',
        "以下为新消息",
        "Tom changed the group name to Fans",
        "大家好，我加入了群聊",
    ],
)
def test_other_lines_give_nothing(line: str) -> None:
    assert parse_system_line(line) == []


def _template(template: str, links: str, kind: str = "tmpl_type_profile") -> str:
    return (
        '<sysmsg type="sysmsgtemplate"><sysmsgtemplate>'
        f'<content_template type="{kind}"><plain><![CDATA[]]></plain>'
        f"<template><![CDATA[{template}]]></template><link_list>{links}</link_list>"
        "</content_template></sysmsgtemplate></sysmsg>"
    )


def _link(name: str, *members: tuple[str, str]) -> str:
    body = "".join(
        f"<member><username><![CDATA[{wxid}]]></username>"
        f"<nickname><![CDATA[{nick}]]></nickname></member>"
        for wxid, nick in members
    )
    return f'<link name="{name}" type="link_profile"><memberlist>{body}</memberlist></link>'


def test_sysmsg_template_invite() -> None:
    xml = _template(
        '"$username$"邀请"$names$"加入了群聊',
        _link("username", ("wxid_a", "张三"))
        + _link("names", ("wxid_b", "张和平"), ("wxid_c", "李四")),
    )
    assert parse_sysmsg("12345@chatroom:\n" + xml) == (
        [("join", "张和平", "张三"), ("join", "李四", "张三")],
        {"张三": "wxid_a", "张和平": "wxid_b", "李四": "wxid_c"},
    )


def test_sysmsg_template_self_and_qr() -> None:
    revoke = (
        '<link name="revoke" type="link_revoke_qrcode" hidden="1">'
        "<title><![CDATA[撤销]]></title><username><![CDATA[wxid_n]]></username></link>"
    )
    qr = _template(
        '"$adder$"通过扫描你分享的二维码加入群聊  $revoke$',
        _link("adder", ("wxid_n", "扫码人")) + revoke,
        "tmpl_type_profilewithrevoke",
    )
    assert parse_sysmsg(qr) == ([("join", "扫码人", SELF)], {"扫码人": "wxid_n"})
    invited = _template('你邀请"$names$"加入了群聊  $revoke$', _link("names", ("wxid_d", "")))
    assert parse_sysmsg(invited) == ([("join", "wxid_d", SELF)], {"wxid_d": "wxid_d"})
    by_code = _template(
        '"$adder$"通过"$from$"的邀请二维码加入群聊',
        _link("adder", ("wxid_e", "E")) + _link("from", ("wxid_f", "F")),
    )
    assert parse_sysmsg(by_code) == ([("join", "E", "F")], {"E": "wxid_e", "F": "wxid_f"})


@pytest.mark.parametrize(
    "xml",
    [
        "",
        "not xml <",
        '<sysmsg type="revokemsg"><revokemsg><replacemsg>"李四" 撤回了一条消息</replacemsg>'
        "</revokemsg></sysmsg>",
        _template('"$username$"修改群名为"$remark$"', _link("username", ("wxid_a", "A"))),
    ],
)
def test_sysmsg_without_changes(xml: str) -> None:
    changes, _ = parse_sysmsg(xml)
    assert changes == []
