import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from knowledge.members.models import EntryMode
from sessions.community.conf import community_settings
from sessions.messages import MESSAGE_FIELDS, TemplateError, check_template

MESSAGE_HELP = _(
    "Plain text, at most about 500 characters. Placeholders: {title} {series} {episode} "
    "{speaker} {time} {join_link} {url} {question_link} {recap_link} {reason} {community}."
)


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Shanghai."),
            params={"value": value},
        ) from error


@register_setting(icon="group")
class CommunitySettings(BaseSiteSetting):
    """Who the community is and the defaults its sessions follow.

    The apps read this model by name (settings.CHENDIAN_COMMUNITY_SETTINGS_MODEL)
    and know its field names, not its module.
    """

    community_name = models.CharField(
        _("community name"),
        max_length=80,
        default="沉淀社群",
        help_text=_("Shown in the header, page titles and group messages."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("One line under the name on the home page."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Shanghai",
        validators=[validate_timezone],
        help_text=_("Session times are entered and shown in this zone (IANA name)."),
    )
    group_rules = RichTextField(
        _("group rules"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown to newcomers and linked from the footer."),
    )
    member_entry = models.CharField(
        _("how newcomers join"),
        max_length=16,
        choices=EntryMode.CHOICES,
        default=EntryMode.INVITE,
        help_text=_(
            "Invite code: sign-up needs a code from the admin's invite codes. "
            "Approval: an owner or moderator activates each new member. "
            "Open: everyone who signs up may ask, vote and post."
        ),
    )
    announce_days_before = models.PositiveSmallIntegerField(
        _("announce (days before)"), default=4, validators=[MaxValueValidator(60)]
    )
    questions_days_before = models.PositiveSmallIntegerField(
        _("open questions (days before)"), default=2, validators=[MaxValueValidator(60)]
    )
    warmup_hours_before = models.PositiveSmallIntegerField(
        _("warm-up (hours before)"), default=2, validators=[MaxValueValidator(72)]
    )

    message_announced = models.TextField(
        _("announcement message"), blank=True, help_text=MESSAGE_HELP
    )
    message_collecting_questions = models.TextField(
        _("question call message"), blank=True, help_text=MESSAGE_HELP
    )
    message_warm_up = models.TextField(
        _("warm-up message"), blank=True, help_text=MESSAGE_HELP
    )
    message_live = models.TextField(
        _("“we are live” message"), blank=True, help_text=MESSAGE_HELP
    )
    message_archived = models.TextField(
        _("“recap is up” message"), blank=True, help_text=MESSAGE_HELP
    )
    message_cancelled = models.TextField(
        _("cancellation message"), blank=True, help_text=MESSAGE_HELP
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("community_name"),
                FieldPanel("tagline"),
                FieldPanel("timezone"),
            ],
            heading=_("Community"),
        ),
        FieldPanel("group_rules"),
        FieldPanel("member_entry"),
        MultiFieldPanel(
            [
                FieldPanel("announce_days_before"),
                FieldPanel("questions_days_before"),
                FieldPanel("warmup_hours_before"),
            ],
            heading=_("Default stage offsets"),
            help_text=_("Used by every series that does not set its own."),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in MESSAGE_FIELDS.values()],
            heading=_("Group messages"),
            help_text=_("Leave a message empty to use the built-in one."),
        ),
    ]

    @classmethod
    def for_request(cls, request):
        # Every page shows the name: read it from the shared cache (and remember
        # it on the request) instead of a query per request.
        return community_settings(request=request) or super().for_request(request)

    def clean(self):
        super().clean()
        errors = {}
        for name in MESSAGE_FIELDS.values():
            try:
                check_template(getattr(self, name))
            except TemplateError as error:
                errors[name] = str(error)
        if errors:
            raise ValidationError(errors)

    class Meta:
        verbose_name = _("community settings")
