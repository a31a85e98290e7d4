from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/api/", views.search_api, name="api"),
    path("search/suggest/", views.suggest_api, name="suggest"),
]
