"""The demo community's words: original text written for this demo."""

COMMUNITY = {
    "community_name": "沉淀学习社",
    "tagline": "每周两场分享，讲过的都留下来，随时能找到。",
    "group_rules": (
        "<ol><li>进群请把群昵称改为“城市+名字”，例如“杭州-小周”。</li>"
        "<li>分享进行中请勿刷屏，问题留到问答环节或提前提交到问题征集。</li>"
        "<li>广告、拉人、无关链接一律移出群聊，不另行提醒。</li>"
        "<li>好内容欢迎投稿到“知识库”，审核通过后所有人都能搜到。</li></ol>"
    ),
}

HOME_INTRO = (
    "<p>这里是沉淀学习社的知识库。群聊里的分享一小时就被刷走，"
    "我们把每一场的预告、问答和回顾都放在这里。</p>"
)

PEOPLE = [
    (
        "周明远",
        "杭州分会 运营负责人",
        "做了六年社群运营，带过三个千人学习群，最近在研究自动化工具。",
    ),
    ("林晓", "独立开发者", "写过几款效率小工具，喜欢把重复劳动交给脚本。"),
    ("陈思琪", "产品经理", "在教育行业做产品，关注用户访谈和需求拆解。"),
    ("王浩然", "数据分析师", "擅长用表格和简单的 SQL 回答业务问题。"),
    ("赵一凡", "职业规划顾问", "帮助过两百多位转行的朋友梳理简历和面试思路。"),
    ("孙悦", "社群志愿者", "负责每周分享的主持与会后整理。"),
]

SERIES = [
    {
        "slug": "tools",
        "title": "工具实战",
        "kind": "talk",
        "host": "孙悦",
        "weekday": 3,
        "time": "20:00",
        "duration": 90,
        "venue": "沉淀学习社 1 群",
        "description": (
            "<p>每周四晚上，一位成员演示自己每天在用的工具：怎么配置、踩过什么坑、"
            "适合什么场景。不讲概念，只讲能直接照做的步骤。</p>"
        ),
    },
    {
        "slug": "cases",
        "title": "案例拆解",
        "kind": "discussion",
        "host": "周明远",
        "weekday": 1,
        "time": "20:00",
        "duration": 60,
        "venue": "沉淀学习社 2 群",
        "description": (
            "<p>每周二晚上一起拆一个真实案例：一次活动、一个增长动作、一次失败的复盘。"
            "主持人先抛出问题，大家讨论，最后整理成结论。</p>"
        ),
    },
    {
        "slug": "career-qa",
        "title": "职业问答",
        "kind": "qa",
        "host": "赵一凡",
        "weekday": 5,
        "every_weeks": 2,
        "time": "10:00",
        "duration": 60,
        "venue": "腾讯会议（链接见预告）",
        "description": (
            "<p>每月两次的周六上午场，围绕转行、求职和成长答疑。"
            "问题提前征集，现场逐个回答。</p>"
        ),
    },
]


def _recap(*blocks):
    return list(blocks)


def heading(text, anchor=""):
    return ("heading", {"text": text, "anchor": anchor})


def paragraph(html):
    return ("paragraph", html)


def takeaways(*points, title=""):
    return ("takeaways", {"title": title, "points": list(points)})


def quote(text, speaker):
    return ("quote", {"text": text, "speaker": speaker})


def qa(question, asked_by, answer_html):
    return (
        "question_answer",
        {"question": question, "asked_by": asked_by, "answer": answer_html},
    )


def chat(caption, *lines):
    return (
        "chat_excerpt",
        {
            "caption": caption,
            "lines": [{"sender": s, "time": t, "text": x} for s, t, x in lines],
        },
    )


def resources(*items, title=""):
    return (
        "resources",
        {
            "title": title,
            "items": [{"title": t, "url": u, "note": n} for t, u, n in items],
        },
    )


