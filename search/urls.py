from django.urls import path

from . import feeds, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.search_rss, name="feed"),
    path("search/feed/atom/", feeds.search_atom, name="feed_atom"),
    path("search/api/", views.search_api, name="api"),
    path("search/suggest/", views.suggest_api, name="suggest"),
]
