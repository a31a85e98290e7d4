from ..attendance.models import SessionRsvp
from ..questions.models import QuestionVote, SessionQuestion

# After the session page: transcripts point at it.
from ..transcripts.models import (  # noqa: E402, I001
    Transcript,
    TranscriptChapter,
    TranscriptSegment,
)
from .people import Person
from .series import Cadence, SeriesIndexPage, SeriesSkipDate, TopicSeriesPage
from .session import SessionSpeaker, SharingSessionPage, SharingSessionPageTag

__all__ = [
    "Cadence",
    "SeriesSkipDate",
    "Person",
    "QuestionVote",
    "SessionQuestion",
    "SessionRsvp",
    "SeriesIndexPage",
    "SessionSpeaker",
    "SharingSessionPage",
    "SharingSessionPageTag",
    "TopicSeriesPage",
    "Transcript",
    "TranscriptChapter",
    "TranscriptSegment",
]