# Each session: when it starts relative to now (hours), and what it says.
# Together they show every stage of the lifecycle right after loading.
SESSIONS = [
    {
        "series": "tools",
        "slug": "spreadsheet-automation",
        "title": "用表格公式替代重复整理：报名表自动汇总",
        "hours_from_now": -24 * 28,
        "episode": 1,
        "speakers": ["王浩然"],
        "tags": ["表格", "自动化"],
        "summary": "把每次活动报名表手工合并的两小时，变成打开就有结果的汇总页。",
        "announcement": "<p>报名表每次都要复制粘贴？这次演示三个公式，让汇总自己长出来。</p>",
        "recap": _recap(
            heading("为什么要自动汇总", "why"),
            paragraph(
                "<p>我们每场活动都有一张报名表，过去靠志愿者手工合并，"
                "容易漏人也容易重复。浩然的思路是：原始数据只录一次，汇总全部用公式生成。</p>"
            ),
            takeaways(
                "原始数据和汇总分两张表，汇总表里不手填任何数字",
                "用唯一的手机号后四位加昵称去重，比只看昵称可靠",
                "每周复盘时只看汇总表，出了问题再回到原始表查",
            ),
            quote("能用公式算出来的东西，就不要让人去记。", "王浩然"),
            heading("现场问答", "qa"),
            qa(
                "报名人数上千时表格会不会卡？",
                "杭州-小周",
                "<p>超过几千行时建议把历史数据归档到另一张表，只保留本季度的数据参与计算。</p>",
            ),
            resources(
                (
                    "表格函数速查（示例链接）",
                    "https://example.com/sheet-functions",
                    "会上提到的函数清单",
                ),
            ),
        ),
        "live_notes": "<p>演示了去重、按城市分组和自动统计出席率三个公式。</p>",
    },
    {
        "series": "cases",
        "slug": "referral-campaign-teardown",
        "title": "拆解一次裂变活动：三天涨了八百人之后发生了什么",
        "hours_from_now": -24 * 20,
        "episode": 1,
        "speakers": ["周明远"],
        "tags": ["裂变", "运营", "复盘"],
        "summary": "一次邀请有礼活动的完整复盘：拉新很快，留存却掉得更快。",
        "announcement": "<p>这次不讲成功，讲一次数字好看、结果不理想的裂变活动。</p>",
        "recap": _recap(
            heading("活动是怎么设计的", "design"),
            paragraph(
                "<p>活动规则是邀请三位好友进群即可领取资料包。三天内进群八百多人，"
                "但一周后仍在发言的不到百分之五。</p>"
            ),
            heading("问题出在哪里", "problems"),
            paragraph(
                "<p>讨论中大家一致认为：奖励和社群本身的价值无关，"
                "吸引来的是冲着资料来的人，拿到就走。新人进群后也没有任何欢迎和引导。</p>"
            ),
            takeaways(
                "裂变的奖励要和社群长期提供的价值一致",
                "新人进群后二十四小时内必须有一次真人互动",
                "看留存和发言率，而不是只看进群人数",
                title="结论",
            ),
            chat(
                "讨论片段",
                ("上海-阿敏", "20:31", "我们也踩过这个坑，送资料包来的人基本不说话。"),
                ("周明远", "20:32", "对，所以后来我们改成邀请好友一起参加一场分享。"),
                ("成都-老何", "20:34", "那转化会慢很多吧？"),
                ("周明远", "20:35", "慢，但一个月后还在的人多了三倍。"),
            ),
        ),
        "live_notes": "<p>现场投票：七成成员认为应该取消资料包奖励。</p>",
    },
    {
        "series": "career-qa",
        "slug": "career-switch-to-product",
        "title": "转行做产品经理：第一份简历怎么写",
        "hours_from_now": -24 * 14,
        "episode": 1,
        "speakers": ["赵一凡", "陈思琪"],
        "tags": ["求职", "产品经理"],
        "summary": "没有产品经验，简历上写什么？两位嘉宾逐条点评了成员投来的简历。",
        "announcement": "<p>欢迎提前提交你的问题，也可以匿名投递简历片段。</p>",
        "recap": _recap(
            heading("简历的三个常见问题", "problems"),
            paragraph(
                "<p>一是只写职责不写结果；二是堆砌工具名；三是和目标岗位无关的经历占了一半篇幅。</p>"
            ),
            qa(
                "之前做运营，怎么把经历写得像产品？",
                "北京-小林",
                "<p>挑出你发现问题、提出方案并推动上线的那件事，按“背景、动作、结果”写清楚。</p>",
            ),
            qa(
                "需要考证书吗？",
                "广州-阿杰",
                "<p>证书不是门槛。一个你亲手做过、能讲清楚取舍的小项目更有说服力。</p>",
            ),
            quote(
                "面试官读简历只有三十秒，第一行就要让他知道你解决过什么问题。", "陈思琪"
            ),
        ),
    },
    {
        "series": "tools",
        "slug": "note-taking-workflow",
        "title": "我的笔记工作流：从群聊到知识库",
        "hours_from_now": -24 * 7,
        "episode": 2,
        "speakers": ["林晓"],
        "tags": ["笔记", "知识管理", "Wagtail"],
        "summary": "群里看到的好内容怎么不丢？林晓演示了他从收藏到整理再到分享的全过程。",
        "announcement": "<p>收藏了就等于看过了吗？这次聊聊怎么让收藏真正变成自己的东西。</p>",
        "recap": _recap(
            heading("三个步骤", "steps"),
            takeaways(
                "收集：看到就存，不在当下整理",
                "整理：每周固定一个晚上，把收藏改写成自己的话",
                "分享：整理好的内容投稿到社群知识库，让别人也能搜到",
            ),
            paragraph(
                "<p>林晓用 Wagtail 教程举例：他把群里零散的提问和回答整理成一篇问答，"
                "后来新人再问同样的问题，直接发链接就行。</p>"
            ),
            quote(
                "笔记不是写给未来的自己看的，是写给下一个提同样问题的人看的。", "林晓"
            ),
        ),
    },
    {
        "series": "cases",
        "slug": "offline-meetup-review",
        "title": "城市线下聚会复盘：二十人的小活动怎么办好",
        "hours_from_now": -24 * 2,
        "episode": 2,
        "speakers": ["孙悦"],
        "tags": ["线下活动", "复盘"],
        "summary": "上周杭州的线下聚会刚结束，回顾正在整理中。",
        "announcement": "<p>聊聊小规模线下聚会的场地、流程和会后跟进。</p>",
        "live_notes": "<p>要点：场地离地铁近、开场十分钟自我介绍、会后当晚发合影和资料。</p>",
    },
    {
        "series": "tools",
        "slug": "automation-scripts-live",
        "title": "十行脚本搞定群消息统计",
        "hours_from_now": -0.5,
        "duration": 120,
        "episode": 3,
        "speakers": ["林晓"],
        "tags": ["脚本", "自动化"],
        "summary": "现场写一个小脚本，统计导出的群聊记录里每个人的发言次数。",
        "announcement": "<p>不会编程也能跟上：每一行都会解释。</p>",
        "live_url": "https://example.com/live/automation",
        "live_notes": "<p>第一步：把聊天记录导出为文本文件。第二步：按行读取，识别发言人。</p>",
    },
    {
        "series": "cases",
        "slug": "newcomer-onboarding",
        "title": "新人进群的第一天：欢迎流程怎么设计",
        "hours_from_now": 1,
        "episode": 3,
        "speakers": ["周明远"],
        "tags": ["新人", "运营"],
        "summary": "新人进群后的二十四小时决定了他会不会留下来。",
        "announcement": "<p>欢迎流程、群公告和第一次互动，我们一起拆三个群的做法。</p>",
        "warmup": [
            (
                "paragraph",
                "<p>开始前想一想：你进过的群里，哪一个让你第一天就想说话？为什么？</p>",
            ),
        ],
    },
    {
        "series": "career-qa",
        "slug": "interview-questions",
        "title": "面试常见问题答疑：如何讲清楚你的项目",
        "hours_from_now": 24,
        "episode": 2,
        "speakers": ["赵一凡"],
        "tags": ["求职", "面试"],
        "summary": "问题征集中：把你最怕被问到的面试题发过来。",
        "announcement": "<p>这一期专门回答大家提交的面试问题，欢迎提前提问。</p>",
    },
    {
        "series": "tools",
        "slug": "calendar-planning",
        "title": "用日历管理一个月的分享排期",
        "hours_from_now": 24 * 3,
        "episode": 4,
        "speakers": ["孙悦"],
        "tags": ["日历", "排期"],
        "summary": "组织者如何用日历订阅和提醒，让分享不再临时找人。",
        "announcement": "<p>下周四，孙悦分享她排一个月分享计划的方法。</p>",
    },
    {
        "series": "cases",
        "slug": "paid-community-pricing",
        "title": "付费社群怎么定价：三个社群的对比",
        "hours_from_now": 24 * 5,
        "episode": 4,
        "speakers": ["陈思琪"],
        "tags": ["付费", "定价"],
        "summary": "原定讨论付费社群定价。",
        "status": "cancelled",
        "status_reason": "嘉宾临时出差，本期取消，下月重新安排。",
    },
    {
        "series": "career-qa",
        "slug": "first-90-days",
        "title": "入职前九十天：新人如何快速上手",
        "hours_from_now": 24 * 6,
        "episode": 3,
        "speakers": ["赵一凡"],
        "tags": ["职场"],
        "summary": "新工作的前三个月，做什么最重要。",
        "status": "postponed",
        "status_reason": "原定上周六，因嘉宾时间冲突改到本周。",
        "announcement": "<p>改期后时间如上，问题征集照常进行。</p>",
    },
    {
        "series": "tools",
        "slug": "search-your-chat-history",
        "title": "如何在聊天记录里找到半年前的讨论",
        "hours_from_now": 24 * 10,
        "episode": 5,
        "speakers": ["王浩然"],
        "tags": ["搜索", "知识管理"],
        "summary": "群聊记录导出、整理、检索的实用方法。",
    },
    {
        "series": "cases",
        "slug": "community-metrics",
        "title": "社群健康度：该看哪几个数字",
        "hours_from_now": 24 * 12,
        "episode": 5,
        "speakers": ["周明远", "王浩然"],
        "tags": ["数据", "运营"],
        "summary": "活跃率、沉默成员和分享频次，怎么看才不自欺欺人。",
    },
]

STANDARD_PAGES = [
    {
        "slug": "rules",
        "title": "群规",
        "intro": "进群之前请读一遍，五分钟就够。",
        "body": [
            ("paragraph", COMMUNITY["group_rules"]),
        ],
    },
    {
        "slug": "newcomers",
        "title": "新人指南",
        "intro": "第一次来？从这里开始。",
        "body": [
            ("heading", {"text": "怎么参加分享", "anchor": "join"}),
            (
                "paragraph",
                "<p>每场分享都会提前在“分享会”页面预告。打开页面就能看到时间、嘉宾和入群方式，"
                "还可以订阅日历提醒。</p>",
            ),
            ("heading", {"text": "怎么找到过去的内容", "anchor": "find"}),
            (
                "paragraph",
                "<p>每场分享结束后都会整理回顾，问答和精彩发言都在里面。"
                "用站内搜索可以按关键词、话题和嘉宾查找。</p>",
            ),
        ],
    },
]
