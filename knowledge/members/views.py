"""A member's public page and the form to edit one's own profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sessions.community.members import display_name
from sessions.models import SessionQuestion, SessionRsvp

from ..models import KnowledgePostPage, MemberProfile
from .forms import ProfileForm
from .services import profile_ensure

PARTICIPATION_SHOWN = 30
#: How many posts and answered questions a member page lists (newest first).
MEMBER_PAGE_SHOWN = 20


def member_page(request, user_id):
    member = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    profile = MemberProfile.objects.filter(user=member).first()
    if profile is not None and profile.status != MemberProfile.Status.ACTIVE:
        profile_visible = request.user == member
    else:
        profile_visible = True
    posts = (
        KnowledgePostPage.objects.live()
        .filter(author=member)
        .order_by("-first_published_at")[:MEMBER_PAGE_SHOWN]
    )
    answered = (
        SessionQuestion.objects.answered()
        .filter(author=member, session__live=True)
        .select_related("session")
        .order_by("-answered_at")[:MEMBER_PAGE_SHOWN]
    )
    is_me = request.user == member
    participation = None
    if is_me or request.user.has_perm("community_sessions.view_sessionrsvp"):
        # Who came when is between the member and the organisers.
        participation = (
            SessionRsvp.objects.filter(member=member, session__live=True)
            .select_related("session")
            .order_by("-session__start")[:PARTICIPATION_SHOWN]
        )
    # Their questions a session did not answer and carried to a later one.
    carried = (
        SessionQuestion.objects.filter(
            author=member,
            carried_from__isnull=False,
            status=SessionQuestion.Status.APPROVED,
            session__live=True,
        )
        .select_related("session", "carried_from__session")
        .order_by("-created_at")
    )
    return render(
        request,
        "knowledge/members/member_page.html",
        {
            "member": member,
            "profile": profile if profile_visible else None,
            "name": display_name(member),
            "posts": posts,
            "answered": answered,
            "is_me": is_me,
            "participation": participation,
            "carried": carried,
        },
    )


@login_required
def profile_edit(request):
    profile = profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("knowledge:member", user_id=request.user.pk)
    return render(
        request,
        "knowledge/members/profile_form.html",
        {"form": form, "profile": profile},
    )
