"""Who may do what: anonymous, member, moderator, editor, admin.

Each row is a role, each column something a user would try; the expected
answers are the product's rules (see knowledge/access.py).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.models import KnowledgePostPage
from sessions.models import SessionQuestion
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "moderator", "editor", "admin"]
#                 submit  vote   moderate  see pending  edit others
EXPECTED = {
    "anonymous": (False, False, False, False, False),
    "member": (True, True, False, False, False),
    "moderator": (True, True, True, False, False),
    "editor": (True, True, True, True, True),
    "admin": (True, True, True, True, True),
}


def make_user(role):
    if role == "anonymous":
        return None
    return {
        "member": factories.member,
        "moderator": factories.moderator,
        "editor": factories.editor,
        "admin": factories.admin,
    }[role]()


@pytest.fixture
def scene():
    """A session collecting questions with one approved question, and another
    member's post waiting in review."""
    session = factories.sharing_session(start=timezone.now() + timedelta(days=1))
    asker = factories.member("asker")
    question = SessionQuestion.objects.create(
        session=session,
        author=asker,
        author_name="asker",
        text="已经批准的问题？",
        status="approved",
    )
    index = factories.knowledge_index()
    from knowledge.posts.services import post_submit

    post = post_submit(
        index=index,
        user=asker,
        title="别人的待审稿件",
        body="草稿内容",
        tags=[],
        related_session=None,
    )
    return session, question, index, post


def attempts(client, user, scene):
    session, question, index, post = scene
    asked = client.post(session.url + "questions/", {"text": "我也来问一个问题？"})
    submitted = (
        asked.status_code == 302
        and SessionQuestion.objects.filter(text="我也来问一个问题？").exists()
    )
    client.post(session.url + f"questions/{question.pk}/vote/")
    question.refresh_from_db()
    voted = question.vote_count == 1
    edit_question = (
        f"/admin/snippets/community_sessions/sessionquestion/edit/{question.pk}/"
    )
    moderate = client.get(edit_question).status_code == 200
    see_pending = client.get(f"/admin/pages/{post.pk}/edit/").status_code == 200
    # On the site nobody but the author may edit a post...
    front_edit = client.post(
        index.url + f"{post.pk}/edit/", {"title": "被别人改了", "body": "改"}
    )
    assert front_edit.status_code in (302, 404)
    draft = KnowledgePostPage.objects.get(pk=post.pk).get_latest_revision_as_object()
    assert draft.title == "别人的待审稿件"
    # ...in the admin, whoever may edit the page and is not locked out by the
    # review workflow may.
    edit_others = False
    if user is not None and see_pending:
        lock = post.get_lock()
        edit_others = post.permissions_for_user(user).can_edit() and not (
            lock and lock.for_user(user)
        )
    return submitted, voted, moderate, see_pending, edit_others


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, scene, role):
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    assert attempts(client, user, scene) == EXPECTED[role]


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_members_and_visitors_cannot_reach_the_admin(client, role):
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_member_cannot_see_another_members_unpublished_post(client, scene):
    *_, index, post = scene
    client.force_login(factories.member())
    assert client.get(post.url).status_code == 404
    assert client.get(index.url + f"{post.pk}/edit/").status_code == 404
    assert "别人的待审稿件" not in client.get(index.url + "mine/").content.decode()


def test_csrf_is_enforced_on_member_forms(scene):
    from django.test import Client

    session, question, index, _post = scene
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.member())
    assert (
        client.post(
            session.url + "questions/", {"text": "没有令牌的问题？"}
        ).status_code
        == 403
    )
    assert (
        client.post(session.url + f"questions/{question.pk}/vote/").status_code == 403
    )
    assert (
        client.post(index.url + "submit/", {"title": "x", "body": "y"}).status_code
        == 403
    )


def test_moderators_admin_menu_offers_only_what_they_may_use(client):
    client.force_login(factories.moderator())
    html = client.get("/admin/").content.decode()
    assert "/admin/snippets/community_sessions/sessionquestion/" in html
    assert "/admin/snippets/knowledge/invitecode/" in html
    for dead_end in ("/admin/chat-imports/", "/admin/chat-archives/"):
        assert dead_end not in html
