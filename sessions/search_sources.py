"""What sessions contribute to search: each session, each recap section, answered
questions, and what was said in the recording (transcripts)."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from search.blocktext import value_text
from search.documents import SearchDocument
from search.registry import IndexableSource, register, register_kind

from .models import SessionQuestion, SharingSessionPage, Transcript
from .selectors import with_stages

SESSION = register_kind("session", _("Sessions"))
RECAP = register_kind("recap", _("Recaps"))
QUESTION = register_kind("question", _("Answered questions"))
TRANSCRIPT = register_kind("transcript", _("Transcripts"))


@register
class SharingSessionSource(IndexableSource):
    """A session's summary and announcement as one document, and one per recap section.

    Recap sections start at each heading; their URL carries the heading's
    anchor, the same one the page renders, so a result opens at the section.
    """

    name = "sessions.session"
    model = SharingSessionPage

    def get_queryset(self):
        return SharingSessionPage.objects.live()

    def documents_for(self, page):
        if not page.live:
            return
        (page,) = with_stages([page], now=timezone.now())
        url = page.get_url() or page.url_path
        series = page.series_page
        common = {
            "date": page.start,
            "tags": [tag.name for tag in page.tags.all()],
            "series": series.slug if series else "",
            "series_title": series.title if series else "",
            # Speakers first, then the host; each person once.
            "people": list(
                dict.fromkeys(
                    [p.name for p in page.speaker_people]
                    + ([page.host.name] if page.host else [])
                )
            ),
        }
        origin = self.origin(page.pk)
        sections = list(recap_sections(page))
        yield SearchDocument(
            key=f"session:{page.pk}",
            origin=origin,
            kind=SESSION,
            title=page.title,
            body="\n".join(filter(None, [page.summary, strip_tags(page.announcement)])),
            url=url,
            stage=str(page.stage),
            # The recap's headings: the session ranks by them above a body match.
            headings=[heading for _anchor, heading, _text in sections if heading],
            **common,
        )
        for anchor, heading, text in sections:
            yield SearchDocument(
                key=f"recap:{page.pk}#{anchor}",
                origin=origin,
                kind=RECAP,
                title=f"{page.title} · {heading}" if heading else page.title,
                body=text,
                url=f"{url}#{anchor}",
                stage=str(page.stage),
                **common,
            )


@register
class AnsweredQuestionSource(IndexableSource):
    """An answered question with its answer, found at its place in the recap's Q&A."""

    name = "sessions.question"
    model = SessionQuestion

    def get_queryset(self):
        return SessionQuestion.objects.answered().filter(session__live=True)

    def documents_for(self, question):
        session = question.session
        if question.status != SessionQuestion.Status.ANSWERED or not session.live:
            return
        series = session.series
        yield SearchDocument(
            key=f"question:{question.pk}",
            origin=self.origin(question.pk),
            kind=QUESTION,
            title=str(question),
            body=f"{question.text}\n{question.answer}",
            url=f"{session.get_url() or session.url_path}#{question.anchor}",
            date=question.answered_at or question.created_at,
            tags=[tag.name for tag in session.tags.all()],
            series=series.slug if series else "",
            series_title=series.title if series else "",
            people=[question.author_name] if question.author_name else [],
            stage=question.status,
        )


@register
class TranscriptSource(IndexableSource):
    """Passages of a published session's transcript, each opening the page at its time.

    Like chat runs: consecutive segments of one speaker, at most ``RUN_MAX``
    of them and ``RUN_SPAN_MS`` long, make one document, so a thought spread
    over several subtitle lines is found as one; the link opens the first.
    """

    RUN_MAX = 5
    RUN_SPAN_MS = 60_000

    name = "sessions.transcript"
    model = Transcript

    def get_queryset(self):
        return Transcript.objects.filter(session__live=True).select_related("session")

    def documents_for(self, transcript):
        session = transcript.session
        if not session.live:
            return
        url = session.get_url() or session.url_path
        series = session.series
        origin = self.origin(transcript.pk)
        run = []
        for segment in transcript.segments.all():
            if run and (
                segment.speaker != run[0].speaker
                or len(run) >= self.RUN_MAX
                or segment.start_ms - run[0].start_ms > self.RUN_SPAN_MS
            ):
                yield self._document(session, url, series, origin, run)
                run = []
            run.append(segment)
        if run:
            yield self._document(session, url, series, origin, run)

    def _document(self, session, url, series, origin, run):
        first = run[0]
        speaker = f" · {first.speaker}" if first.speaker else ""
        return SearchDocument(
            key=f"transcript:{session.pk}:{first.position}",
            origin=origin,
            kind=TRANSCRIPT,
            title=f"{session.title} · {first.clock}{speaker}",
            body="\n".join(segment.text for segment in run),
            url=f"{url}#{first.fragment}",
            date=session.start,
            series=series.slug if series else "",
            series_title=series.title if series else "",
            people=[first.speaker] if first.speaker else [],
        )


def recap_anchors(page):
    """(block, anchor of the section it is in) for each block of the recap.

    Sections start at each heading; content before the first heading is the
    "recap" section. The page renders the same anchors on its headings.
    """
    anchor = "recap"
    for position, block in enumerate(page.recap, start=1):
        if block.block_type == "heading":
            custom = slugify(block.value.get("anchor") or "", allow_unicode=False)
            anchor = custom or f"section-{position}"
        yield block, anchor


def recap_sections(page):
    """(anchor, heading, text) for each section of the recap."""
    anchor, heading, parts = "recap", "", []
    for block, block_anchor in recap_anchors(page):
        if block.block_type == "heading":
            if parts:
                yield anchor, heading, "\n".join(parts)
            anchor, heading = block_anchor, block.value["text"]
            parts = [heading]
        else:
            text = value_text(block.value).strip()
            if text:
                parts.append(text)
    if parts:
        yield anchor, heading, "\n".join(parts)
