"""Runs inside a project made by ``wagtail start`` (copied there by the test).

Usage: ``python host_driver.py <apps>`` where <apps> is "sessions",
"sessions+search" or "all". Migrates, builds a small page tree under the
host's own home page, and prints what a visitor and an editor get as one
JSON object on the last line. Imports the apps from the installed wheel only.
"""

import json
import os
import sys
from datetime import timedelta

# DJANGO_SETTINGS_MODULE names the step's settings (set by the test).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from home.models import HomePage  # noqa: E402
from wagtail.test.utils.form_data import rich_text  # noqa: E402

import sessions  # noqa: E402
from sessions.models import (  # noqa: E402
    SeriesIndexPage,
    SharingSessionPage,
    TopicSeriesPage,
)

apps = sys.argv[1]
call_command("migrate", verbosity=0)
report = {"sessions_from": os.path.dirname(sessions.__file__)}

editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
admin = Client()
admin.force_login(editor)
home = HomePage.objects.get()

# The editor adds the series index in the admin, under the host's home page.
add_url = f"/admin/pages/add/community_sessions/seriesindexpage/{home.pk}/"
report["admin_add_form"] = admin.get(add_url).status_code
created = admin.post(
    add_url,
    {
        "title": "Sessions",
        "slug": "sessions",
        "intro": rich_text("<p>Our sharing sessions.</p>"),
        "action-publish": "publish",
    },
)
report["admin_add_post"] = created.status_code
index = SeriesIndexPage.objects.child_of(home).get()
series = index.add_child(instance=TopicSeriesPage(title="Tools we use", slug="tools"))
series.save_revision().publish()

now = timezone.now()
recap = [("paragraph", "<p>What we learned about spreadsheets.</p>")]
starts = {
    "scheduled": (now + timedelta(days=30), {}),
    "announced": (now + timedelta(days=3), {}),
    "collecting_questions": (now + timedelta(days=1), {}),
    "warm_up": (now + timedelta(hours=1), {}),
    "live": (now - timedelta(minutes=10), {}),
    "ended": (now - timedelta(days=3), {}),
    "archived": (now - timedelta(days=10), {"recap": recap}),
    "cancelled": (
        now + timedelta(days=5),
        {"status": "cancelled", "status_reason": "The speaker is ill."},
    ),
}
pages = {}
for stage, (start, fields) in starts.items():
    page = series.add_child(
        instance=SharingSessionPage(
            title=f"Spreadsheet formulas {stage}",
            slug=stage.replace("_", "-"),
            start=start,
            **fields,
        )
    )
    page.save_revision().publish()
    pages[stage] = SharingSessionPage.objects.get(pk=page.pk)

visitor = Client()
report["index"] = visitor.get(index.url).status_code
report["series"] = visitor.get(series.url).status_code
report["stages"] = {}
for stage, page in pages.items():
    response = visitor.get(page.url)
    body = response.content.decode()
    report["stages"][stage] = {
        "status": response.status_code,
        "shows_stage": f'data-stage="{stage}"' in body,
    }

if apps in ("sessions+search", "all"):
    from search.service import search_run  # noqa: F401 (importable from the wheel)

    call_command("search_rebuild", verbosity=0)
    found = visitor.get("/search/", {"q": "archived"})
    report["search_status"] = found.status_code
    report["search_finds_session"] = pages["archived"].url in found.content.decode()

if apps == "all":
    import io

    from knowledge.chats.services import chat_import
    from knowledge.models import ChatArchiveIndexPage

    home.add_child(instance=ChatArchiveIndexPage(title="Chats", slug="chats"))
    export = (
        "消息记录（此消息记录为文本格式，不支持重新导入）\n\n"
        "================================================================\n"
        "消息分组:我的群聊\n"
        "================================================================\n"
        "消息对象:表格学习群\n"
        "================================================================\n\n"
        "2024-03-12 20:01:05 小林(10001)\n用表格公式替代重复整理\n\n"
    ).encode()
    chat_import(file=io.BytesIO(export), filename="qq.txt", session=pages["ended"])
    body = visitor.get(pages["ended"].url).content.decode()
    report["chat_section"] = "chat-archive-links" in body and "/chats/" in body

print(json.dumps(report))
