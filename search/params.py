"""Validation of the search endpoints' query parameters.

Every parameter of ``/search/``, ``/search/api/`` and ``/search/suggest/`` is
untrusted: numbers must be in range, lists short, text capped, choices from
their lists. A bad value is answered with a message (400), never a 500.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .service import KINDS

#: Longer queries are refused rather than searched: their cost grows with length.
MAX_QUERY_LENGTH = 255
MAX_SUGGEST_LENGTH = 100
MAX_VALUE_LENGTH = 100  # a tag, a series slug
MAX_VALUES = 10  # of one repeated parameter (tag=…&tag=…)
MAX_PAGE = 500
YEARS = (1900, 2200)


class ListField(forms.Field):
    """A repeated parameter (``tag=a&tag=b``), each value checked by ``base``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, base: forms.Field, **kwargs):
        self.base = base
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        values = [v for v in (value or []) if v != ""]
        if len(values) > MAX_VALUES:
            raise ValidationError(
                _("At most %(count)d values are allowed."),
                params={"count": MAX_VALUES},
            )
        return [self.base.clean(v) for v in values]


class SearchParamsForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=False)
    kind = ListField(forms.ChoiceField(choices=[(k, k) for k in KINDS]))
    series = ListField(forms.CharField(max_length=MAX_VALUE_LENGTH))
    tag = ListField(forms.CharField(max_length=MAX_VALUE_LENGTH))
    year = ListField(forms.IntegerField(min_value=YEARS[0], max_value=YEARS[1]))
    sort = forms.ChoiceField(
        required=False, choices=[("", ""), ("relevance", ""), ("date", "")]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


class SuggestParamsForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_SUGGEST_LENGTH, strip=False)


FIELD_LABELS = {
    "q": _("search words"),
    "kind": _("kind"),
    "series": _("series"),
    "tag": _("tag"),
    "year": _("year"),
    "sort": _("sort"),
    "page": _("page"),
}


def search_params_errors(params, *, form_class=SearchParamsForm) -> list[str]:
    """Readable problems with ``params`` (a QueryDict); empty when all is well."""
    form = form_class(params)
    if form.is_valid():
        return []
    return [
        f"{FIELD_LABELS.get(name, name)}: {' '.join(messages)}"
        for name, messages in form.errors.items()
    ]
