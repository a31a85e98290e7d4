from django.utils import timezone

from sessions.conf import community_timezone


class CommunityTimezoneMiddleware:
    """Show every time in the community's time zone (CommunitySettings.timezone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.activate(community_timezone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
