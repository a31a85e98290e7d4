"""Member posts (UGC): submitted from the site, reviewed in a Wagtail workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index

from sessions.community.members import display_name
from sessions.community.page_forms import CommunityPageForm

POST_BODY_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "blockquote",
    "code",
    "link",
]


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """Published member posts with a tag filter, and the member-facing routes.

    ``submit/`` a new post, ``mine/`` my submissions and their review state,
    ``<post-id>/edit/`` change a submission while it is in review.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list of posts: what kind of posts are welcome."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["knowledge.KnowledgePostPage"]
    max_count = 1
    template = "knowledge/posts/knowledge_index_page.html"

    class Meta:
        verbose_name = _("knowledge index")

    @path("")
    def post_list(self, request):
        from .views import post_list

        return post_list(request, self)

    @path("submit/", name="submit")
    def submit(self, request):
        from .views import post_submit_view

        return post_submit_view(request, self)

    @path("mine/", name="mine")
    def mine(self, request):
        from .views import my_posts

        return my_posts(request, self)

    @path("<int:post_id>/edit/", name="edit")
    def edit(self, request, post_id):
        from .views import post_edit_view

        return post_edit_view(request, self, post_id)


class KnowledgePostPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowledgePostPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class KnowledgePostPage(Page):
    """A member's post: notes, resources, experience worth keeping."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_posts",
        help_text=_("The member who wrote it."),
    )
    body = RichTextField(
        _("body"),
        features=POST_BODY_FEATURES,
        help_text=_("Cleaned against an allowlist when shown: no scripts, no styles."),
    )
    tags = ClusterTaggableManager(
        through=KnowledgePostPageTag, blank=True, verbose_name=_("tags")
    )
    related_session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        verbose_name=_("related session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_posts",
        help_text=_("The sharing session this post follows up, if any."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("tags"), FieldPanel("related_session")],
            heading=_("About this post"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    base_form_class = CommunityPageForm
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    template = "knowledge/posts/knowledge_post_page.html"

    class Meta:
        verbose_name = _("member post")
        verbose_name_plural = _("member posts")

    @property
    def author_name(self) -> str:
        if self.author is None:
            return ""
        return display_name(self.author)


class PostReviewTask(AbstractGroupApprovalTask):
    """Group approval with a final “reject” beside “request changes”.

    Wagtail's own approval task can only approve or send back for changes; a
    member post can also be turned down for good (an advert, off topic). A
    rejected post's workflow is cancelled with this task's state marked
    rejected, which is how ``knowledge.posts.post_state`` tells it apart.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Reject for good"), True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "decline":
            return super().on_action(task_state, user, action_name, **kwargs)
        task_state.status = TaskState.STATUS_REJECTED
        task_state.finished_at = timezone.now()
        task_state.finished_by = user
        task_state.comment = kwargs.get("comment", "")
        task_state.save()
        task_state.workflow_state.cancel(user=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve member posts, ask for changes, "
            "or reject them for good"
        )

    class Meta:
        verbose_name = _("member post review")
        verbose_name_plural = _("member post reviews")
