"""Accessibility gate: axe-core finds no serious or critical WCAG 2.2 AA violation
on the public and member pages, in Chinese and English, at phone and desktop width.
The same walk records every request the pages (and the main admin pages) make:
all go to the site's own origin."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from knowledge.models import ChatArchive, ChatMessage, KnowledgeIndexPage
from sessions.lifecycle import Stage
from sessions.models import SeriesIndexPage, SharingSessionPage, TopicSeriesPage
from sessions.selectors import with_stages
from website.demo.members import DEMO_MEMBER_PASSWORD

from .conftest import axe_serious_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The site's language comes from its language cookie (the header's switcher).
LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def public_paths() -> list[str]:
    sessions = with_stages(SharingSessionPage.objects.live(), now=timezone.now())
    one_per_stage = {}
    for session in sessions:
        one_per_stage.setdefault(session.stage, session)
    archive = ChatArchive.objects.filter(message_count__gt=0).first()
    message = ChatMessage.objects.filter(archive=archive).order_by("seq").first()
    day = timezone.localtime(message.sent_at).date().isoformat()
    knowledge = KnowledgeIndexPage.objects.live().first()
    post = knowledge.get_children().live().first()
    return [
        "/",
        SeriesIndexPage.objects.live().first().url,
        TopicSeriesPage.objects.live().first().url,
        *(one_per_stage[stage].url for stage in Stage if stage in one_per_stage),
        knowledge.url,
        post.url,
        "/chats/",
        f"/chats/{archive.pk}/",
        f"/chats/{archive.pk}/{day}/",
        "/search/?q=表格",
        "/accounts/login/",
        "/accounts/signup/",
    ]


def member_paths() -> list[str]:
    knowledge = KnowledgeIndexPage.objects.live().first()
    return [
        knowledge.url + "mine/",
        knowledge.url + "submit/",
        "/accounts/profile/",
        "/",
    ]


def admin_paths() -> list[str]:
    series = TopicSeriesPage.objects.live().first()
    session = SharingSessionPage.objects.child_of(series).first()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{series.pk}/",
        f"/admin/pages/{session.pk}/edit/",
        "/admin/snippets/community_sessions/sessionquestion/",
        "/admin/sessions/today/",
        "/admin/chat-imports/",
    ]


def test_public_and_member_pages_pass_axe_wcag22_aa_and_every_request_stays_on_the_site(
    live_server, browser
):
    call_command("load_demo")
    public, member = public_paths(), member_paths()
    problems, elsewhere = [], set()

    def record(request):
        url = request.url
        if not url.startswith((live_server.url + "/", "data:", "blob:")):
            elsewhere.add(url)

    for language, locale in LOCALES.items():
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(
                locale=locale, viewport={"width": width, "height": height}
            )
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            context.on("request", record)
            page = context.new_page()
            page.set_default_timeout(15_000)
            for path in public:
                page.goto(live_server.url + path)
                assert page.locator("html").get_attribute("lang") == language
                for problem in axe_serious_violations(page):
                    problems.append(f"{language} {width_name} {path}: {problem}")
            log_in(page, live_server.url, "xiaolin", DEMO_MEMBER_PASSWORD)
            for path in member:
                page.goto(live_server.url + path)
                for problem in axe_serious_violations(page):
                    problems.append(f"{language} {width_name} member {path}: {problem}")
            context.close()
    assert problems == []

    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.on("request", record)
    page = context.new_page()
    get_user_model().objects.create_superuser("admin", "", "admin-pass-2026")
    log_in(page, live_server.url, "admin", "admin-pass-2026")
    for path in admin_paths():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert elsewhere == set()
