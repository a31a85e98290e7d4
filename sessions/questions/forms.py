"""Forms members fill in on session pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QUESTION_HELP, QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH


class QuestionForm(forms.Form):
    """A question for the speaker: plain text, shown escaped."""

    text = forms.CharField(
        label=_("Your question"),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": QUESTION_MAX_LENGTH, "required": True}
        ),
        help_text=QUESTION_HELP,
        error_messages={
            # Django's own wording says 该变量 ("this variable") in Chinese.
            "min_length": _(
                "Please write at least %(limit_value)d characters "
                "(you wrote %(show_value)d)."
            ),
        },
    )
