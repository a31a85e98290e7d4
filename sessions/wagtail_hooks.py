from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Speakers & hosts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "title"]
    search_fields = ["name", "title"]


register_snippet(PersonViewSet)
