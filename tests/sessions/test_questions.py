"""Question collection: the window, votes, moderation, the recap's Q&A."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from knowledge.models import Activity
from sessions.community.limits import RateLimited
from sessions.models import QuestionVote, SessionQuestion
from sessions.questions.services import (
    QuestionsClosed,
    question_ask,
    question_moderate,
    question_vote_toggle,
)
from tests import factories

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def session():
    """Starts in 3 days, 90 minutes long: collecting from 2 days before start."""
    return factories.sharing_session(
        start=timezone.now() + 3 * DAY, title="社群冷启动", slug="cold-start"
    )


@pytest.fixture
def collecting_session():
    return factories.sharing_session(
        start=timezone.now() + DAY, title="裂变活动复盘", slug="growth"
    )


def ask(session, user, text="新人进群第一周应该做什么？", now=None):
    return question_ask(session=session, user=user, text=text, now=now)


def approve(question, by):
    return question_moderate(question=question, by=by, status="approved")


class TestWindow:
    def test_opens_at_question_collection_start_and_closes_when_the_share_ends(
        self, session
    ):
        member = factories.member()
        opens = session.start - 2 * DAY
        with pytest.raises(QuestionsClosed):
            ask(session, member, now=opens - MINUTE)
        assert ask(session, member, now=opens).pk
        assert ask(session, member, now=session.end - MINUTE).pk
        with pytest.raises(QuestionsClosed):
            ask(session, member, now=session.end)
        assert session.questions.count() == 2

    def test_page_before_the_window_says_when_it_opens_and_has_no_form(
        self, client, session
    ):
        client.force_login(factories.member())
        html = client.get(session.url).content.decode()
        assert "开始征集问题" in html  # says when it opens
        assert 'action="' + session.url + 'questions/"' not in html

    def test_post_outside_the_window_is_refused_with_a_message(self, client, session):
        client.force_login(factories.member())
        response = client.post(
            session.url + "questions/", {"text": "直播之后还能提问吗？"}, follow=True
        )
        assert "当前不在收集问题" in response.content.decode()
        assert not SessionQuestion.objects.exists()

    def test_cancelled_session_takes_no_questions(self, collecting_session):
        collecting_session.status = "cancelled"
        collecting_session.status_reason = "讲者临时有事"
        collecting_session.save_revision().publish()
        with pytest.raises(QuestionsClosed):
            ask(collecting_session, factories.member())


class TestAsking:
    def test_member_question_waits_for_approval_and_only_the_asker_sees_it(
        self, client, collecting_session
    ):
        asker, other = factories.member(), factories.member()
        client.force_login(asker)
        response = client.post(
            collecting_session.url + "questions/",
            {"text": "<script>alert(1)</script>怎么做冷启动？"},
            follow=True,
        )
        html = response.content.decode()
        assert "审核" in html  # "awaiting review" notice and success message
        assert "&lt;script&gt;alert(1)&lt;/script&gt;怎么做冷启动？" in html
        assert "<script>alert(1)" not in html
        question = SessionQuestion.objects.get()
        assert question.status == "pending"
        assert question.author_name == f"上海-{asker.username}"

        client.force_login(other)
        assert "怎么做冷启动" not in client.get(collecting_session.url).content.decode()

    def test_too_short_question_is_refused_by_redirect_and_the_text_kept(
        self, client, collecting_session
    ):
        client.force_login(factories.member())
        response = client.post(collecting_session.url + "questions/", {"text": "嗯？"})
        assert response.status_code == 302
        assert response["Location"].endswith("#questions")
        html = client.get(response["Location"]).content.decode()
        assert "嗯？</textarea>" in html
        assert "问题至少要写 5 个字（现在是 2 个）。" in html
        assert "该变量" not in html  # Django's own wording: "this variable"
        assert not SessionQuestion.objects.exists()

    def test_anonymous_visitor_is_sent_to_log_in(self, client, collecting_session):
        response = client.post(
            collecting_session.url + "questions/", {"text": "可以匿名提问吗？"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        html = client.get(collecting_session.url).content.decode()
        assert "/accounts/login/" in html and "提问" in html

    def test_pending_member_cannot_ask(self, client, collecting_session):
        pending = factories.member(status="pending")
        with pytest.raises(PermissionDenied):
            ask(collecting_session, pending)
        client.force_login(pending)
        assert "尚未通过审核" in client.get(collecting_session.url).content.decode()

    def test_rate_limit_refuses_with_a_clear_message(
        self, client, settings, collecting_session
    ):
        settings.CHENDIAN_RATE_LIMITS = {"question": (2, 3600)}
        member = factories.member()
        ask(collecting_session, member, text="第一个问题是什么？")
        ask(collecting_session, member, text="第二个问题是什么？")
        with pytest.raises(RateLimited):
            ask(collecting_session, member, text="第三个问题是什么？")
        client.force_login(member)
        response = client.post(
            collecting_session.url + "questions/",
            {"text": "第四个问题是什么？"},
            follow=True,
        )
        assert response.redirect_chain  # a reload does not send the form again
        html = response.content.decode()
        assert "请稍后再提问" in html and "第四个问题是什么？</textarea>" in html
        assert collecting_session.questions.count() == 2
        # Shown once: the next visit has an empty form.
        assert "第四个问题" not in client.get(collecting_session.url).content.decode()


class TestVotes:
    def test_one_vote_each_and_voting_again_withdraws(self, collecting_session):
        question = approve(
            ask(collecting_session, factories.member()), factories.moderator()
        )
        voter = factories.member()
        assert question_vote_toggle(question=question, user=voter) is True
        assert question.vote_count == 1
        assert question_vote_toggle(question=question, user=voter) is False
        assert question.vote_count == 0
        question_vote_toggle(question=question, user=voter)
        question_vote_toggle(question=question, user=factories.member())
        question.refresh_from_db()
        assert question.vote_count == 2
        with pytest.raises(IntegrityError):
            QuestionVote.objects.create(question=question, voter=voter)

    def test_pending_questions_take_no_votes(self, collecting_session):
        question = ask(collecting_session, factories.member())
        with pytest.raises(ValidationError):
            question_vote_toggle(question=question, user=factories.member())

    def test_page_sorts_approved_questions_by_votes(self, client, collecting_session):
        moderator = factories.moderator()
        quiet = approve(
            ask(collecting_session, factories.member(), "很少人关心的问题？"), moderator
        )
        popular = approve(
            ask(collecting_session, factories.member(), "大家都想问的问题？"), moderator
        )
        for _ in range(2):
            question_vote_toggle(question=popular, user=factories.member())
        voter = factories.member()
        client.force_login(voter)
        response = client.post(
            collecting_session.url + f"questions/{quiet.pk}/vote/", follow=True
        )
        html = response.content.decode()
        assert html.index("大家都想问的问题") < html.index("很少人关心的问题")
        assert "2 票" in html and "1 票" in html
        assert "撤回投票" in html  # the voter's own vote can be withdrawn

    def test_vote_records_activity(self, collecting_session):
        question = approve(
            ask(collecting_session, factories.member()), factories.moderator()
        )
        voter = factories.member()
        question_vote_toggle(question=question, user=voter)
        assert Activity.objects.filter(member=voter, verb="voted").count() == 1


class TestModeration:
    def test_merge_moves_votes_once_per_member(self, collecting_session):
        moderator = factories.moderator()
        kept = approve(
            ask(collecting_session, factories.member(), "如何设计打卡规则？"), moderator
        )
        duplicate = approve(
            ask(collecting_session, factories.member(), "打卡规则怎么定？"), moderator
        )
        both, only_duplicate = factories.member(), factories.member()
        for user in (both,):
            question_vote_toggle(question=kept, user=user)
        for user in (both, only_duplicate):
            question_vote_toggle(question=duplicate, user=user)

        question_moderate(
            question=duplicate, by=moderator, status="merged", merged_into=kept
        )

        kept.refresh_from_db()
        duplicate.refresh_from_db()
        assert kept.vote_count == 2
        assert duplicate.vote_count == 0
        assert set(kept.votes.values_list("voter", flat=True)) == {
            both.pk,
            only_duplicate.pk,
        }

    def test_merge_needs_a_question_of_the_same_session(self, collecting_session):
        moderator = factories.moderator()
        question = ask(collecting_session, factories.member())
        elsewhere = ask(
            factories.sharing_session(start=timezone.now() + DAY), factories.member()
        )
        with pytest.raises(ValidationError) as error:
            question_moderate(
                question=question, by=moderator, status="merged", merged_into=elsewhere
            )
        assert "merged_into" in error.value.message_dict
        question.refresh_from_db()
        assert question.status == "pending"

    def test_answer_needs_text_and_records_activity_for_the_asker(
        self, collecting_session
    ):
        moderator, asker = factories.moderator(), factories.member()
        question = ask(collecting_session, asker)
        with pytest.raises(ValidationError):
            question_moderate(
                question=question, by=moderator, status="answered", answer=" "
            )
        question_moderate(
            question=question,
            by=moderator,
            status="answered",
            answer="先定规则再拉人。",
        )
        activity = Activity.objects.get(verb="answered")
        assert activity.member == asker and activity.by == moderator
        assert activity.target == question

    def test_member_cannot_moderate(self, collecting_session):
        question = ask(collecting_session, factories.member())
        with pytest.raises(PermissionDenied):
            question_moderate(
                question=question, by=factories.member(), status="approved"
            )

    def test_admin_list_filters_by_session_and_status(self, client, collecting_session):
        other = factories.sharing_session(start=timezone.now() + DAY, title="另一场")
        moderator = factories.moderator()
        approve(
            ask(collecting_session, factories.member(), "这一场已批准的问题？"),
            moderator,
        )
        ask(collecting_session, factories.member(), "这一场待审核的问题？")
        ask(other, factories.member(), "另一场待审核的问题？")
        client.force_login(moderator)
        url = "/admin/snippets/community_sessions/sessionquestion/"
        html = client.get(
            url, {"status": "pending", "session": collecting_session.pk}
        ).content.decode()
        assert "这一场待审核的问题" in html
        assert "这一场已批准的问题" not in html
        assert "另一场待审核的问题" not in html

    def test_moderator_answers_in_the_admin(self, client, collecting_session):
        moderator = factories.moderator()
        question = ask(collecting_session, factories.member())
        client.force_login(moderator)
        url = f"/admin/snippets/community_sessions/sessionquestion/edit/{question.pk}/"
        response = client.post(
            url,
            {
                "session": collecting_session.pk,
                "text": question.text,
                "author_name": question.author_name,
                "status": "answered",
                "merged_into": "",
                "answer": "第一周先认识人，再做事。",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        question.refresh_from_db()
        assert question.status == "answered"
        assert question.answered_by == moderator


class TestRecap:
    def test_answered_questions_show_in_the_recap_and_on_the_askers_page(self, client):
        session = factories.sharing_session(
            start=timezone.now() - 2 * DAY, title="已结束的分享", slug="done"
        )
        asker = factories.member()
        question = SessionQuestion.objects.create(
            session=session,
            author=asker,
            author_name="上海-小林",
            text="活动怎么复盘？",
        )
        question_moderate(
            question=question,
            by=factories.moderator(),
            status="answered",
            answer="按目标、过程、结果三段写。",
        )
        SessionQuestion.objects.create(
            session=session,
            author_name="路人",
            text="被拒绝的问题不会出现？",
            status="rejected",
        )
        html = client.get(session.url).content.decode()
        assert f'id="question-{question.pk}"' in html
        assert "按目标、过程、结果三段写。" in html
        assert "被拒绝的问题" not in html

        profile_html = client.get(f"/members/{asker.pk}/").content.decode()
        assert "活动怎么复盘？" in profile_html
        assert f"{session.url}#question-{question.pk}" in profile_html

    def test_recap_q_and_a_labels_are_punctuated_for_the_language(self, client):
        session = factories.sharing_session(start=timezone.now() - 2 * DAY)
        question = SessionQuestion.objects.create(
            session=session, author_name="路人", text="活动怎么复盘？"
        )
        question_moderate(
            question=question,
            by=factories.moderator(),
            status="answered",
            answer="分三段写。",
        )
        for language, asked, answered in (
            ("zh-hans", "问：活动怎么复盘？", "答：分三段写。"),
            ("en", "Q: 活动怎么复盘？", "A: 分三段写。"),
        ):
            client.post("/i18n/setlang/", {"language": language, "next": "/"})
            soup = BeautifulSoup(client.get(session.url).content, "html.parser")
            assert soup.select_one(".qa__question").get_text() == asked
            assert soup.select_one(".qa__answer").get_text() == answered


class TestEarlyAnswers:
    def test_question_answered_while_collecting_stays_on_the_board_with_its_answer(
        self, client, collecting_session
    ):
        asker = factories.member()
        question = approve(ask(collecting_session, asker), factories.moderator())
        question_moderate(
            question=question,
            by=factories.moderator(),
            status="answered",
            answer="先读群规，再做自我介绍。",
        )
        for viewer in (factories.member(), asker):
            client.force_login(viewer)
            soup = BeautifulSoup(
                client.get(collecting_session.url).content, "html.parser"
            )
            item = soup.select_one(f"#questions #{question.anchor}")
            assert item is not None
            assert "已回答" in item.get_text()
            assert "先读群规，再做自我介绍。" in item.get_text()


class TestConfirmation:
    def test_confirmation_after_asking_is_shown_in_the_questions_section(
        self, client, collecting_session
    ):
        client.force_login(factories.member())
        response = client.post(
            collecting_session.url + "questions/",
            {"text": "新人进群第一周应该做什么？"},
            follow=True,
        )
        soup = BeautifulSoup(response.content, "html.parser")
        notice = soup.select_one("#questions [role=status]")
        assert notice is not None and "谢谢" in notice.get_text()
        top = soup.select_one("main > .messages")
        assert "谢谢" not in top.get_text()


def test_questions_show_the_askers_current_name_after_a_profile_rename(
    client, collecting_session
):
    asker = factories.member()
    approve(ask(collecting_session, asker), factories.moderator())
    profile = asker.member_profile
    profile.display_name = "北京-新名字"
    profile.save()
    html = client.get(collecting_session.url).content.decode()
    assert "北京-新名字" in html
    assert f"上海-{asker.username}" not in html


class TestBulkModeration:
    def test_moderator_approves_several_questions_at_once_from_the_list(
        self, client, collecting_session
    ):
        asker = factories.member()
        first = ask(collecting_session, asker, text="第一个待审问题是什么？")
        second = ask(collecting_session, asker, text="第二个待审问题是什么？")
        moderator = factories.editor()
        moderator.member_profile.role = "moderator"
        moderator.member_profile.save()
        client.force_login(moderator)
        listing = client.get("/admin/snippets/community_sessions/sessionquestion/")
        assert "approve_questions" in listing.content.decode()
        url = "/admin/bulk/community_sessions/sessionquestion/approve_questions/"
        query = f"?next=/admin/&id={first.pk}&id={second.pk}"
        assert client.get(url + query).status_code == 200
        client.post(url + query)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == ("approved", "approved")

    def test_moderator_rejects_one_question_from_the_list(
        self, client, collecting_session
    ):
        question = ask(collecting_session, factories.member())
        moderator = factories.editor()
        moderator.member_profile.role = "moderator"
        moderator.member_profile.save()
        client.force_login(moderator)
        url = "/admin/bulk/community_sessions/sessionquestion/reject_questions/"
        client.post(url + f"?next=/admin/&id={question.pk}")
        question.refresh_from_db()
        assert question.status == "rejected"
