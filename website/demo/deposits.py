"""Demo: what sessions leave behind once they are over.

A transcript with chapters on the spreadsheet session (a Feishu Minutes text
export built in memory, imported through the real service), an unanswered
question carried from the offline meet-up review to the next "case" session,
and FAQ cards promoted from an answered question and from the group chat.
The chat itself is attached to its session by its time window (demo.chats).
Everything is original, fictional text, and made through the same services
editors use; running it twice creates nothing new.
"""

from __future__ import annotations

from wagtail.models import Site

from knowledge.faq.services import (
    faq_card_promote,
    faq_draft_from_chat,
    faq_draft_from_question,
)
from knowledge.models import ChatMessage, FaqCardPage, FaqIndexPage, FaqSource
from sessions.models import (
    QuestionVote,
    SessionQuestion,
    SharingSessionPage,
    Transcript,
    TranscriptChapter,
)
from sessions.questions.carry_over import series_carry_over_due
from sessions.transcripts.services import transcript_import

RECORDING_URL = "https://www.bilibili.com/video/BV1Wd4y1C7Demo"

# (time in the recording, speaker, what was said): 飞书妙记's text export.
TRANSCRIPT = [
    (
        "00:05",
        "孙悦",
        "大家晚上好，欢迎来到工具实战第一期。今天请浩然讲报名表自动汇总。",
    ),
    (
        "01:12",
        "王浩然",
        "先说背景。我们每场活动都有报名表，过去靠志愿者手工合并，最多的一次合了两个小时。",
    ),
    ("04:40", "王浩然", "原则只有一条：原始数据只录一次，汇总表里不手填任何数字。"),
    (
        "09:05",
        "王浩然",
        "第一步是统一列名。问卷、群接龙、表单导出的列都不一样，\n先统一成昵称、手机号后四位、城市、场次四列。",
    ),
    (
        "12:30",
        "王浩然",
        "去重的时候不要只看昵称，昵称经常改。用昵称加手机号后四位，两个都一样才算同一个人。",
    ),
    (
        "15:48",
        "阿青",
        "补充一句，我们之前只看昵称，同名的两个人被合成了一个，活动当天才发现。",
    ),
    (
        "21:10",
        "王浩然",
        "按城市分组统计可以用数据透视表，也可以用 COUNTIFS。文字条件要加引号，引用单元格就不用。",
    ),
    (
        "31:45",
        "王浩然",
        "出席率等于签到人数除以报名人数。签到表也按同样的唯一标识去重，不然会超过百分之百。",
    ),
    ("44:20", "杭州-小周", "报名人数上千的时候表格会不会很卡？"),
    (
        "45:02",
        "王浩然",
        "几千行以内没问题。再多就把历史数据归档到另一张表，只让本季度的数据参与计算。",
    ),
    ("52:36", "王浩然", "最后送大家一句话：能用公式算出来的东西，就不要让人去记。"),
    ("58:10", "孙悦", "模板已经放在群文件里。接下来是自由提问时间。"),
    ("1:02:15", "林小满", "公式越来越多，怎么避免别人不小心改坏？"),
    (
        "1:03:00",
        "王浩然",
        "把输入区和计算区分开，计算区锁定；再留一张说明表写清每列的含义。",
    ),
]
CHAPTERS = [
    ("0:05", "开场与背景"),
    ("9:05", "统一列名与去重"),
    ("21:10", "分组统计与出席率"),
    ("44:20", "问答"),
]

CARRIED_QUESTION = "线下活动散场以后，怎么让大家回到群里继续聊？"


def feishu_export() -> str:
    lines = ["用表格公式替代重复整理：报名表自动汇总", "", "文字记录:", ""]
    for time, speaker, text in TRANSCRIPT:
        lines += [f"{speaker} {time}", text, ""]
    return "\n".join(lines)


