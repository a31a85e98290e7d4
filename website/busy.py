"""A clear "busy, try again" answer when SQLite's write lock cannot be had in time.

With the embedded default one process writes at a time; a member's write waits
up to the busy timeout (DATABASES OPTIONS "timeout") for the worker's short
import transactions. Should it still not get the lock, the member sees a
translated page (or JSON) with status 503 and Retry-After, never a server
error; the write's transaction was rolled back, so nothing is half-stored.
"""

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

#: Seconds a client is asked to wait before trying again.
RETRY_AFTER = 5


def is_lock_timeout(exception: BaseException) -> bool:
    """SQLite's "database is locked" (or "database table is locked")."""
    return isinstance(exception, OperationalError) and "is locked" in str(exception)


class SiteBusyMiddleware:
    """Turns a write that timed out waiting for the database into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_timeout(exception):
            return None
        message = gettext("The site is busy right now. Please try again in a moment.")
        if request.accepts("text/html"):
            response = HttpResponse(
                render_to_string("503.html", {"message": message}, request=request),
                status=503,
            )
        else:
            response = JsonResponse({"error": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
