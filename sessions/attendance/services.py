"""RSVPs and attendance: every write, so the rules hold the same everywhere.

Rules: members answer until the session starts (not when it is cancelled);
with a capacity, a 我会来 that does not fit goes on the waitlist, and when a
seat frees up the first waitlisted answer that fits moves up; attendance is
recorded once per person and counts as member activity ("attended").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, FilteredRelation, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..community.limits import check_rate
from ..community.published import forget_now_and_on_commit
from ..community.signals import member_activity
from .models import SessionRsvp

RSVP_PERMISSION = "community_sessions.add_sessionrsvp"
ORGANISE_PERMISSION = "community_sessions.change_sessionrsvp"


class RsvpClosed(Exception):
    """The session has started or is cancelled: answers are final."""


def can_rsvp(user) -> bool:
    return user.is_authenticated and user.has_perm(RSVP_PERMISSION)


def can_organise(user) -> bool:
    return user.is_authenticated and user.has_perm(ORGANISE_PERMISSION)


def rsvp_open(session, now=None) -> bool:
    return not session.is_cancelled and (now or timezone.now()) < session.start


def rsvp_answer(*, session, user, answer: str, now=None) -> SessionRsvp:
    """A member's answer on the session page (a change of mind replaces it)."""
    if answer not in (
        SessionRsvp.Answer.YES,
        SessionRsvp.Answer.MAYBE,
        SessionRsvp.Answer.NO,
    ):
        raise ValidationError(_("Choose one of the three answers."))
    if not can_rsvp(user):
        raise PermissionDenied(_("Only approved members can sign up."))
    now = now or timezone.now()
    if not rsvp_open(session, now):
        raise RsvpClosed(
            _("Sign-up has closed: the session has started or was cancelled.")
        )
    check_rate(user, "rsvp")
    with transaction.atomic():
        rsvp, _created = SessionRsvp.objects.select_for_update().get_or_create(
            session=session, member=user
        )
        _set_answer(rsvp, answer=answer, source=SessionRsvp.Source.SITE, now=now)
    rsvp.refresh_from_db()
    return rsvp


def _set_answer(rsvp, *, answer, source, now, plus_ones=None, note=None) -> None:
    """Apply an answer to ``rsvp`` (inside a transaction), waitlisting or
    promoting others as capacity requires."""
    was_confirmed = rsvp.pk is not None and rsvp.is_confirmed
    if plus_ones is not None:
        rsvp.plus_ones = plus_ones
    if note is not None:
        rsvp.note = note[:120]
    if answer == SessionRsvp.Answer.YES and rsvp.answer == answer and rsvp.pk:
        rsvp.save()  # same answer again: keep the place in the queue
        return
    rsvp.answer = answer
    rsvp.source = source
    rsvp.answered_at = now
    rsvp.promoted_at = None
    rsvp.waitlisted = False
    if answer == SessionRsvp.Answer.YES:
        rsvp.waitlisted = not _fits(rsvp.session, rsvp.seats, exclude=rsvp.pk)
    rsvp.save()
    if was_confirmed and not rsvp.is_confirmed:
        waitlist_promote(session=rsvp.session, now=now)


def _seats_taken(session, exclude=None) -> int:
    confirmed = SessionRsvp.objects.filter(
        session=session, answer=SessionRsvp.Answer.YES, waitlisted=False
    )
    if exclude:
        confirmed = confirmed.exclude(pk=exclude)
    figures = confirmed.aggregate(people=Count("pk"), extra=Sum("plus_ones"))
    return figures["people"] + (figures["extra"] or 0)


def _fits(session, seats: int, exclude=None) -> bool:
    if not session.capacity:
        return True
    return _seats_taken(session, exclude) + seats <= session.capacity


def waitlist_promote(*, session, now=None) -> list[SessionRsvp]:
    """Move waitlisted answers up, first come first served, while seats are free.

    Called when someone drops out, and after an organiser raises the capacity.
    """
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        waiting = SessionRsvp.objects.select_for_update().filter(
            session=session, answer=SessionRsvp.Answer.YES, waitlisted=True
        )
        for rsvp in waiting.order_by("answered_at", "pk"):
            if not _fits(session, rsvp.seats):
                break  # keep the order: nobody jumps the queue
            rsvp.waitlisted = False
            rsvp.promoted_at = now
            rsvp.save(update_fields=["waitlisted", "promoted_at", "updated_at"])
            promoted.append(rsvp)
    return promoted


@dataclass(frozen=True)
class RsvpCounts:
    """What the session page shows: how many answered what."""

    yes: int = 0
    maybe: int = 0
    no: int = 0
    waitlisted: int = 0
    seats: int = 0  # confirmed people plus whoever they bring
    attended: int = 0


def _count_expressions(prefix: str = "") -> dict:
    """The aggregates behind RsvpCounts, over RSVPs reached through ``prefix``."""
    Answer = SessionRsvp.Answer

    def where(**lookups):
        return Q(**{prefix + name: value for name, value in lookups.items()})

    confirmed = where(answer=Answer.YES, waitlisted=False)
    return {
        "n_yes": Count(prefix + "pk", filter=confirmed),
        "n_maybe": Count(prefix + "pk", filter=where(answer=Answer.MAYBE)),
        "n_no": Count(prefix + "pk", filter=where(answer=Answer.NO)),
        "n_waitlisted": Count(
            prefix + "pk", filter=where(answer=Answer.YES, waitlisted=True)
        ),
        "n_extra": Sum(prefix + "plus_ones", filter=confirmed),
        "n_attended": Count(prefix + "pk", filter=where(attended=True)),
    }


