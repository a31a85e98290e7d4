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

__all__ = [
    "Cadence",
    "SeriesSkipDate",
    "Person",
    "SeriesIndexPage",
    "SessionSpeaker",
    "SharingSessionPage",
    "SharingSessionPageTag",
    "TopicSeriesPage",
]
