"""Validation of the suggestion endpoint's parameters.

``/search/`` and ``/search/api/`` are validated where their parameters are
read (``service.request_from_params``); suggestions only take a prefix.
"""

from __future__ import annotations

from django import forms

MAX_SUGGEST_LENGTH = 100


class SuggestParamsForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_SUGGEST_LENGTH, strip=False)
