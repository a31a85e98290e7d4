"""Organiser screens for one session: paste a 接龙, check in, import a
meeting's participant list. Each reads its input, shows the organiser how
the names matched (ambiguous and unknown ones to settle by hand), and writes
only when the organiser confirms."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..community.conf import community_timezone
from ..models import SharingSessionPage
from .jielong import JielongError, parse_jielong
from .matching import matchable_members, names_match
from .models import SessionRsvp
from .participants import ParticipantFileError, participants_read
from .services import Signup, attendance_record, can_organise, rsvps_add

GUEST, SKIP = "guest", "skip"


class PasteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Sign-up list (接龙)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Paste the whole 接龙 as copied from the group chat."),
    )


class ParticipantFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Participant list (CSV or XLSX)"),
        help_text=gettext_lazy(
            "In Tencent Meeting: the meeting's details → 参会成员 → export."
        ),
    )


def _session_for(request, session_id) -> SharingSessionPage:
    session = get_object_or_404(SharingSessionPage, pk=session_id)
    if not can_organise(request.user):
        raise PermissionDenied
    return session


def _rsvp_list_url(session) -> str:
    return reverse("wagtailsnippets_community_sessions_sessionrsvp:list") + (
        f"?session={session.pk}"
    )


def _signer(session):
    return signing.TimestampSigner(salt=f"attendance-matches:{session.pk}")


def _matching_page(request, session, *, kind, rows, note=""):
    """Step two: how each name matched; the organiser confirms or corrects."""
    matches = names_match([row["name"] for row in rows])
    members = list(matchable_members())
    for row, match in zip(rows, matches, strict=True):
        row["match"] = match
    payload = _signer(session).sign_object(
        {"kind": kind, "rows": rows_for_payload(rows)}
    )
    return TemplateResponse(
        request,
        "community_sessions/admin/attendance_match.html",
        {
            "session": session,
            "kind": kind,
            "rows": rows,
            "members": members,
            "payload": payload,
            "note": note,
            "GUEST": GUEST,
            "SKIP": SKIP,
        },
    )


def rows_for_payload(rows) -> list[dict]:
    return [
        {key: value for key, value in row.items() if key != "match"} for row in rows
    ]


def _confirmed_signups(request, session, kind) -> list[Signup] | None:
    try:
        data = _signer(session).unsign_object(
            request.POST.get("payload", ""), max_age=6 * 60 * 60
        )
    except signing.BadSignature:
        return None
    if data.get("kind") != kind:
        return None
    members = {str(user.pk): user for user in matchable_members()}
    signups = []
    for index, row in enumerate(data["rows"]):
        choice = request.POST.get(f"choice-{index}", GUEST)
        if choice == SKIP:
            continue
        member = members.get(choice)
        signups.append(
            Signup(
                member=member,
                guest_name="" if member else row["name"],
                plus_ones=row.get("plus_ones", 0),
                note=row.get("note", ""),
                joined_at=parse_datetime(row["joined_at"])
                if row.get("joined_at")
                else None,
                left_at=parse_datetime(row["left_at"]) if row.get("left_at") else None,
            )
        )
    return signups


def _stale(request, session, again_url):
    messages.error(
        request, _("The matched list expired or was altered. Please start again.")
    )
    return redirect(again_url)


def jielong_paste(request, session_id):
    session = _session_for(request, session_id)
    here = reverse("community_sessions_jielong", args=[session.pk])
    if request.method == "POST" and "payload" in request.POST:
        signups = _confirmed_signups(request, session, "jielong")
        if signups is None:
            return _stale(request, session, here)
        saved = rsvps_add(session=session, signups=signups, by=request.user)
        messages.success(
            request,
            _("%(n)s sign-ups saved as “I'll come”.") % {"n": len(saved)},
        )
        return redirect(_rsvp_list_url(session))
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            parsed = parse_jielong(form.cleaned_data["text"])
        except JielongError as error:
            form.add_error("text", str(error))
        else:
            rows = [
                {
                    "name": entry.name,
                    "city": entry.city,
                    "plus_ones": entry.plus_ones,
                    "note": " ".join(filter(None, [entry.city, entry.note])),
                }
                for entry in parsed.entries
            ]
            note = ""
            if parsed.duplicates:
                note = _("Listed twice, counted once: %(names)s") % {
                    "names": "、".join(entry.name for entry in parsed.duplicates)
                }
            return _matching_page(
                request, session, kind="jielong", rows=rows, note=note
            )
    return _input_page(
        request, session, form, title=_("Paste a 接龙"), button=_("Match names")
    )


def participants_import(request, session_id):
    session = _session_for(request, session_id)
    here = reverse("community_sessions_participants", args=[session.pk])
    if request.method == "POST" and "payload" in request.POST:
        signups = _confirmed_signups(request, session, "meeting")
        if signups is None:
            return _stale(request, session, here)
        marked = attendance_record(
            session=session,
            walk_ins=signups,
            source=SessionRsvp.Source.MEETING,
            by=request.user,
        )
        messages.success(
            request, _("%(n)s people marked as present.") % {"n": len(marked)}
        )
        return redirect(_rsvp_list_url(session))
    form = ParticipantFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            people = participants_read(
                upload.read(), filename=upload.name, tz=community_timezone()
            )
        except ParticipantFileError as error:
            form.add_error("file", str(error))
        else:
            rows = [
                {
                    "name": person.name,
                    "joined_at": person.joined_at.isoformat()
                    if person.joined_at
                    else "",
                    "left_at": person.left_at.isoformat() if person.left_at else "",
                }
                for person in people
            ]
            return _matching_page(request, session, kind="meeting", rows=rows)
    return _input_page(
        request,
        session,
        form,
        title=_("Import meeting participants"),
        button=_("Read the file"),
    )


def _input_page(request, session, form, *, title, button):
    """Step one of a paste or an upload: the form, with any error on it."""
    return TemplateResponse(
        request,
        "community_sessions/admin/attendance_input.html",
        {"session": session, "form": form, "title": title, "button": button},
    )


def check_in(request, session_id):
    session = _session_for(request, session_id)
    rows = list(
        SessionRsvp.objects.filter(session=session)
        .select_related("member")
        .order_by("-answer", "answered_at", "pk")
    )
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        present = [row.pk for row in rows if row.pk in chosen]
        absent = [row.pk for row in rows if row.pk not in chosen]
        walk_in_names = [
            line.strip()[:80]
            for line in request.POST.get("walk_ins", "").splitlines()
            if line.strip()
        ]
        walk_ins = [
            Signup(member=match.member)
            if match.member
            else Signup(guest_name=match.name)
            for match in names_match(walk_in_names)
        ]
        marked = attendance_record(
            session=session,
            present=present,
            absent=absent,
            walk_ins=walk_ins,
            by=request.user,
        )
        messages.success(
            request,
            _("Check-in saved: %(n)s newly marked as present.") % {"n": len(marked)},
        )
        return redirect(reverse("community_sessions_check_in", args=[session.pk]))
    for row in rows:
        row.preselected = row.attended if row.attended is not None else row.is_confirmed
    return TemplateResponse(
        request,
        "community_sessions/admin/check_in.html",
        {"session": session, "rows": rows, "rsvp_list_url": _rsvp_list_url(session)},
    )
