"""Knowledge's own URLs. Include at the site root: ``path("", include("knowledge.urls"))``.

Posts and chat archives are served by their index pages (routable pages), so
only the member pages and the digest poster need URLs of their own.
"""

from django.urls import include, path

app_name = "knowledge"

urlpatterns = [
    path("", include("knowledge.members.urls")),
    path("", include("knowledge.digest.urls")),
]