def _counts_from(figures: dict) -> RsvpCounts:
    return RsvpCounts(
        yes=figures["n_yes"],
        maybe=figures["n_maybe"],
        no=figures["n_no"],
        waitlisted=figures["n_waitlisted"],
        seats=figures["n_yes"] + (figures["n_extra"] or 0),
        attended=figures["n_attended"],
    )


#: Counts are kept this long at most; every answer written through the ORM
#: forgets them at once (receivers.py), this bounds anything else.
COUNTS_CACHE_SECONDS = 10 * 60


def _counts_key(session_id) -> str:
    return f"chendian:rsvp-counts:{session_id}"


def rsvp_counts(session) -> RsvpCounts:
    """All counts of one session: one aggregate query, then cached until an
    answer of that session changes (a session page is read far more often
    than answered; the query cost a session page view about 3 ms)."""
    key = _counts_key(session.pk)
    counts = cache.get(key)
    if counts is None:
        figures = SessionRsvp.objects.filter(session=session).aggregate(
            **_count_expressions()
        )
        counts = _counts_from(figures)
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


def forget_rsvp_counts(session_id) -> None:
    """Drop the cached counts (now and once the change is committed)."""
    forget_now_and_on_commit(_counts_key(session_id))


def rsvp_summary(session, user) -> tuple[RsvpCounts, SessionRsvp | None]:
    """``rsvp_counts`` and ``rsvp_of`` together, in one query.

    With the counts cached, only the member's own answer is read. Otherwise
    the session's row, joined once to the member's own answer (at most one:
    unique per session and member) and once to every answer for the counts.
    """
    if not user.is_authenticated:
        return rsvp_counts(session), None
    counts = cache.get(_counts_key(session.pk))
    if counts is not None:
        return counts, rsvp_of(session, user)
    fields = [field.attname for field in SessionRsvp._meta.concrete_fields]
    row = (
        type(session)
        ._default_manager.filter(pk=session.pk)
        .annotate(mine=FilteredRelation("rsvps", condition=Q(rsvps__member=user)))
        .values(*(f"mine__{name}" for name in fields))
        .annotate(**_count_expressions("rsvps__"))
        .order_by()
        .get()
    )
    mine = None
    if row["mine__id"] is not None:
        mine = SessionRsvp.from_db(
            None, fields, [row[f"mine__{name}"] for name in fields]
        )
    counts = _counts_from(row)
    cache.set(_counts_key(session.pk), counts, COUNTS_CACHE_SECONDS)
    return counts, mine


def rsvp_of(session, user) -> SessionRsvp | None:
    """The member's own answer to ``session`` (one query), or None."""
    if not user.is_authenticated:
        return None
    return SessionRsvp.objects.filter(session=session, member=user).first()


# Organisers: sign-up lists and attendance


@dataclass(frozen=True)
class Signup:
    """One person to add to a session: a member, or a guest by name."""

    member: object | None = None
    guest_name: str = ""
    plus_ones: int = 0
    note: str = ""
    joined_at: object | None = None
    left_at: object | None = None


def rsvps_add(*, session, signups: Iterable[Signup], by, now=None) -> list[SessionRsvp]:
    """Record organiser-entered 我会来 answers (from a pasted 群接龙)."""
    if not can_organise(by):
        raise PermissionDenied(_("Only organisers can add sign-ups."))
    now = now or timezone.now()
    saved = []
    with transaction.atomic():
        for signup in signups:
            rsvp = _row_for(session, signup)
            _set_answer(
                rsvp,
                answer=SessionRsvp.Answer.YES,
                source=SessionRsvp.Source.JIELONG,
                now=now,
                plus_ones=signup.plus_ones,
                note=signup.note,
            )
            saved.append(rsvp)
    return saved


def _row_for(session, signup: Signup) -> SessionRsvp:
    if signup.member is not None:
        lookup = {"member": signup.member}
    else:
        lookup = {"member": None, "guest_name": signup.guest_name.strip()[:80]}
    rsvp = SessionRsvp.objects.filter(session=session, **lookup).first()
    return rsvp or SessionRsvp(session=session, **lookup)


def attendance_record(
    *,
    session,
    present: Iterable[int] = (),
    absent: Iterable[int] = (),
    walk_ins: Iterable[Signup] = (),
    source=SessionRsvp.Source.CHECK_IN,
    by,
) -> list[SessionRsvp]:
    """Mark RSVP rows (by id) as present or absent and add people who came
    without answering. Returns the rows newly marked present."""
    if not can_organise(by):
        raise PermissionDenied(_("Only organisers can record attendance."))
    rows = SessionRsvp.objects.filter(session=session)
    newly_present = []
    with transaction.atomic():
        rows.filter(pk__in=list(absent)).update(attended=False)
        forget_rsvp_counts(session.pk)  # update() sends no signal
        for rsvp in rows.filter(pk__in=list(present)).exclude(attended=True):
            rsvp.attended = True
            rsvp.save(update_fields=["attended", "updated_at"])
            newly_present.append(rsvp)
        for signup in walk_ins:
            rsvp = _row_for(session, signup)
            rsvp.joined_at = signup.joined_at or rsvp.joined_at
            rsvp.left_at = signup.left_at or rsvp.left_at
            if rsvp.pk is None:
                rsvp.source = source
            already = rsvp.attended is True
            rsvp.attended = True
            rsvp.save()
            if not already:
                newly_present.append(rsvp)
        for rsvp in newly_present:
            if rsvp.member_id:
                member_activity.send(
                    SessionRsvp,
                    member=rsvp.member,
                    verb="attended",
                    target=session,
                    by=by,
                )
    return newly_present
