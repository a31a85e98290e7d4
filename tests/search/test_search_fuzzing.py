"""Property tests: whatever a visitor puts in the query string, the search
page, the JSON API and the suggestions answer 200 or 400 (429 when throttled
is switched off here), never a server error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

NAMES = ["q", "kind", "series", "tag", "year", "sort", "page", "after", "x"]
OPERATORS = [
    "#",
    "@",
    "-",
    '"',
    "series:",
    "kind:",
    "stage:",
    "is:",
    "before:",
    "after:",
]
text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(OPERATORS).flatmap(lambda op: st.text(max_size=20).map(op.__add__)),
    st.integers().map(str),
    st.sampled_from(
        ["9" * 40, "２０２６", "-1", "0", "1e9", "NaN", "\x00", "复盘 " * 300]
    ),
)
parameters = st.lists(st.tuples(st.sampled_from(NAMES), text), max_size=6)


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.CHENDIAN_SEARCH_THROTTLE = {"search": (10**9, 60), "suggest": (10**9, 60)}


@pytest.mark.parametrize("path", ["/search/", "/search/api/", "/search/suggest/"])
@given(params=parameters)
def test_any_query_string_gets_200_or_400(client, path, params):
    response = client.get(path, params)
    assert response.status_code in (200, 400), (params, response.status_code)
