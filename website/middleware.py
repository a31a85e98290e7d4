from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from sessions.community.conf import community_timezone


class CommunityTimezoneMiddleware:
    """Show every time in the community's time zone (CommunitySettings.timezone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.activate(community_timezone(request=request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class CommunityLanguageMiddleware:
    """Simplified Chinese unless the visitor picked another language.

    Replaces Django's LocaleMiddleware on purpose: that one follows the
    browser's Accept-Language, which would show English to most visitors on
    English-language systems. Here only the language switcher (its cookie)
    changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the admin's relaxed policy under the admin's URL.

    CONTENT_SECURITY_POLICY covers the site; CHENDIAN_ADMIN_CONTENT_SECURITY_POLICY
    the Wagtail admin, which needs inline scripts and styles.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(reverse("wagtailadmin_home"))
        ):
            parts.config = settings.CHENDIAN_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
