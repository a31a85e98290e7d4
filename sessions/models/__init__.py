from ..attendance.models import SessionRsvp
from ..questions.models import QuestionVote, SessionQuestion
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
]
