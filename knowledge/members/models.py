"""Members: their profiles, the invite codes they joined with, what they did.

Access comes from Django groups, so that other apps check plain permissions
(``user.has_perm("community_sessions.add_sessionquestion")``) without
knowing this model: an *active* profile puts the user in the members group;
the owner and moderator roles add the community-moderators group, and the
owner role the community-owners group (Community settings).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions.community.text import validate_single_line

MEMBERS_GROUP = "Community members"
MODERATORS_GROUP = "Community moderators"
OWNERS_GROUP = "Community owners"


class EntryMode:
    """How newcomers get in (CommunitySettings.member_entry)."""

    INVITE = "invite"
    APPROVAL = "approval"
    OPEN = "open"

    CHOICES = [
        (INVITE, _("Invite code")),
        (APPROVAL, _("Approval by an organiser")),
        (OPEN, _("Open to everyone")),
    ]


def new_invite_code() -> str:
    # Unambiguous characters only: codes are read aloud and retyped from chats.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class InviteCode(models.Model):
    """A code an organiser hands out; whoever signs up with it is let in."""

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        default=new_invite_code,
        help_text=_("What the newcomer types when signing up. Letters and digits."),
    )
    note = models.CharField(
        _("note"),
        max_length=120,
        blank=True,
        validators=[validate_single_line],
        help_text=_("For whom or for which event, e.g. “Shanghai offline meetup”."),
    )
    max_uses = models.PositiveSmallIntegerField(
        _("use limit"), default=10, help_text=_("How many people may join with it.")
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a code that never expires."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invite_codes",
        help_text=_("Filled in with whoever creates the code."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    @property
    def use_count(self) -> int:
        return self.members.count()

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        if self.expires_at and self.expires_at <= now:
            return False
        return self.use_count < self.max_uses

    def invited_names(self) -> str:
        return "、".join(profile.display_name for profile in self.members.all())

    invited_names.short_description = _("joined with it")


class MemberProfile(models.Model):
    """A member as the community knows them."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Group owner")
        MODERATOR = "moderator", _("Moderator")
        CORE = "core", _("Core member")
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")
        VIP = "vip", _("VIP member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")

    MODERATING_ROLES = (Role.OWNER, Role.MODERATOR)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="member_profile",
    )
    display_name = models.CharField(
        _("display name"),
        max_length=40,
        validators=[validate_single_line],
        help_text=_(
            "How others see you; many groups use “city + name”, e.g. 上海-小林."
        ),
    )
    city = models.CharField(
        _("city"), max_length=40, blank=True, validators=[validate_single_line]
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=80,
        blank=True,
        validators=[validate_single_line],
    )
    introduction = models.TextField(
        _("self-introduction"),
        max_length=1000,
        blank=True,
        help_text=_("A few lines about yourself. Plain text."),
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=Role.choices,
        default=Role.MEMBER,
        help_text=_("Owners and moderators may review questions and members."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_index=True,
        help_text=_("Only active members may ask, vote and post."),
    )
    joined_at = models.DateField(_("joined"), default=timezone.localdate)
    invited_with = models.ForeignKey(
        InviteCode,
        verbose_name=_("invite code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("knowledge:member", args=[self.user_id])

    @property
    def invited_by(self):
        return self.invited_with.created_by if self.invited_with else None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.sync_access()

    def sync_access(self) -> None:
        """Put the account in the groups its status and role call for.

        The display name is mirrored to the account's first name so that the
        admin, workflows and other apps show it without knowing this model.
        """
        from django.contrib.auth.models import Group

        user = self.user
        members, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
        moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
        active = self.status == self.Status.ACTIVE
        if active:
            user.groups.add(members)
        else:
            user.groups.remove(members)
        owners, _created = Group.objects.get_or_create(name=OWNERS_GROUP)
        for group, roles in (
            (moderators, self.MODERATING_ROLES),
            (owners, (self.Role.OWNER,)),
        ):
            if active and self.role in roles:
                user.groups.add(group)
            else:
                user.groups.remove(group)
        if user.first_name != self.display_name or user.last_name:
            user.first_name, user.last_name = self.display_name, ""
            user.save(update_fields=["first_name", "last_name"])


class ActivityQuerySet(models.QuerySet):
    def since(self, when):
        return self.filter(created_at__gte=when)

    def counts_by_member(self) -> dict[int, int]:
        """{user id: number of activities}, for participation counts."""
        rows = self.values("member").annotate(n=models.Count("pk"))
        return {row["member"]: row["n"] for row in rows}


def dormant_members(since, *, until=None, joined_before=None):
    """Active members who have done nothing recorded since ``since`` (up to
    ``until``, when given); ``joined_before`` leaves out newcomers."""
    recent = Activity.objects.since(since)
    if until is not None:
        recent = recent.filter(created_at__lt=until)
    members = MemberProfile.objects.filter(status=MemberProfile.Status.ACTIVE)
    if joined_before is not None:
        members = members.filter(joined_at__lt=joined_before)
    return members.exclude(user__in=recent.values("member"))


class Activity(models.Model):
    """Who did what and when, for participation counts and dormant members."""

    class Verb(models.TextChoices):
        ASKED = "asked", _("asked a question")
        VOTED = "voted", _("voted for a question")
        POSTED = "posted", _("submitted a post")
        POST_PUBLISHED = "post_published", _("had a post published")
        ANSWERED = "answered", _("had a question answered")
        ATTENDED = "attended", _("attended a session")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    verb = models.CharField(_("what"), max_length=20, choices=Verb.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who did it, when not the member (the editor who published…)."),
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self):
        return f"{self.member} {self.get_verb_display()}"

    @classmethod
    def record(cls, *, member, verb, target=None, by=None) -> Activity:
        return cls.objects.create(
            member=member,
            verb=verb,
            by=by,
            target_type=ContentType.objects.get_for_model(target) if target else None,
            target_id=target.pk if target else None,
        )
