"""Member pages. Include at the site root: ``path("", include("knowledge.urls"))``."""

from django.urls import path

from . import member_views

app_name = "knowledge"

urlpatterns = [
    path("members/<int:user_id>/", member_views.member_page, name="member"),
    path("accounts/profile/", member_views.profile_edit, name="profile_edit"),
]
