"""The admin form of session pages: tags within limits, a single-line title."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories

pytestmark = pytest.mark.django_db


def session_form(session, **data):
    form_class = type(session).get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": session.title,
            "slug": session.slug,
            "warmup": streamfield([]),
            "recap": streamfield([]),
            "comments": inline_formset([]),
            "speakers": inline_formset([]),
            **data,
        }
    )
    return form_class(data, instance=session, for_user=factories.admin())


@pytest.fixture
def session():
    return factories.sharing_session(start=timezone.now() + timedelta(days=3))


def test_admin_refuses_a_session_page_with_too_many_tags(session):
    form = session_form(session, tags=", ".join(f"t{n}" for n in range(21)))
    assert not form.is_valid()
    assert "标签最多 20 个（你填了 21 个）。" in form.errors["tags"]


def test_admin_refuses_a_session_title_with_a_line_break(session):
    form = session_form(session, title="第一行\n第二行")
    assert not form.is_valid()
    assert "请只写一行：不能有换行、制表符或控制字符。" in form.errors["title"]
