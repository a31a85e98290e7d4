"""Demo members: profiles in every role, an invite code, questions in every
state, and member posts published, in review and sent back for changes.

Everything goes through the same services the site uses, so the activity
records and review workflows look like real ones. Idempotent: accounts are
looked up by user name, questions by their text, posts by their slug.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.models import Site, WorkflowState

from knowledge.members.services import profile_ensure
from knowledge.models import (
    InviteCode,
    KnowledgeIndexPage,
    KnowledgePostPage,
    MemberProfile,
)
from knowledge.posts.services import post_submit
from sessions.models import SessionQuestion, SharingSessionPage
from sessions.questions.services import question_moderate, question_vote_toggle

DEMO_MEMBER_PASSWORD = "chendian-demo"  # noqa: S105  (a local demo, printed on purpose)

MEMBERS = [
    # user name, display name, city, organisation, role, status
    ("linxiao", "杭州-林晓", "杭州", "沉淀社群", "owner", "active"),
    ("zhoumy", "上海-周明远", "上海", "某增长咨询", "moderator", "active"),
    ("xiaolin", "杭州-小林", "杭州", "读书会", "member", "active"),
    ("wanghr", "北京-王浩然", "北京", "独立开发者", "core", "active"),
    ("chensq", "深圳-陈思琪", "深圳", "某品牌社群", "partner", "active"),
    ("guoyu", "成都-郭雨", "成都", "", "vip", "active"),
    ("newbie", "广州-阿杰", "广州", "", "member", "pending"),
]

QUESTIONS = {
    # Collecting now: approved with votes, one pending, one rejected, one merged.
    "interview-questions": [
        ("xiaolin", "项目里的失败经历要不要主动讲？怎么讲才不减分？", "approved", ""),
        (
            "wanghr",
            "面试官问“你最大的缺点”时，怎样回答既真诚又不踩坑？",
            "approved",
            "",
        ),
        ("guoyu", "转行面试时，之前行业的经验怎么和新岗位联系起来？", "approved", ""),
        ("chensq", "失败的项目经历面试时应该怎么讲？", "merged", ""),
        ("xiaolin", "群里有人卖面试押题资料，靠谱吗？加我微信了解", "rejected", ""),
        ("guoyu", "一面和二面的问题侧重点有什么不同？", "pending", ""),
    ],
    # Archived with a recap: answered questions feed its Q&A.
    "spreadsheet-automation": [
        (
            "xiaolin",
            "表格里的公式越来越多，怎么避免别人改坏？",
            "answered",
            "把输入区和计算区分开，计算区锁定；再留一张“说明”表写清每列的含义。",
        ),
        (
            "guoyu",
            "每周的报表能不能自动发到群里？",
            "answered",
            "可以用定时任务导出图片或链接，但发到群里这一步建议人工确认，避免发错。",
        ),
    ],
    "offline-meetup-review": [
        (
            "chensq",
            "二十人的活动，签到用什么工具最省事？",
            "answered",
            "用一张在线表格加二维码就够了，现场留一个人专门负责。",
        ),
    ],
}

POSTS = [
    # key, author, title (looked up on re-runs), body, tags, related session, state
    (
        "newcomer-checklist",
        "xiaolin",
        "新人进群第一周清单",
        "<h2>第一天</h2><p>读群规，按“城市-名字”改好群昵称，发一段自我介绍。</p>"
        "<h2>第一周</h2><ul><li>参加一次分享会</li><li>在问题征集里提一个问题</li>"
        "<li>把一条有用的讨论整理成笔记</li></ul>",
        ["新人", "运营"],
        "newcomer-onboarding",
        "published",
    ),
    (
        "spreadsheet-protect-formulas",
        "wanghr",
        "给共享表格上锁的三种办法",
        "<p>分享会上讲到的表格保护，我整理成了步骤：</p><ol><li>输入区和计算区分表</li>"
        "<li>计算区设为只读</li><li>改动留痕：开启版本历史</li></ol>"
        '<p>参考：<a href="https://example.com/sheets-guide">表格协作指南</a></p>',
        ["工具", "表格"],
        "spreadsheet-automation",
        "published",
    ),
    (
        "meetup-venue-notes",
        "chensq",
        "小型线下聚会选场地的经验",
        "<p>离地铁站步行十分钟以内；能投屏；有人能在门口接人。</p>"
        "<blockquote><p>场地决定了一半的体验。</p></blockquote>",
        ["线下活动"],
        "offline-meetup-review",
        "published",
    ),
    (
        "reading-group-rhythm",
        "guoyu",
        "读书会的节奏怎么定",
        "<p>我们试过每周一本和每月一本，各有利弊，想听听大家的做法。</p>",
        ["读书会"],
        None,
        "in_review",
    ),
    (
        "chat-export-tips",
        "xiaolin",
        "导出群聊记录的小技巧",
        "<p>电脑端导出比手机端稳定。</p>",
        ["知识管理"],
        "search-your-chat-history",
        "changes_requested",
    ),
]


def load(*, now, stdout=None):
    users = {spec[0]: _member(*spec) for spec in MEMBERS}
    owner = users["linxiao"]
    code, _created = InviteCode.objects.get_or_create(
        code="CHENDIAN",
        defaults={"note": "演示邀请码", "max_uses": 50, "created_by": owner},
    )
    MemberProfile.objects.filter(
        user__username__in=["xiaolin", "guoyu"], invited_with=None
    ).update(invited_with=code)
    questions = _questions(users, moderator=users["zhoumy"], now=now)
    posts = _posts(users, editor=_editor(owner))
    if stdout:
        stdout.write(
            f"Members: {len(users)} members, invite code {code.code}, "
            f"{questions} questions, {posts} member posts "
            f"(log in as xiaolin / {DEMO_MEMBER_PASSWORD})."
        )


def _member(username, display_name, city, organisation, role, status):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username, f"{username}@example.com", DEMO_MEMBER_PASSWORD
        )
    profile_ensure(
        user=user,
        display_name=display_name,
        city=city,
        organisation=organisation,
        role=role,
        status=status,
    )
    return User.objects.get(pk=user.pk)  # fresh permission cache


def _editor(owner):
    """The owner also edits: in Wagtail's Moderators group, so she reviews posts."""
    from django.contrib.auth.models import Group

    owner.groups.add(*Group.objects.filter(name="Moderators"))
    return get_user_model().objects.get(pk=owner.pk)


