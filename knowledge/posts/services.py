"""Member posts: submitting from the site, editing while in review, their state.

Wagtail has no ready helper for submitting a page to moderation from the
front end, so ``post_submit`` does what the admin's create view does, in one
transaction: add the page as a draft, save a revision, start the workflow.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import (
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from sessions.community.limits import check_rate

from ..models import Activity, KnowledgeIndexPage, KnowledgePostPage, PostReviewTask
from .richtext import member_text_to_richtext

SUBMIT_PERMISSION = "knowledge.add_knowledgepostpage"
POST_WORKFLOW_NAME = "Member post review"
# Wagtail's Moderators group: approving the last task publishes, which needs the
# publish permission that group has and Editors lack.
REVIEW_GROUPS = ("Moderators",)


class PostState:
    """Where a member's post stands, in the member's words."""

    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    REJECTED = "rejected"
    DRAFT = "draft"

    LABELS = {
        IN_REVIEW: gettext_lazy("In review"),
        CHANGES_REQUESTED: gettext_lazy("Changes requested"),
        PUBLISHED: gettext_lazy("Published"),
        REJECTED: gettext_lazy("Rejected"),
        DRAFT: gettext_lazy("Not submitted"),
    }
    EDITABLE = (IN_REVIEW, CHANGES_REQUESTED)


@dataclass
class PostStatus:
    state: str
    comment: str = ""

    @property
    def label(self):
        return PostState.LABELS[self.state]

    @property
    def editable(self) -> bool:
        return self.state in PostState.EDITABLE


def can_submit(user) -> bool:
    return user.is_authenticated and user.has_perm(SUBMIT_PERMISSION)


def post_status(post: KnowledgePostPage) -> PostStatus:
    workflow_state = (
        WorkflowState.objects.for_instance(post)
        .select_related("current_task_state")
        .order_by("-created_at", "-pk")
        .first()
    )
    task_state = workflow_state.current_task_state if workflow_state else None
    comment = task_state.comment if task_state else ""
    if post.live:
        return PostStatus(PostState.PUBLISHED)
    if workflow_state is None:
        return PostStatus(PostState.DRAFT)
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return PostStatus(PostState.IN_REVIEW)
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return PostStatus(PostState.CHANGES_REQUESTED, comment)
    if (
        workflow_state.status == WorkflowState.STATUS_CANCELLED
        and task_state is not None
        and task_state.status == TaskState.STATUS_REJECTED
    ):
        return PostStatus(PostState.REJECTED, comment)
    return PostStatus(PostState.DRAFT)


def post_review_workflow(index: KnowledgeIndexPage) -> Workflow:
    """The workflow member posts go through: the index's own, else ours.

    Created on first need (and by the demo) rather than in a migration,
    because it hangs off the index page, which editors create.
    """
    workflow = index.get_workflow()
    if workflow is not None and workflow.name == POST_WORKFLOW_NAME:
        return workflow
    if workflow is not None and WorkflowPage.objects.filter(page=index).exists():
        return workflow  # editors chose another workflow for this section
    from django.contrib.auth.models import Group

    workflow, _created = Workflow.objects.get_or_create(name=POST_WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = PostReviewTask.objects.create(name=_("Editors review the post"))
        task.groups.set(Group.objects.filter(name__in=REVIEW_GROUPS))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def _unique_slug(index: KnowledgeIndexPage, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:60] or "post"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def post_submit(
    *, index: KnowledgeIndexPage, user, title: str, body: str, tags, related_session
) -> KnowledgePostPage:
    """Create a member's post as a draft revision and start its review."""
    if not can_submit(user):
        raise PermissionDenied(_("Only approved members can submit posts."))
    check_rate(user, "post")
    with transaction.atomic():
        post = KnowledgePostPage(
            title=title,
            slug=_unique_slug(index, title),
            body=member_text_to_richtext(body),
            author=user,
            owner=user,
            related_session=related_session,
            live=False,
        )
        index.add_child(instance=post)
        post.tags.set(tags)
        post.save()
        post.save_revision(user=user, log_action=True)
        post_review_workflow(index).start(post, user)
        Activity.record(member=user, verb=Activity.Verb.POSTED, target=post)
    return post


def post_update(
    *, post: KnowledgePostPage, user, title: str, body: str, tags, related_session
) -> KnowledgePostPage:
    """Save the author's changes while the post is in review (or sent back)."""
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only edit your own posts."))
    status = post_status(post)
    if not status.editable:
        raise PermissionDenied(
            _("This post can no longer be edited: %(state)s.") % {"state": status.label}
        )
    with transaction.atomic():
        draft = post.get_latest_revision_as_object()
        draft.title = title
        draft.body = member_text_to_richtext(body)
        draft.related_session = related_session
        draft.tags.set(tags)
        draft.save()  # not live, so the page row may follow the draft
        draft.save_revision(user=user, log_action=True)
        if status.state == PostState.CHANGES_REQUESTED:
            workflow_state = WorkflowState.objects.for_instance(post).get(
                status=WorkflowState.STATUS_NEEDS_CHANGES
            )
            workflow_state.resume(user)
    return draft
