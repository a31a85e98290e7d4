from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from sessions.models import SeriesIndexPage, TopicSeriesPage
from sessions.selectors import latest_recaps, upcoming_sessions

from ..blocks import StandardBlock
from ..routing import route_from


class HomePage(Page):
    """The front door: what is coming up, what was recently deposited."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome above the upcoming sessions."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a link to the site is pasted into a chat."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return route_from(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["now"] = now
        # A concrete-type query keeps select_related (``specific()`` would drop
        # it); the sessions below take their series from this list.
        series_list = list(
            TopicSeriesPage.objects.live().descendant_of(self).select_related("host")
        )
        context["series_list"] = series_list
        context["upcoming"] = upcoming_sessions(
            now=now, limit=6, known_series=series_list
        )
        context["recaps"] = latest_recaps(now=now, limit=6, known_series=series_list)
        context["series_index"] = (
            SeriesIndexPage.objects.live().descendant_of(self).first()
        )
        return context


class StandardPage(Page):
    """Group rules, a newcomer guide, about us: plain content pages."""

    intro = models.TextField(_("introduction"), blank=True, max_length=300)
    body = StreamField(StandardBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