def _questions(users, *, moderator, now) -> int:
    created = 0
    for slug, specs in QUESTIONS.items():
        session = SharingSessionPage.objects.filter(slug=slug).first()
        if session is None:
            continue
        kept = None
        for username, text, status, answer in specs:
            author = users[username]
            question, is_new = SessionQuestion.objects.get_or_create(
                session=session,
                text=text,
                defaults={
                    "author": author,
                    "author_name": author.get_full_name(),
                },
            )
            if not is_new:
                continue
            created += 1
            if status == "pending":
                continue
            merged_into = kept if status == "merged" else None
            question_moderate(
                question=question,
                by=moderator,
                status=status,
                answer=answer,
                merged_into=merged_into,
            )
            if status == "approved" and kept is None:
                kept = question
        _votes(session, users, now=now)
    return created


def _votes(session, users, *, now):
    approved = list(session.questions.filter(status="approved").order_by("pk"))
    if not approved or not session.questions_open_at(now):
        return
    voters = [
        users[name] for name in ("xiaolin", "wanghr", "chensq", "guoyu", "zhoumy")
    ]
    for position, question in enumerate(approved):
        for voter in voters[: max(1, 4 - position)]:
            if not question.votes.filter(voter=voter).exists():
                question_vote_toggle(question=question, user=voter, now=now)


def _posts(users, *, editor) -> int:
    index = _knowledge_index()
    for _key, username, title, body, tags, session_slug, state in POSTS:
        if KnowledgePostPage.objects.child_of(index).filter(title=title).exists():
            continue
        post = post_submit(
            index=index,
            user=users[username],
            title=title,
            body=body,
            tags=tags,
            related_session=SharingSessionPage.objects.filter(
                slug=session_slug
            ).first(),
        )
        task_state = (
            WorkflowState.objects.for_instance(post)
            .get(status=WorkflowState.STATUS_IN_PROGRESS)
            .current_task_state
        )
        task = task_state.task.specific
        if state == "published":
            task.on_action(task_state, editor, "approve")
        elif state == "changes_requested":
            task.on_action(
                task_state,
                editor,
                "reject",
                comment="请补充具体步骤，比如用哪个客户端、导出成什么格式。",
            )
    return KnowledgePostPage.objects.child_of(index).count()


def _knowledge_index():
    home = Site.objects.get(is_default_site=True).root_page
    index = KnowledgeIndexPage.objects.child_of(home).first()
    if index is None:
        index = KnowledgeIndexPage(
            title="干货",
            slug="knowledge",
            intro="<p>成员整理的笔记、资源和经验。投稿经编辑审核后发布。</p>",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index
