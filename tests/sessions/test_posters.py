"""Session share posters: one PNG per stage variant, downloadable by organisers."""

import io
from datetime import timedelta

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.utils import timezone
from PIL import Image

from sessions.models import SessionSpeaker
from sessions.sharing.posters import poster_layout
from sessions.sharing.session_posters import POSTER_VARIANTS, session_poster_lines
from tests import factories
from website.models import CommunitySettings

pytestmark = pytest.mark.django_db
LONG_TITLE = (
    "从零搭建一个能长期运营的学习型社群：定位、拉新、分层运营、内容沉淀与知识库建设的"
    "完整方法论，以及三年实践中踩过的坑"
)


@pytest.fixture
def session():
    settings = CommunitySettings.for_site(factories.home_page().get_site())
    settings.community_name = "沉淀学习社"
    settings.save()
    series = factories.topic_series(title="工具实战", slug="tools")
    page = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(hours=3),
        title="用 Notion 搭建社群知识库",
        slug="notion-kb",
        episode=12,
    )
    SessionSpeaker.objects.create(page=page, person=factories.person(name="林晓"))
    return page


def poster_url(page, variant):
    return f"/sessions/poster/{page.pk}/{variant}.png"


def fetch_png(client, page, variant):
    response = client.get(poster_url(page, variant))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return response, Image.open(io.BytesIO(response.content))


@pytest.mark.parametrize("variant", sorted(POSTER_VARIANTS))
def test_poster_is_1080_wide_and_its_qr_code_opens_the_session(
    client, session, variant
):
    response, image = fetch_png(client, session, variant)
    assert image.size == (1080, 1440)
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [session.get_full_url()]
    assert decoded[0].startswith("http") and decoded[0].endswith("/tools/notion-kb/")
    assert response["Content-Disposition"] == (
        f'attachment; filename="notion-kb-{variant}.png"'
    )


def test_poster_shows_community_series_episode_speaker_and_local_time(session):
    lines = session_poster_lines(
        session, POSTER_VARIANTS["announcement"], url="https://x.example/"
    )
    texts = [text.text for text in poster_layout(lines).texts]
    assert texts[:2] == ["沉淀学习社", "预告"]
    assert "工具实战 · 第12期" in texts
    title = [text.text for text in poster_layout(lines).role("title")]
    assert "".join(title).replace(" ", "") == "用Notion搭建社群知识库"
    assert min(len(line) for line in title) >= 4  # balanced, no lone character
    assert "嘉宾：林晓" in texts
    local = timezone.localtime(session.start, timezone.get_fixed_timezone(8 * 60))
    weekday = "一二三四五六日"[local.weekday()]
    assert f"时间：{local.month}月{local.day}日 周{weekday} {local:%H:%M}" in texts


def test_each_stage_variant_is_a_different_image_with_its_own_label(client, session):
    labels = {
        slug: poster_layout(
            session_poster_lines(session, variant, url="https://x.example/")
        )
        .role("label")[0]
        .text
        for slug, variant in POSTER_VARIANTS.items()
    }
    assert labels == {
        "announcement": "预告",
        "questions": "问题征集中",
        "recap": "回顾已上线",
    }
    images = {fetch_png(client, session, v)[0].content for v in POSTER_VARIANTS}
    assert len(images) == 3


def test_session_poster_text_is_readable_and_inside_the_canvas(session):
    session.title = LONG_TITLE
    layout = poster_layout(
        session_poster_lines(session, POSTER_VARIANTS["recap"], url="https://x/")
    )
    title = layout.role("title")
    assert len(title) >= 3 and "".join(t.text for t in title) == LONG_TITLE
    for text in layout.texts:
        assert text.box[3] - text.box[1] >= 28, text
        assert text.box[0] >= 0 and text.box[1] >= 0, text
        assert text.box[2] <= 1080 and text.box[3] <= 1440, text


def test_an_unknown_stage_variant_is_not_found(client, session):
    assert client.get(poster_url(session, "warmup")).status_code == 404


def test_posters_of_unpublished_sessions_are_not_found_for_the_public(client):
    draft = factories.sharing_session(
        start=timezone.now() + timedelta(days=3), title="还没发布", publish=False
    )
    assert client.get(poster_url(draft, "announcement")).status_code == 404
    client.force_login(factories.member())
    assert client.get(poster_url(draft, "announcement")).status_code == 404


def test_an_organiser_gets_the_poster_of_a_draft(client):
    draft = factories.sharing_session(
        start=timezone.now() + timedelta(days=3), title="还没发布", publish=False
    )
    client.force_login(factories.editor())
    response, image = fetch_png(client, draft, "announcement")
    assert "no-cache" in response["Cache-Control"]
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [draft.get_full_url()]


def test_an_unchanged_poster_answers_304_and_an_edit_changes_it(client, session):
    first = client.get(poster_url(session, "announcement"))
    again = client.get(
        poster_url(session, "announcement"), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304 and again.content == b""
    session.title = "改过的标题"
    session.save_revision().publish()
    edited = client.get(
        poster_url(session, "announcement"), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert edited.status_code == 200 and edited["ETag"] != first["ETag"]


def download_links(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        card.select_one("h3").get_text(" ", strip=True).split(" ·")[0]: link["href"]
        for card in soup.select("[data-group-message]")
        if (link := card.select_one("a[data-poster-download]"))
    }


def test_group_message_tab_has_a_poster_download_per_stage_variant(client, session):
    client.force_login(factories.editor())
    response = client.get(f"/admin/pages/{session.pk}/edit/")
    links = download_links(response.content)
    assert links == {
        "已预告": poster_url(session, "announcement"),
        "问题征集中": poster_url(session, "questions"),
        "回顾已发布": poster_url(session, "recap"),
    }
    for href in links.values():
        assert client.get(href)["Content-Type"] == "image/png"


def test_today_view_has_a_poster_download_for_stages_with_a_poster(client):
    series = factories.topic_series(title="案例拆解", slug="cases")
    now = timezone.now()
    collecting = factories.sharing_session(
        series, start=now + timedelta(days=2, hours=1), title="提问中", slug="asking"
    )
    factories.sharing_session(
        series, start=now + timedelta(hours=3), title="今晚", slug="tonight"
    )
    client.force_login(factories.editor())
    soup = BeautifulSoup(client.get("/admin/sessions/today/").content, "html.parser")
    by_title = {
        change.select_one("strong").get_text(strip=True): change
        for change in soup.select(".today-change")
    }
    asking = by_title["提问中"].select("a[data-poster-download]")
    assert [a["href"] for a in asking] == [poster_url(collecting, "questions")]
    # Warm-up has a group message but no poster variant.
    assert by_title["今晚"].select("a[data-poster-download]") == []
