"""Authentication backend: Django's, with a member's permissions read in one query."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class CommunityModelBackend(ModelBackend):
    """Django's ModelBackend, reading own and group permissions together.

    Every page a member opens checks a permission (the admin link, asking,
    voting); Django reads the member's own and group permissions in two
    queries, this in one. The result is cached on the user object exactly
    where ModelBackend keeps it, so other backends reuse it.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or user_obj.is_superuser
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        rows = (
            Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            .values_list("content_type__app_label", "codename")
            .order_by()
            .distinct()
        )
        user_obj._perm_cache = {
            f"{app_label}.{codename}" for app_label, codename in rows
        }
        return user_obj._perm_cache