def load(*, now, stdout=None):
    spreadsheet = SharingSessionPage.objects.filter(
        slug="spreadsheet-automation"
    ).first()
    if spreadsheet is not None:
        _transcript(spreadsheet)
        _faq_cards(spreadsheet)
    carried = _carried_question(now=now)
    if stdout:
        stdout.write(
            f"After the sessions: a transcript, {carried} question(s) carried over, "
            f"{FaqCardPage.objects.count()} FAQ cards."
        )


def _transcript(session):
    if not session.recording_url:
        session.recording_url = RECORDING_URL
        session.save_revision().publish()
    if Transcript.objects.filter(session=session).exists():
        return
    transcript = transcript_import(
        session=session,
        data=feishu_export().encode(),
        filename="报名表自动汇总-妙记.txt",
        format="feishu",
    )
    for position, (start, title) in enumerate(CHAPTERS):
        TranscriptChapter.objects.create(
            transcript=transcript, start=start, title=title, sort_order=position
        )


def _carried_question(*, now) -> int:
    """An approved question the meet-up review had no time for, carried on."""
    ended = SharingSessionPage.objects.filter(slug="offline-meetup-review").first()
    if ended is None or ended.questions.filter(text=CARRIED_QUESTION).exists():
        return 0
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        username__in=["chensq", "xiaolin", "wanghr", "guoyu"]
    )
    asker = users.filter(username="chensq").first()
    question = SessionQuestion.objects.create(
        session=ended,
        author=asker,
        author_name=asker.get_full_name() if asker else "陈思琪",
        text=CARRIED_QUESTION,
        status=SessionQuestion.Status.APPROVED,
    )
    # Votes from while the question collection was open (it has closed since).
    for voter in users.exclude(pk=getattr(asker, "pk", None)):
        QuestionVote.objects.create(question=question, voter=voter)
    SessionQuestion.objects.filter(pk=question.pk).update(
        vote_count=question.votes.count()
    )
    series = ended.get_parent().specific
    if not series.carry_over_questions:
        series.carry_over_questions = True
        series.save_revision().publish()
    return sum(count for _session, count in series_carry_over_due(now=now))


def _faq_index():
    home = Site.objects.get(is_default_site=True).root_page
    index = FaqIndexPage.objects.child_of(home).first()
    if index is None:
        index = FaqIndexPage(
            title="常见问题",
            slug="faq",
            intro="<p>群里反复被问到的问题，和社群认可的答案。每张卡片都注明出处。</p>",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _moment(session, time):
    """A card's source: the moment of the recording where it was answered."""
    return FaqSource(
        kind=FaqSource.Kind.TRANSCRIPT,
        session=session,
        anchor=time,
        label=session.title,
    )


def _faq_cards(session):
    index = _faq_index()
    question = session.questions.filter(
        status=SessionQuestion.Status.ANSWERED, text__startswith="表格里的公式"
    ).first()
    if question and not question.faq_sources.exists():
        draft = faq_draft_from_question(question=question)
        draft.sources.append(_moment(session, "1:03:00"))
        faq_card_promote(index=index, draft=draft, publish=True)

    asked = ChatMessage.objects.filter(text__startswith="去重用什么当唯一标识").first()
    if asked and not asked.faq_sources.exists():
        answer = (
            asked.archive.messages.filter(sent_at__gt=asked.sent_at)
            .filter(text__startswith="这个好")
            .first()
        )
        if answer is None:
            return
        draft = faq_draft_from_chat(first=asked, last=answer)
        draft.question = "报名表去重用什么当唯一标识？"
        draft.answer_html = (
            "<p>用<b>昵称加手机号后四位</b>：两个都一样才算同一个人。"
            "只看昵称会把同名的两个人合成一个，而昵称又经常改。</p>"
        )
        draft.tags = ["表格", "报名"]
        draft.sources.append(_moment(session, "12:30"))
        card = faq_card_promote(index=index, draft=draft, publish=False)
        card.other_phrasings = "报名表怎么去重\n昵称重复怎么办"
        card.save_revision().publish()
