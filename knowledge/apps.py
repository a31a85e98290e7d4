from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Deposited knowledge: member posts, member profiles, chat archives."""

    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .faq import promotions  # noqa: F401 (keeps search promotions in step)
        from .members import receivers  # noqa: F401
        from .members.access import ensure_member_groups

        post_migrate.connect(ensure_member_groups, dispatch_uid="knowledge_groups")
