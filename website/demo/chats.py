"""Demo: a short group-chat archive recorded during a past sharing session.

The chat is original and fictional. It is imported through the same service
as real exports (a QQ text export built in memory), without naming a session:
the import attaches each message to the session whose window holds it
(``tools/spreadsheet-automation``), and the next day's two messages to none,
so the "chat days without a session" report has something to show. Nothing
happens if that session is missing.
"""

from __future__ import annotations

import io
import zoneinfo
from datetime import datetime, timedelta

from wagtail.models import Site

from knowledge.chats.services import chat_import
from knowledge.models import ChatArchive, ChatArchiveIndexPage
from sessions.models import SharingSessionPage

ARCHIVE_TITLE = "工具实践群 · 报名表自动汇总分享时的群聊"
SEPARATOR = "=" * 64

# (minutes after the start, sender, QQ number or "" for the system, text)
CHAT = [
    (-6, "系统消息", "1000000", "林小满加入本群。"),
    (-5, "【管理员】阿青", "100200301", "欢迎小满～分享五分钟后开始，会议链接在群公告"),
    (-4, "林小满", "100200302", "谢谢！第一次来，先潜水听听"),
    (-1, "王浩然", "100200303", "我先共享屏幕，大家能看到表格吗？"),
    (0, "杭州-小周", "100200304", "能看到，字有点小"),
    (0, "王浩然", "100200303", "好，我放大一下"),
    (
        3,
        "阿青",
        "100200301",
        "先说背景：每次活动报名表都要手工合并，最多的一次合了两个小时",
    ),
    (5, "陈一鸣", "100200305", "太真实了，我们上个月也漏了三个人"),
    (
        8,
        "王浩然",
        "100200303",
        "原则只有一条：原始数据只录一次，汇总表里不手填任何数字",
    ),
    (9, "杭州-小周", "100200304", "那报名来源不一样的表怎么办？有的用问卷有的是群接龙"),
    (
        11,
        "王浩然",
        "100200303",
        "先把各个来源统一成同样的列：昵称、手机号后四位、城市、场次\n列名一致了，后面的公式才能通用",
    ),
    (13, "林小满", "100200302", "[图片]"),
    (13, "林小满", "100200302", "是这样排列吗？"),
    (14, "王浩然", "100200303", "对，就是这样，第一行只放列名"),
    (17, "陈一鸣", "100200305", "去重用什么当唯一标识？昵称经常改"),
    (18, "王浩然", "100200303", "昵称加手机号后四位，两个都一样才算同一个人"),
    (18, "阿青", "100200301", "这个好，之前只看昵称，同名的两个人被合成了一个"),
    (22, "杭州-小周", "100200304", "按城市分组统计是用数据透视表吗？"),
    (23, "王浩然", "100200303", "可以用透视表，也可以用 COUNTIFS，我两种都演示一下"),
    (26, "系统消息", "10000", "陈一鸣撤回了一条消息"),
    (27, "陈一鸣", "100200305", "COUNTIFS 的第二个条件是不是要加引号？"),
    (27, "王浩然", "100200303", "文字条件要加引号，引用单元格就不用"),
    (31, "林小满", "100200302", "出席率怎么算？签到表是另一张"),
    (
        33,
        "王浩然",
        "100200303",
        "签到表也按同样的唯一标识，\n出席率 = 签到人数 / 报名人数，\n每个场次一行，公式往下拖就行",
    ),
    (35, "阿青", "100200301", "这里大家可以停一下，自己试一遍，有问题直接发群里"),
    (38, "杭州-小周", "100200304", "我的出席率算出来超过 100%，哪里错了？"),
    (39, "王浩然", "100200303", "多半是签到表里有重复签到，先对签到表去重再算"),
    (40, "杭州-小周", "100200304", "果然，有人签了两次😂"),
    (44, "陈一鸣", "100200305", "报名人数上千的时候表格会不会很卡？"),
    (
        45,
        "王浩然",
        "100200303",
        "几千行以内没问题。再多就把历史数据归档到另一张表，只让本季度的数据参与计算",
    ),
    (48, "阿青", "100200301", "[文件]报名表汇总模板.xlsx"),
    (48, "阿青", "100200301", "模板放群文件了，里面的公式可以直接用"),
    (50, "林小满", "100200302", "已下载，回去就把我们读书会的报名表改了"),
    (53, "王浩然", "100200303", "最后一句话：能用公式算出来的东西，就不要让人去记"),
    (54, "陈一鸣", "100200305", "收获很大，谢谢浩然！"),
    (54, "杭州-小周", "100200304", "谢谢分享👍"),
    (55, "林小满", "100200302", "谢谢～下次还来"),
    (
        57,
        "阿青",
        "100200301",
        "回放和笔记整理好以后会发到网站上，大家可以在那里搜到今天的讨论",
    ),
    (58, "阿青", "100200301", "https://example.com/sessions/spreadsheet-automation"),
    (61, "系统消息", "1000000", "阿青将群名修改为“工具实践群”。"),
    # The next day, outside any session's window: an editor attaches it by hand.
    (14 * 60, "林小满", "100200302", "昨天的回放什么时候能看？"),
    (14 * 60 + 5, "阿青", "100200301", "今晚整理好就发，笔记也会一起上传"),
]


def qq_export(start: datetime) -> str:
    """The chat as a QQ 消息记录 text export, in Shanghai local time."""
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    lines = [
        "消息记录（此消息记录为文本格式，不支持重新导入）",
        "",
        SEPARATOR,
        "消息分组:我的群聊",
        SEPARATOR,
        "消息对象:工具实践群",
        SEPARATOR,
        "",
    ]
    for minutes, sender, number, text in CHAT:
        when = (
            start + timedelta(minutes=minutes, seconds=7 * len(text) % 50)
        ).astimezone(zone)
        lines += [
            f"{when:%Y-%m-%d} {when.hour}:{when:%M:%S} {sender}({number})",
            text,
            "",
        ]
    return "\r\n".join(lines)


def load(*, now, stdout=None):
    session = (
        SharingSessionPage.objects.filter(slug="spreadsheet-automation")
        .filter(url_path__contains="/tools/")
        .first()
    )
    if session is None:
        return
    home = Site.objects.get(is_default_site=True).root_page
    index = ChatArchiveIndexPage.objects.child_of(home).filter(slug="chats").first()
    if index is None:
        index = ChatArchiveIndexPage(
            title="群聊存档",
            slug="chats",
            intro="<p>分享会期间群里的讨论，按天整理，每条消息都有自己的链接。</p>",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    if ChatArchive.objects.filter(title=ARCHIVE_TITLE, message_count__gt=0).exists():
        return
    export = io.BytesIO(qq_export(session.start).encode("utf-8"))
    result = chat_import(
        file=export,
        filename="工具实践群.txt",
        format="qq",
        archive_title=ARCHIVE_TITLE,
        group_name="工具实践群",
        privacy="as-exported",
    )
    if stdout:
        stdout.write(f"Chat archive: {result.messages_added} messages.")
