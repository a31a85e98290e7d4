"""Demo: the weekly digest index, and this week's digest built and published.

The demo's recaps, answers, FAQ cards and posts all go out when the demo is
loaded, so the digest gathered is the one of the current week (the weekly
job gathers the week that just ended). Built through the same service as
``manage.py digest_build``; running it twice creates nothing new.
"""

from __future__ import annotations

from wagtail.models import Site

from knowledge.digest.services import DigestRefused, digest_build
from knowledge.digest.weeks import week_of
from knowledge.models import DigestIndexPage
from sessions.community.conf import community_timezone

from .community import _child


def load(*, now, stdout=None):
    _index()  # digest_build needs the index to put the digest under
    try:
        built = digest_build(week=week_of(now, community_timezone()))
    except DigestRefused:
        return  # an editor took this week's digest over: leave it to them
    page = built.page
    if built.changed:
        page.get_latest_revision().publish()
    if stdout:
        stdout.write(f"Weekly digest: {page.week} at {page.url}")


def _index():
    home = Site.objects.get(is_default_site=True).root_page
    return _child(
        home,
        DigestIndexPage,
        slug="digest",
        title="本周沉淀",
        intro="<p>每周一份：新回顾、已回答的问题、新卡片、热门问题、成员投稿和下周的分享。</p>",
        show_in_menus=True,
    )
