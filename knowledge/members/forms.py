"""The form a member fills in to change their profile."""

from __future__ import annotations

from django import forms

from ..models import MemberProfile


class ProfileForm(forms.ModelForm):
    """What a member may change about themselves (not role, status or joined)."""

    class Meta:
        model = MemberProfile
        fields = ["display_name", "city", "organisation", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}
