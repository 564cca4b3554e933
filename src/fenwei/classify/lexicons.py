"""Word lists that add signal the n-gram models see too rarely.

Each category becomes one feature token (``__lx_contact__``…) when any of its
words occurs in the normalised text; matching is one Aho-Corasick pass over
all lists. Words are written simplified and lower case, as ``normalize``
leaves the text.
"""

from __future__ import annotations

from functools import cache

import ahocorasick_rs


def _words(joined: str) -> tuple[str, ...]:
    return tuple(w for w in joined.split("|") if w)


LEXICONS: dict[str, tuple[str, ...]] = {
    "contact": _words(
        "加薇|加v|+v|v❤|v ❤|薇❤|薇:|薇信|威信|徽信|维信|vx|v x|wx:|加微|加我微信|微信号|加我wx|扣扣|抠抠|"
        "企鹅号|加q|+q|qq:|qq号|q群|加群|进群|私聊|私我|私信|滴滴我|戳我|看我朋友圈|朋友圈有|主页有|同号|联系我|联系方式|"
        "扫码|扫一扫|__qr__|__handle__|__disguise__|__phone__|__idnum__|dm me|"
        "dm for|dms|message me|msg me|inbox me|pm me|whatsapp|telegram|t.me|"
        "wa.me|contact me|text me|click here|link in bio|check my profile|"
        "sign up through|my link|referral|invite code|邀请码|推荐码|__code__"
    ),
    "sell": _words(
        "代购|批发|出售|低价|特价|优惠价|包邮|一件代发|货到付款|厂家直销|刷单|兼职|日结|一单一结|月入|日赚|赚钱|副业|返佣|提成|"
        "佣金|带单|稳赚|不看征信|下款|贷款|放款|代办|代练|代写|包过|原单|复刻|一比一|1:1|高仿|免费领|免费送|领取|砍一刀|助力|"
        "秒杀|名额有限|先到先得|招聘|招募|接单|收购|转让|低至|优惠码|推广|加盟|代理|投资|收益|回报|博彩|竞猜|cheap|"
        "discount|% off|for sale|selling|wholesale|earn|profit|returns|crypto|"
        "signal|investment|guaranteed|100%|free $|voucher|giveaway|promo|"
        "part time|work from home|daily|only $|shipping|bitcoin|usdt|forex|卡网|"
        "工具箱|群号|公益群|内部|绕过|配置|小号|账号|出个|收个|出售|__price__|r包|包你|只需"
    ),
    "profanity": _words(
        "傻逼|傻b|sb|煞笔|沙比|傻叉|脑残|脑子有病|有病吧|神经病|智障|弱智|白痴|蠢货|蠢猪|废物|垃圾人|滚|闭嘴|你妈|尼玛|"
        "nmsl|cnm|草泥马|操你|他妈的|tmd|妈的|狗东西|狗日|贱|婊|屌|懂个屁|放屁|去死|死全家|不要脸|畜生|杂种|low逼|"
        "喷子|键盘侠|舔狗|你算老几|算什么东西|有毛病|你行你上|丢人|恶心|蠢|脑子|猪脑|没脑子|瞎了|穷逼|土鳖|乡巴佬|黑鬼|娘炮|女拳|"
        "小仙女|直男癌|地域黑|idiot|stupid|moron|dumb|shut up|stfu|fuck|fck|f*ck|bitch|"
        "loser|retard|clown|pathetic|trash|asshole|jerk|bastard|screw you|"
        "get lost|nobody asked|go away|you people|brain|cringe|shill|liar|"
        "clown"
    ),
    "thanks": _words(
        "谢谢|感谢|多谢|谢了|谢啦|3q|thx|蟹蟹|辛苦了|辛苦啦|麻烦了|受教|学到了|有用|解决了|搞定了|好了好了|"
        "__thanks__|thanks|thank you|thank u|ty|cheers|appreciate|"
        "much appreciated|grateful|that worked|it worked|fixed it|lifesaver"
    ),
    "praise": _words(
        "太棒了|真棒|好棒|厉害|牛|点赞|赞|优秀|专业|给力|靠谱|666|yyds|绝了|大佬|爱了|好评|贴心|耐心|满意|超好|好用|"
        "nice|great|awesome|amazing|love|brilliant|legend|well done|kudos|"
        "perfect|helpful|the best|__pos__"
    ),
    "complaint": _words(
        "失望|垃圾|坑|骗|退款|投诉|差评|太差|很差|又坏|坏了|没人理|没人管|不理|不回|等了|拖|敷衍|糟糕|气死|无语|服了|醉了|"
        "离谱|难用|卡顿|闪退|bug|故障|问题还|还没|到底|凭什么|什么破|破|坑爹|后悔|智商税|割韭菜|态度差|态度恶劣|维权|"
        "12315|消协|曝光|__neg__|disappointed|terrible|awful|worst|broken|refund|"
        "scam|ridiculous|useless|unacceptable|still waiting|no response|"
        "not working|doesn't work|crash|again|fed up|annoying|waste|frustrat|"
        "又坏|又出|都没|没法|太慢|慢死|没到|丢了|少了|不退|不给|投诉无门|呵呵|missing|lost|nobody|never|"
        "still"
    ),
    "suggest": _words(
        "建议|希望|能不能|可不可以|如果能|就好了|最好|应该|改进|优化|增加|加个|加一个|出一个|提个|提议|意见|反馈|考虑|改成|改为|"
        "suggest|suggestion|would be|it would|could you add|please add|"
        "feature request|consider|should|improve|wish|feedback|proposal|idea:"
    ),
    "rules": _words(
        "群规|群公告|公告|禁止|请勿|不要发|不得|严禁|违者|踢|移出|警告|广告|文明|友善|理性|改群昵称|群昵称|规则|规定|本群|注意|"
        "请大家|rules|rule|no ads|no spam|not allowed|prohibited|banned|ban|"
        "removed|warning|be respectful|be kind|reminder|pinned|admins|"
        "off-topic|stay on topic|please keep|提醒大家|谨防|诈骗"
    ),
    "welcome": _words(
        "欢迎|新朋友|新人|新成员|入群|进群|加入|新来的|欢迎欢迎|__joined__|welcome|glad to have|"
        "joined|new member|newcomer|say hi|introduce"
    ),
    "question": _words(
        "请问|怎么|如何|吗|么|为什么|为啥|啥|什么|哪里|哪个|哪儿|多少|有没有|是不是|能不能|可以吗|求助|求|急|?|谁知道|"
        "有人知道|how|what|why|where|when|which|anyone|does anyone|can i|is there|"
        "help|any idea|any tips|会不会|怎么回事|还是|咋|几点|几个|多久|多长|哪家|哪种|好不好|行不行|对不对|有人|"
        "求推荐|求问|请教|能否|是否|does|do you|should i|is it|are there|can someone|"
        "could someone|recommend"
    ),
    "answer": _words(
        "可以试试|试试|试一下|你可以|在设置|设置里|点击|点开|打开|进入|选择|一般是|应该是|我是这样|我一般|我用的|就行|就可以|即可|"
        "步骤|方法|try|go to|settings|you can|you need|just|should be|make sure|"
        "i use"
    ),
    "share": _words(
        "分享|今天|刚|终于|提车|晒|安利|推荐|心得|体验|攻略|教程|tips|新品|上线|活动|通知|发布|上新|开售|福利|会员|"
        "sharing|my setup|tip:|just got|finally|review|guide|release|launch|"
        "announcing|update"
    ),
    "greet": _words(
        "早上好|早安|晚安|中午好|下午好|晚上好|早啊|大家好|哈哈|嘿嘿|呵呵|good morning|morning|good night|"
        "gm|gn|lol|lmao|haha|hi all|hello"
    ),
}

_TOKENS = {name: f"__lx_{name}__" for name in LEXICONS}


@cache
def _automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[str], list[bool]]:
    words: list[str] = []
    owners: list[str] = []
    for name, items in LEXICONS.items():
        for w in items:
            words.append(w)
            owners.append(_TOKENS[name])
    # ASCII words must stand alone ("ty" is not in "empty")
    bounded = [w[:1].isascii() and w[:1].isalnum() for w in words]
    return ahocorasick_rs.AhoCorasick(words), owners, bounded


def _is_word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


def lexicon_tokens(text: str) -> list[str]:
    """One token per lexicon category found in ``text`` (normalised), in a fixed order."""
    if not text:
        return []
    ac, owners, bounded = _automaton()
    found: set[str] = set()
    n = len(text)
    for i, s, e in ac.find_matches_as_indexes(text, overlapping=True):
        tok = owners[i]
        if tok in found:
            continue
        if bounded[i] and (
            (s > 0 and _is_word_char(text[s - 1])) or (e < n and _is_word_char(text[e]))
        ):
            continue
        found.add(tok)
    return sorted(found)
