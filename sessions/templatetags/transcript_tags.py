"""The transcript and chapters on a session's recap."""

from django import template

from ..transcripts import timecodes
from ..transcripts.models import Transcript
from ..transcripts.services import session_chapters

register = template.Library()


@register.filter
def time_fragment(value: str) -> str:
    """``t=12m30s`` for a heading's "12:30"; "" when it is not a time."""
    seconds = timecodes.parse_clock(value or "")
    return "" if seconds is None else timecodes.fragment(seconds)


@register.inclusion_tag("community_sessions/transcripts/transcript.html")
def session_transcript(page):
    """Chapters, then the segments collapsed; each segment's time is its permalink.

    Only the first segment starting in a given second carries that second's
    anchor, so every ``#t=`` names exactly one element.
    """
    try:
        # Read with the page when the request routed to it (route_select_related).
        transcript = page.transcript
    except Transcript.DoesNotExist:
        transcript = None
    segments = list(transcript.segments.all()) if transcript else []
    chapters = session_chapters(page, transcript)
    anchored = set()
    for segment in segments:
        segment.anchor = segment.fragment not in anchored and segment.fragment
        anchored.add(segment.fragment)
        segment.recording_url = timecodes.recording_url_at(
            page.recording_url, segment.seconds
        )
    for_chapters = [
        (chapter, timecodes.recording_url_at(page.recording_url, chapter.seconds))
        for chapter in chapters
    ]
    return {"segments": segments, "chapters": for_chapters, "page": page}
