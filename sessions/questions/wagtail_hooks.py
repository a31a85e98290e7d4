"""Admin wiring for question collection: the moderation list."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import QuestionModerationForm
from .bulk_actions import ApproveQuestions, RejectQuestions
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

hooks.register("register_bulk_action", ApproveQuestions)
hooks.register("register_bulk_action", RejectQuestions)
