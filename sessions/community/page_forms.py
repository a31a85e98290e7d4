"""The admin form of community pages: checks on what editors type."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .tag_limits import validate_tag_limits
from .text import validate_single_line


class CommunityPageForm(WagtailAdminPageForm):
    """Admin form of pages with tags: a single-line title and tags within limits."""

    def clean(self):
        cleaned_data = super().clean()
        for field, validate in (
            ("title", validate_single_line),
            ("tags", validate_tag_limits),
        ):
            if cleaned_data.get(field) and field in self.fields:
                try:
                    validate(cleaned_data[field])
                except ValidationError as error:
                    self.add_error(field, error)
        return cleaned_data
