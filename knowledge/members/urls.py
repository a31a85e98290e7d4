"""Member pages: a member's public page and their own profile form."""

from django.urls import path

from . import views

urlpatterns = [
    path("members/<int:user_id>/", views.member_page, name="member"),
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
]
