"""Calendar feeds and share posters. Plain Django routes: a Wagtail page route
cannot end in .ics or .png."""

from django.urls import path

from . import calendar_views as views
from .sharing import views as sharing_views

app_name = "community_sessions"

urlpatterns = [
    path("sessions/calendar.ics", views.all_sessions_ics, name="calendar_all"),
    path("calendar/all.ics", views.all_sessions_ics),
    path(
        "calendar/session/<int:page_id>.ics", views.session_ics, name="calendar_session"
    ),
    path("calendar/<slug:slug>.ics", views.series_ics, name="calendar_series"),
    path(
        "sessions/poster/<int:page_id>/<slug:variant>.png",
        sharing_views.session_poster,
        name="session_poster",
    ),
]
