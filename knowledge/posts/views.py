"""Member-facing post pages under the knowledge index (thin: rules in posts.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _

from sessions.community.limits import RateLimited
from sessions.community.published import cached_until_publish

from ..models import KnowledgePostPage
from .forms import PostForm
from .richtext import richtext_to_member_text
from .services import can_submit, post_status, post_submit, post_update

POSTS_PER_PAGE = 20


def post_list(request, index):
    posts = (
        KnowledgePostPage.objects.child_of(index)
        .live()
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-first_published_at")
    )
    tag = request.GET.get("tag", "").strip()
    if tag:
        posts = posts.filter(tags__name=tag)
    # The count and the tag cloud change only with a publish. A tag filter is
    # visitor input: counted each time rather than filling the shared cache.
    count = (
        posts.count()
        if tag
        else cached_until_publish(f"post-count:{index.pk}", posts.count)
    )
    paginator = CountedPaginator(posts, POSTS_PER_PAGE, count=count)
    page = paginator.get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "posts": page,
            "current_tag": tag,
            # Feeds and calendars name a tag by its slug.
            "current_tag_slug": _tag_slug(tag) if tag else "",
            "all_tags": cached_until_publish(
                f"popular-tags:{index.pk}", lambda: list(popular_tags(index))
            ),
            "can_submit": can_submit(request.user),
        },
    )


def _tag_slug(name: str) -> str:
    from taggit.models import Tag

    return Tag.objects.filter(name=name).values_list("slug", flat=True).first() or ""


class CountedPaginator(Paginator):
    """A paginator told its count (read from the cache) instead of counting."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count  # fills Paginator's cached_property


def popular_tags(index, limit=30):
    from django.db.models import Count
    from taggit.models import Tag

    return (
        Tag.objects.filter(
            knowledge_knowledgepostpagetag_items__content_object__live=True,
            knowledge_knowledgepostpagetag_items__content_object__path__startswith=index.path,
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "name")[:limit]
    )


def _require_member(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_submit(request.user):
        messages.error(
            request,
            _(
                "Only approved members can submit posts. An organiser will review "
                "your membership."
            ),
        )
        return HttpResponseRedirect(index.url)
    return None


def post_submit_view(request, index):
    refusal = _require_member(request, index)
    if refusal:
        return refusal
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post_submit(index=index, user=request.user, **form.cleaned_data)
        except RateLimited as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your post is in review; editors will publish it or reply soon."
                ),
            )
            return HttpResponseRedirect(index.url + index.reverse_subpage("mine"))
    return index.render(
        request,
        template="knowledge/posts/post_form.html",
        context_overrides={"form": form, "editing": None},
    )


def my_posts(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    posts = (
        KnowledgePostPage.objects.child_of(index)
        .filter(author=request.user)
        .order_by("-latest_revision_created_at", "-pk")
    )
    rows = [(post, post_status(post)) for post in posts]
    return index.render(
        request,
        template="knowledge/posts/my_posts.html",
        context_overrides={"rows": rows, "can_submit": can_submit(request.user)},
    )


def post_edit_view(request, index, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # Someone else's post is "not found", not "forbidden": its existence is
    # nobody else's business while it is unpublished.
    post = (
        KnowledgePostPage.objects.child_of(index)
        .filter(pk=post_id, author=request.user)
        .first()
    )
    if post is None:
        raise Http404
    status = post_status(post)
    if not status.editable:
        messages.error(
            request,
            _("This post can no longer be edited: %(state)s.")
            % {"state": status.label},
        )
        return HttpResponseRedirect(index.url + index.reverse_subpage("mine"))
    draft = post.get_latest_revision_as_object()
    initial = {
        "title": draft.title,
        "body": richtext_to_member_text(draft.body),
        "tags": ", ".join(tag.name for tag in draft.tags.all()),
        "related_session": draft.related_session_id,
    }
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        post_update(post=post, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your changes are saved and in review."))
        return HttpResponseRedirect(index.url + index.reverse_subpage("mine"))
    return index.render(
        request,
        template="knowledge/posts/post_form.html",
        context_overrides={"form": form, "editing": post, "status": status},
    )
