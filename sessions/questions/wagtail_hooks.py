"""Admin wiring for question collection: the moderation list and carrying over."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import QuestionModerationForm
from .bulk_actions import ApproveQuestions, RejectQuestions
from .carry_over import CarryOverError, questions_carry_over
from .models import SessionQuestion


class SessionQuestionViewSet(SnippetViewSet):
    """Moderators approve, reject, merge and answer members' questions here."""

    model = SessionQuestion
    icon = "help"
    menu_label = _("Questions")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "text",
        "session",
        Column("asker_name", label=_("asker's name")),
        "status",
        "vote_count",
        "created_at",
    ]
    list_filter = ["status", "session"]
    search_fields = ["text", "author_name", "answer"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("session"),
            FieldPanel("text"),
            FieldPanel("author_name"),
            FieldPanel("status"),
            FieldPanel("merged_into"),
            FieldPanel("answer"),
        ],
        base_form_class=QuestionModerationForm,
    )


register_snippet(SessionQuestionViewSet)


class CarryOverBulkAction(SnippetBulkAction):
    """Select approved questions of ended sessions and move them to the next session."""

    display_name = _("Carry over to the next session")
    action_type = "carry_over"
    aria_label = _("Carry the selected questions over to the next session")
    template_name = "community_sessions/admin/confirm_carry_over.html"
    action_priority = 20
    models = [SessionQuestion]

    def check_perm(self, question):
        return self.request.user.has_perm("community_sessions.change_sessionquestion")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        try:
            copies = questions_carry_over(questions=objects)
        except CarryOverError as error:
            messages.error(kwargs["self"].request, str(error))
            return 0, 0
        return len(copies), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return ngettext(
            "%(count)d question carried over to the next session.",
            "%(count)d questions carried over to the next session.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


hooks.register("register_bulk_action", CarryOverBulkAction)


hooks.register("register_bulk_action", ApproveQuestions)
hooks.register("register_bulk_action", RejectQuestions)
