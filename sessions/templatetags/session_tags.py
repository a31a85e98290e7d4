from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext

register = template.Library()


@register.filter
def session_time(value):
    """A session start in the active time zone, with the weekday.

    "11月24日 星期二 20:00" in Chinese, "Tue 24 Nov, 20:00" in English.
    """
    if not value:
        return ""
    # Translators: a Django date format (see the "date" template filter).
    return dateformat.format(timezone.localtime(value), gettext("D j M, H:i"))
