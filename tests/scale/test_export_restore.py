"""community_export → a fresh database → community_import loses nothing."""

import json
import zipfile

import pytest

from tests.served import manage, site_env

# Child processes serve their own SQLite files whatever DATABASE_URL says: the
# PostgreSQL pass skips these rather than repeat them (tests/conftest.py).
pytestmark = pytest.mark.db_independent

# What a member or organiser would notice, read from one site as JSON.
SNAPSHOT_SCRIPT = """
import hashlib, json
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.http import QueryDict
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from knowledge.models import ChatMessage, KnowledgePostPage, InviteCode
from search.service import request_from_params, search_run
from sessions.models import QuestionVote, SessionQuestion, SharingSessionPage

def found(q):
    results = search_run(request_from_params(QueryDict("q=" + q)))
    return sorted(hit.url for hit in results.hits)

print(json.dumps({
    "pages": sorted(
        [p.url_path, type(p.specific).__name__, p.title, p.live]
        for p in Page.objects.all()
    ),
    "revisions": sorted(
        [r.object_str, r.content.get("title")] for r in Revision.objects.all()
    ),
    "recaps": sorted(
        [s.slug, json.dumps(list(s.recap.raw_data), sort_keys=True, ensure_ascii=False)]
        for s in SharingSessionPage.objects.all()
    ),
    "questions": sorted(
        [q.session.slug, q.author.username, q.text, q.status, q.vote_count]
        for q in SessionQuestion.objects.all()
    ),
    "votes": sorted(
        [v.voter.username, v.question.text] for v in QuestionVote.objects.all()
    ),
    "posts": sorted(
        [p.title, p.author.username, str(p.body)] for p in KnowledgePostPage.objects.all()
    ),
    "chat_messages": sorted(
        [str(m.sent_at), m.text] for m in ChatMessage.objects.all()
    ),
    "members": sorted(
        [u.username, u.email, u.is_staff, sorted(g.name for g in u.groups.all())]
        for u in get_user_model().objects.all()
    ),
    "usable_passwords": sum(
        u.has_usable_password() for u in get_user_model().objects.all()
    ),
    "invite_codes": sorted(c.code for c in InviteCode.objects.all()),
    "media": sorted(
        [i.file.name, hashlib.sha256(default_storage.open(i.file.name).read()).hexdigest()]
        for i in get_image_model().objects.all()
    ),
    "search": {q: found(q) for q in ["分享", "自动化", "复盘", "问题"]},
}, ensure_ascii=False))
"""


def snapshot(env):
    return json.loads(manage("shell", "-c", SNAPSHOT_SCRIPT, env=env).splitlines()[-1])


def test_demo_round_trips_through_export_and_import_into_a_fresh_database(
    demo_site, tmp_path
):
    database, _facts = demo_site
    source_env = site_env(database=database, cache_dir=tmp_path / "cache-a")
    manage("search_rebuild", env=source_env)
    before = snapshot(source_env)
    export = tmp_path / "community.zip"

    manage("community_export", str(export), env=source_env)
    target_env = site_env(
        database=database.parent / "empty.sqlite3",
        cache_dir=tmp_path / "cache-b",
        MEDIA_ROOT=str(tmp_path / "restored-media"),
    )
    manage("community_import", str(export), env=target_env)
    after = snapshot(target_env)

    for part in ["pages", "recaps", "questions", "votes", "posts", "chat_messages"]:
        assert before[part], f"the demo has no {part}: the test would prove nothing"
    assert any(hits for hits in before["search"].values())
    assert {k: v for k, v in after.items() if k != "usable_passwords"} == {
        k: v for k, v in before.items() if k != "usable_passwords"
    }
    assert before["usable_passwords"] > 0
    assert after["usable_passwords"] == 0  # members set a new password


def test_export_is_versioned_json_lines_without_any_password_hash(demo_site, tmp_path):
    database, _facts = demo_site
    env = site_env(database=database, cache_dir=tmp_path / "cache")
    export = tmp_path / "community.zip"

    manage("community_export", str(export), env=env)

    with zipfile.ZipFile(export) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        users = [
            json.loads(line)
            for line in archive.read("data/auth.user.jsonl").splitlines()
        ]
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert manifest["format"] == "chendian-community-export"
    assert manifest["version"] == 1
    assert manifest["models"]["auth.user"] == len(users) > 0
    assert all("password" not in user["fields"] for user in users)
    assert b"md5$" not in everything and b"pbkdf2_sha256$" not in everything
