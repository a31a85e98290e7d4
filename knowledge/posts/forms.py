"""The form a member fills in to submit or edit a post."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from sessions.community.tag_limits import validate_tag_limits
from sessions.community.text import validate_single_line
from sessions.models import SharingSessionPage

POST_TITLE_MAX = 120
POST_BODY_MAX = 20_000


class PostForm(forms.Form):
    """A member post. The body is HTML from a small allowlist, or plain text."""

    title = forms.CharField(
        label=_("Title"),
        max_length=POST_TITLE_MAX,
        strip=True,
        validators=[validate_single_line],
    )
    body = forms.CharField(
        label=_("Body"),
        max_length=POST_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14, "data-post-editor": ""}),
        help_text=_(
            "Plain text works: leave an empty line between paragraphs. You may also "
            "use <b>, <i>, lists, <blockquote>, <code>, <h2>–<h4> and links "
            "(http/https). Anything else is removed."
        ),
    )
    tags = TagField(
        label=_("Tags"),
        required=False,
        help_text=_("Separated by commas or spaces, e.g. 运营，工具."),
    )
    related_session = forms.ModelChoiceField(
        label=_("Related session"),
        queryset=SharingSessionPage.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sessions of the past year and the coming month keep the menu short.
        now = timezone.now()
        self.fields["related_session"].queryset = (
            SharingSessionPage.objects.live()
            .filter(start__range=(now - timedelta(days=365), now + timedelta(days=30)))
            .order_by("-start")
        )

    def clean(self):
        cleaned_data = super().clean()
        # In clean(), not clean_tags(): it holds whatever list the tag field parses.
        try:
            validate_tag_limits(cleaned_data.get("tags") or [])
        except forms.ValidationError as error:
            self.add_error("tags", error)
        return cleaned_data

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Write something first."))
        return body
