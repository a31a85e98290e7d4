from .pages import (
    SeriesIndexPage,
    SessionSpeaker,
    SharingSessionPage,
    SharingSessionPageTag,
    TopicSeriesPage,
)
from .people import Person

__all__ = [
    "Person",
    "SeriesIndexPage",
    "SessionSpeaker",
    "SharingSessionPage",
    "SharingSessionPageTag",
    "TopicSeriesPage",
]
