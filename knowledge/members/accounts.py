"""Sign-up gated by the community's entry mode, on top of django-allauth.

The entry mode is a field of the host project's community settings
(``member_entry``: "invite", "approval" or "open"), read through
``sessions.community.conf`` so this app never imports the project. Invite: a valid
code lets the newcomer in at once. Approval: the account is created, and an
owner or moderator activates the member in the admin. Open: everyone is in.
"""

from __future__ import annotations

from allauth.account.forms import SignupForm
from django import forms
from django.contrib import messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions.community.conf import community_settings
from sessions.community.text import validate_single_line

from ..models import InviteCode, MemberProfile
from .models import EntryMode
from .services import profile_ensure


def entry_mode(request=None) -> str:
    chosen = getattr(community_settings(request=request), "member_entry", "")
    return chosen if chosen in dict(EntryMode.CHOICES) else EntryMode.INVITE


class MemberSignupForm(SignupForm):
    """allauth's sign-up plus the member profile and, when needed, an invite code."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        validators=[validate_single_line],
        help_text=_(
            "How others see you; many groups use “city + name”, e.g. 上海-小林."
        ),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=40,
        required=False,
        validators=[validate_single_line],
    )
    invite_code = forms.CharField(
        label=_("Invite code"),
        max_length=32,
        required=False,
        help_text=_("The code an organiser gave you."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = entry_mode(getattr(self, "request", None))
        if self.mode == EntryMode.INVITE:
            self.fields["invite_code"].required = True
        else:
            del self.fields["invite_code"]

    def clean_invite_code(self):
        code = self.cleaned_data.get("invite_code", "").strip().upper()
        invite = InviteCode.objects.filter(code=code).first()
        if invite is None:
            raise forms.ValidationError(
                _(
                    "This invite code does not exist. Check it with whoever gave it to you."
                )
            )
        if invite.expires_at and invite.expires_at <= timezone.now():
            raise forms.ValidationError(_("This invite code has expired."))
        if not invite.is_usable():
            raise forms.ValidationError(_("This invite code has been used up."))
        return code

    def save(self, request):
        # The account and its profile exist together or not at all.
        with transaction.atomic():
            return super().save(request)

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        invite = None
        status = MemberProfile.Status.ACTIVE
        if self.mode == EntryMode.APPROVAL:
            status = MemberProfile.Status.PENDING
        elif self.mode == EntryMode.INVITE:
            invite = InviteCode.objects.select_for_update().get(
                code=self.cleaned_data["invite_code"]
            )
            if not invite.is_usable():
                # Used up by someone else a moment ago: keep the account and
                # let an organiser decide rather than lose what was typed.
                invite, status = None, MemberProfile.Status.PENDING
        profile_ensure(
            user=user,
            display_name=self.cleaned_data["display_name"].strip(),
            city=self.cleaned_data.get("city", "").strip(),
            invited_with=invite,
            status=status,
        )
        if status == MemberProfile.Status.PENDING:
            messages.info(
                request,
                _(
                    "Welcome! An organiser will approve your membership soon; until "
                    "then you can read everything but not ask, vote or post."
                ),
            )
