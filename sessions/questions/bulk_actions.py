"""Approve or reject questions from the moderation list, one or many at a time.

Wagtail's snippet bulk actions: tick questions in the list (one works too),
pick the action in the bar at the bottom, confirm. Each question goes through
``question_moderate``, as when edited one by one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import SessionQuestion
from .services import can_moderate, question_moderate


class _ModerateQuestions(SnippetBulkAction):
    models = [SessionQuestion]
    template_name = "community_sessions/admin/confirm_bulk_moderate.html"
    status = ""
    success_message = None

    def check_perm(self, question):
        return can_moderate(self.request.user)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for question in objects:
            question_moderate(question=question, by=user, status=cls.status)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"action_label": self.display_name}


class ApproveQuestions(_ModerateQuestions):
    display_name = _("Approve")
    action_type = "approve_questions"
    aria_label = _("Approve the selected questions")
    action_priority = 10
    status = SessionQuestion.Status.APPROVED

    success_message = ngettext_lazy(
        "%(count)d question approved.", "%(count)d questions approved.", "count"
    )


class RejectQuestions(_ModerateQuestions):
    display_name = _("Reject")
    action_type = "reject_questions"
    aria_label = _("Reject the selected questions")
    action_priority = 20
    classes = {"serious"}
    status = SessionQuestion.Status.REJECTED

    success_message = ngettext_lazy(
        "%(count)d question rejected.", "%(count)d questions rejected.", "count"
    )
