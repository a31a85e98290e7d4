"""What only the database engine does: its own SQL for filters, and estimated
facet counts when a query matches a huge part of the archive."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import search.engines.database.base
from search.documents import SearchDocument
from search.engines.database import DatabaseEngine

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _database_engine(settings):
    settings.ELASTICSEARCH_URL = ""


def doc(key, title, body="", **fields):
    return SearchDocument(
        key=key,
        origin=fields.pop("origin", f"test:{key}"),
        kind=fields.pop("kind", "post"),
        title=title,
        body=body,
        url=f"/{key}/",
        **fields,
    )


def api(client, q, **params):
    response = client.get("/search/api/", {"q": q, **params})
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def test_people_tags_and_days_filter_as_typed(client):
    DatabaseEngine().replace_origin(
        "test",
        [
            doc(
                "a",
                "社群早班",
                people=["林晓"],
                tags=["a_b"],
                # 01:00 on 1 March in the community's time zone, still
                # 28 February in UTC.
                date=datetime(2026, 3, 1, 1, 0, tzinfo=SHANGHAI),
            ),
            doc(
                "b",
                "社群晚班",
                people=["王芳"],
                tags=["axb"],
                date=datetime(2026, 2, 28, 20, 0, tzinfo=SHANGHAI),
            ),
        ],
    )
    assert titles(api(client, "社群 @林晓")) == ["社群早班"]
    # "_" in a tag is a character, not a LIKE wildcard.
    assert titles(api(client, "#a_b")) == ["社群早班"]
    assert titles(api(client, "社群 after:2026-03-01")) == ["社群早班"]
    assert titles(api(client, "社群 before:2026-03-01")) == ["社群晚班"]
    assert titles(api(client, "社群", sort="date")) == ["社群早班", "社群晚班"]


def test_huge_match_sets_get_estimated_facets_and_exact_totals(client, monkeypatch):
    monkeypatch.setattr(search.engines.database.base, "FACET_EXACT_LIMIT", 5)
    monkeypatch.setattr(search.engines.database.base, "FACET_SAMPLE", 5)
    documents = [
        doc(
            f"d{i}",
            f"裂变第{i}篇",
            "裂变" * (3 if i == 17 else 1) + "复盘",
            kind="recap" if i % 2 else "chat",
            tags=["运营"],
            date=datetime(2025, 1, 1 + i, tzinfo=SHANGHAI),
        )
        for i in range(30)
    ]
    DatabaseEngine().replace_origin("test", documents)

    data = api(client, "裂变")
    assert data["total"] == 30
    assert data["facets_approximate"] is True
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert set(kinds) <= {"recap", "chat"} and 10 <= sum(kinds.values()) <= 60
    # The page is still ranked over every match, not over the sample.
    assert titles(data)[0] == "裂变第17篇"
    pages = [titles(api(client, "裂变", page=n)) for n in (1, 2, 3)]
    assert sorted(sum(pages, [])) == sorted(f"裂变第{i}篇" for i in range(30))
    newest = api(client, "裂变", sort="date")
    assert titles(newest)[0] == "裂变第29篇"
    html = client.get("/search/", {"q": "裂变"}).content.decode()
    assert "≈" in html

    # With a filter the total is still exact.
    assert api(client, "裂变", kind="recap")["total"] == 15


def test_small_match_sets_count_facets_exactly(client):
    DatabaseEngine().replace_origin(
        "test", [doc("x", "裂变复盘", kind="recap"), doc("y", "裂变问答", kind="chat")]
    )
    data = api(client, "裂变")
    assert data["facets_approximate"] is False
    assert {f["value"]: f["count"] for f in data["facets"]["kind"]} == {
        "recap": 1,
        "chat": 1,
    }


def test_replacing_an_origin_keeps_unchanged_documents_findable_and_drops_stale_ones(
    client, monkeypatch
):
    """Big archives are re-indexed batch by batch (short transactions): the
    documents still present replace themselves, the ones gone are dropped."""
    monkeypatch.setattr(search.engines.database.base, "BATCH", 2)
    engine = DatabaseEngine()

    def run(n, text):
        return doc(f"chat:1:{n}", f"第{n}段", text, origin="archive:1", kind="chat")

    assert (
        engine.replace_origin("archive:1", [run(n, "群聊复盘") for n in range(5)]) == 5
    )
    assert (
        engine.replace_origin("archive:1", [run(n, "更新后的群聊") for n in (1, 2, 3)])
        == 3
    )
    assert set(titles(api(client, "群聊"))) == {"第1段", "第2段", "第3段"}
    assert titles(api(client, "复盘")) == []
