"""Calendar, RSS and Atom feeds and share posters. Plain Django routes: a Wagtail
page route cannot end in .ics or .png."""

from django.urls import path

from . import calendar_views as views
from .feeds import views as feeds
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
    path("feeds/recaps/", feeds.recaps_rss, name="feed_recaps"),
    path("feeds/recaps/atom/", feeds.recaps_atom, name="feed_recaps_atom"),
    path("feeds/series/<slug:slug>/", feeds.series_rss, name="feed_series"),
    path("feeds/series/<slug:slug>/atom/", feeds.series_atom, name="feed_series_atom"),
    # Tag slugs keep Chinese characters, which <slug:> would refuse.
    path("feeds/tags/<str:slug>/", feeds.tag_rss, name="feed_tag"),
    path("feeds/tags/<str:slug>/atom/", feeds.tag_atom, name="feed_tag_atom"),
]
