"""Search parameters are checked before anything is searched, and no query
can cost more than the engine's time budget."""

import pytest
from django.db import connection

from search.documents import SearchDocument
from search.engines.database import DatabaseEngine, sqlite

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_engine(settings):
    settings.ELASTICSEARCH_URL = ""


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "9" * 30}, "年份"),
        ({"year": "1066"}, "年份"),
        ({"year": "２０２６"}, "年份"),
        ({"page": "0"}, "页码"),
        ({"page": "abc"}, "页码"),
        ({"sort": "price"}, "排序"),
        ({"kind": "secret"}, "secret"),
        ({"tag": "长" * 101}, "tag"),
        ({"series": ["a", "b", "c", "d", "e", "f"]}, "series"),
        ({"q": "运营" * 501}, "1000"),
    ],
)
def test_a_bad_parameter_gets_a_400_with_a_message(client, params, message):
    response = client.get("/search/api/", {"q": "运营", **params})
    assert response.status_code == 400
    assert message in response.json()["error"]
    page = client.get("/search/", {"q": "运营", **params})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert 'name="q"' in page.content.decode()  # the form is still there


def test_messages_are_in_english_when_chosen(client):
    client.cookies["django_language"] = "en"
    response = client.get("/search/api/", {"q": "运营", "year": "9" * 30})
    assert "year must be a number from 1900 to 2200" in response.json()["error"]


def test_good_parameters_still_search(client):
    DatabaseEngine().replace_origin(
        "t",
        [
            SearchDocument(
                key="k", origin="t", kind="post", title="运营", body="", url="/k/"
            )
        ],
    )
    response = client.get(
        "/search/api/", {"q": "运营", "page": "1", "sort": "date", "kind": "post"}
    )
    assert response.status_code == 200
    assert response.json()["total"] == 1


def test_a_search_past_its_time_budget_answers_with_a_notice(
    client, settings, monkeypatch
):
    if connection.vendor != "sqlite":
        pytest.skip(
            "interrupts SQLite at its first step; PostgreSQL uses statement_timeout"
        )
    DatabaseEngine().replace_origin(
        "t",
        [
            SearchDocument(
                key=f"k{n}",
                origin="t",
                kind="post",
                title=f"运营 {n}",
                body="",
                url="/",
            )
            for n in range(50)
        ],
    )
    settings.CHENDIAN_SEARCH_TIME_BUDGET_MS = 0
    monkeypatch.setattr(sqlite, "PROGRESS_STEPS", 1)  # check the clock at every step
    response = client.get("/search/api/", {"q": "运营"})
    assert response.status_code == 200
    assert "太久" in response.json()["notice"]
    # The connection is usable again afterwards, with the budget back.
    settings.CHENDIAN_SEARCH_TIME_BUDGET_MS = 1500
    assert client.get("/search/api/", {"q": "运营"}).json()["total"] == 50
