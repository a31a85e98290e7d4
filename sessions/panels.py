from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .attendance.followups import followup_messages
from .messages import messages_for


class GroupMessagesPanel(Panel):
    """The ready-to-paste group message for each stage, with copy buttons."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "community_sessions/admin/group_messages_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["session"] = page
            if page.pk and page.start:
                base_url = self.request.build_absolute_uri("/")
                context["group_messages"] = messages_for(page, base_url=base_url)
                context["followups"] = followup_messages(page, base_url=base_url)
            else:
                context["group_messages"] = []
            context["empty_text"] = _(
                "Save the session once to see its group messages."
            )
            return context
