"""The admin form moderators review questions with."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from .models import SessionQuestion
from .services import question_moderate


class QuestionModerationForm(WagtailAdminModelForm):
    """Saves through ``question_moderate`` so votes move and activity is recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        merged_into = self.fields.get("merged_into")
        if merged_into is not None and self.instance.pk:
            merged_into.queryset = (
                SessionQuestion.objects.filter(session=self.instance.session_id)
                .exclude(pk=self.instance.pk)
                .exclude(status=SessionQuestion.Status.MERGED)
            )
        status = self.fields.get("status")
        if (
            status is not None
            and self.instance.status != SessionQuestion.Status.CARRIED
        ):
            # Carrying over makes a copy on the next session: the bulk action
            # and manage.py carry_over_questions do it, not a status change.
            status.choices = [
                choice
                for choice in status.choices
                if choice[0] != SessionQuestion.Status.CARRIED
            ]

    def save(self, commit=True):
        question = super().save(commit=False)
        if not commit:
            return question
        return question_moderate(
            question=question,
            by=self.for_user,
            status=question.status,
            answer=question.answer,
            merged_into=question.merged_into,
        )
