"""The paste-ready text on the digest's edit view, with a copy button."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class PasteTextPanel(Panel):
    """The draft's text for the group chat (as last saved), ready to copy."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "knowledge/digest/admin/paste_text_panel.html"

        def get_context_data(self, parent_context=None):
            from .text import digest_text

            context = super().get_context_data(parent_context)
            page = self.instance
            context["empty_text"] = _("Save the digest once to see its text.")
            if page.pk:
                link = self.request.build_absolute_uri(page.url or page.url_path)
                context["paste_text"] = digest_text(page=page, link=link)
                context["poster_url"] = reverse(
                    "knowledge:digest_poster", args=[page.pk]
                )
            return context
