from .pages import (
    Cadence,
    SeriesIndexPage,
    SeriesSkipDate,
    SessionSpeaker,
    SharingSessionPage,
    SharingSessionPageTag,
    TopicSeriesPage,
)
from .people import Person
from .questions import QuestionVote, SessionQuestion

__all__ = [
    "Cadence",
    "SeriesSkipDate",
    "Person",
    "QuestionVote",
    "SessionQuestion",
    "SeriesIndexPage",
    "SessionSpeaker",
    "SharingSessionPage",
    "SharingSessionPageTag",
    "TopicSeriesPage",
]
