from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over everything deposited, on Elasticsearch or the database."""

    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares what it contributes in its search_sources module.
        autodiscover_modules("search_sources")
        from .indexing import connect_signals

        connect_signals()
