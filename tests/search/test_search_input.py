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


# Each bad parameter on the page and in the API; throttling of anonymous searches.

BAD_PARAMETERS = [
    {"q": "复盘", "year": "1" * 30},
    {"q": "复盘", "year": "去年"},
    {"q": "复盘", "page": "9" * 30},
    {"q": "复盘", "page": "0"},
    {"q": "复盘", "kind": "secret"},
    {"q": "复盘", "sort": "random()"},
    {"q": "复盘", "tag": "长" * 150},
    {"q": "复盘" * 501},  # over the 1,000-character cap
]


@pytest.mark.parametrize("params", BAD_PARAMETERS)
def test_api_answers_bad_parameters_with_400_and_a_message(client, params):
    response = client.get("/search/api/", params)
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize("params", BAD_PARAMETERS)
def test_page_answers_bad_parameters_with_a_friendly_notice(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="notice notice--warning" role="alert"' in html
    assert "搜索条件有误" in html  # the page speaks Chinese by default
    assert 'name="q"' in html  # the search box is still there to try again


def test_thirty_digit_year_is_named_in_the_message(client):
    message = client.get("/search/api/", {"q": "复盘", "year": "1" * 30}).json()
    assert "年份" in message["error"]


def test_api_tag_only_search_works_like_the_page(client):
    response = client.get("/search/api/", {"tag": "运营"})
    assert response.status_code == 200
    assert response.json()["total"] == 0


def test_suggest_refuses_a_too_long_prefix(client):
    response = client.get("/search/suggest/", {"q": "长" * 101})
    assert response.status_code == 400
    assert response.json()["error"]
    assert client.get("/search/suggest/", {"q": "长" * 100}).status_code == 200


def test_anonymous_searching_too_fast_gets_429_with_a_message(client, settings):
    settings.CHENDIAN_SEARCH_THROTTLE = {"search": (3, 60), "suggest": (5, 60)}
    codes = [client.get("/search/api/", {"q": "复盘"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/search/api/", {"q": "复盘"})
    assert "稍候" in limited.json()["error"]
    assert int(limited["Retry-After"]) >= 1
    page = client.get("/search/", {"q": "复盘"})
    assert page.status_code == 429
    assert "稍候" in page.content.decode() and 'name="q"' in page.content.decode()


def test_suggestions_have_their_own_budget(client, settings):
    settings.CHENDIAN_SEARCH_THROTTLE = {"search": (1, 60), "suggest": (2, 60)}
    client.get("/search/api/", {"q": "复盘"})
    codes = [client.get("/search/suggest/", {"q": "复"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_throttle_counts_per_address(client, settings):
    settings.CHENDIAN_SEARCH_THROTTLE = {"search": (1, 60), "suggest": (1, 60)}
    assert (
        client.get("/search/api/", {"q": "a"}, REMOTE_ADDR="10.0.0.1").status_code
        == 200
    )
    assert (
        client.get("/search/api/", {"q": "a"}, REMOTE_ADDR="10.0.0.1").status_code
        == 429
    )
    assert (
        client.get("/search/api/", {"q": "a"}, REMOTE_ADDR="10.0.0.2").status_code
        == 200
    )


def test_signed_in_members_are_not_throttled(client, settings):
    from tests import factories

    settings.CHENDIAN_SEARCH_THROTTLE = {"search": (1, 60), "suggest": (1, 60)}
    client.force_login(factories.member())
    codes = {client.get("/search/api/", {"q": "复盘"}).status_code for _ in range(3)}
    assert codes == {200}
