from django.urls import path

from . import views

urlpatterns = [
    path("digest/poster/<int:page_id>.png", views.digest_poster, name="digest_poster"),
]
