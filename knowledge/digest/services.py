"""Building a week's digest: create its draft, or refresh the draft it has.

Idempotent per week: the page is found by its ``week``, so building again
saves a new draft revision of the same page (only when something changed)
and never a second page. Revisions the builder saves have no user; once an
editor has saved or published one, building again refuses unless forced,
and when forced replaces only the gathered sections: the title, the intro,
the editor's own sections and paragraphs stay as the editor left them.
Nothing here publishes: a published digest keeps its live content until an
editor publishes the new draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from sessions.community.conf import community_timezone

from .blocks import SectionKind
from .models import DigestIndexPage, DigestPage
from .selectors import WeekContent, week_content
from .weeks import IsoWeek, week_of


class DigestRefused(Exception):
    """The digest cannot be built as asked; the message says why and what to do."""


@dataclass(frozen=True)
class DigestBuilt:
    page: DigestPage
    created: bool
    changed: bool


def digest_week_default(*, now=None) -> IsoWeek:
    """The week that just ended, in the community's time zone."""
    return week_of(now or timezone.now(), community_timezone()).previous()


def digest_build(*, week: IsoWeek, force: bool = False) -> DigestBuilt:
    """Create or refresh the draft digest of ``week`` (see the module docstring)."""
    zone = community_timezone()
    start, end = week.bounds(zone)
    next_end = end + timedelta(days=7)
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        content = week_content(start=start, end=end, next_end=next_end)
        gathered = digest_sections(content=content, zone=zone)
        page = DigestPage.objects.select_for_update().filter(week=str(week)).first()
        if page is None:
            return DigestBuilt(_create(week, gathered), created=True, changed=True)
        return _refresh(page, gathered, force=force)


def _create(week: IsoWeek, gathered) -> DigestPage:
    index = DigestIndexPage.objects.first()
    if index is None:
        raise DigestRefused(
            _("There is no weekly digest index yet: add one in the admin first.")
        )
    page = DigestPage(
        title=digest_title(week),
        slug=str(week).lower(),
        week=str(week),
        body=gathered,
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def _refresh(page: DigestPage, gathered, *, force: bool) -> DigestBuilt:
    revision = page.latest_revision
    if revision is not None and revision.user_id is not None and not force:
        raise DigestRefused(
            _(
                "The digest for %(week)s was edited by %(editor)s; building again "
                "would replace the gathered sections. Run with --force to do so "
                "(the title, intro and the editor's own sections are kept)."
            )
            % {"week": page.week, "editor": revision.user}
        )
    draft = page.get_latest_revision_as_object()
    before = draft.body.get_prep_value()
    own = [
        block
        for block in before
        if block["type"] != "section"
        or block["value"]["kind"] not in SectionKind.GATHERED
    ]
    draft.body = gathered + own
    if _without_ids(draft.body.get_prep_value()) == _without_ids(before):
        return DigestBuilt(page, created=False, changed=False)
    draft.save_revision()
    page.refresh_from_db()
    return DigestBuilt(page, created=False, changed=True)


def _without_ids(data):
    """Stream data with its block ids left out (new ids are not a change)."""
    if isinstance(data, list):
        return [_without_ids(entry) for entry in data]
    if isinstance(data, dict):
        return {key: _without_ids(v) for key, v in data.items() if key != "id"}
    return data


def digest_title(week: IsoWeek) -> str:
    # Translators: a Django date format (see the "date" template filter).
    day = _("M j")
    return _("This week's deposits · %(start)s – %(end)s") % {
        "start": dateformat.format(week.monday, day),
        "end": dateformat.format(week.sunday, day),
    }


def digest_sections(*, content: WeekContent, zone) -> list:
    """One section per source that has something, in reading order (stream data)."""
    # Translators: a Django date format (see the "date" template filter).
    when = _("D j M, H:i")
    candidates = [
        (
            SectionKind.RECAPS,
            _("New recaps"),
            [
                _item(s, s.title, content.series_titles.get(s.pk, ""))
                for s in content.recaps
            ],
        ),
        (
            SectionKind.ANSWERS,
            _("Answered questions"),
            [
                _item(q.session, q.text, q.session.title, fragment=q.anchor)
                for q in content.answers
            ],
        ),
        (
            SectionKind.FAQ,
            _("New FAQ cards"),
            [_item(card, card.title) for card in content.faq_cards],
        ),
        (
            SectionKind.TOP_QUESTIONS,
            _("Most-voted questions"),
            [
                _item(
                    q.session,
                    q.text,
                    _("%(n)s votes this week · %(session)s")
                    % {"n": q.week_votes, "session": q.session.title},
                    fragment=q.anchor,
                )
                for q in content.top_questions
            ],
        ),
        (
            SectionKind.POSTS,
            _("New member posts"),
            [_item(post, post.title, post.author_name) for post in content.posts],
        ),
        (
            SectionKind.UPCOMING,
            _("Next week's sessions"),
            [
                _item(
                    s,
                    s.title,
                    dateformat.format(timezone.localtime(s.start, zone), when),
                )
                for s in content.upcoming
            ],
        ),
    ]
    return [
        {
            "type": "section",
            "value": {"kind": kind, "heading": heading, "items": items},
        }
        for kind, heading, items in candidates
        if items
    ]


def _item(page, title: str, note: str = "", *, fragment: str = "") -> dict:
    title = " ".join(title.split())
    return {
        "page": page.pk,
        "fragment": fragment,
        "title": title if len(title) <= 200 else title[:199] + "…",
        "note": note[:200],
    }
