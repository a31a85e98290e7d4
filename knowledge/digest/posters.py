"""The digest's share poster: the generic renderer of ``sessions.sharing``, with
the week's sections as its lines and a QR code to the digest."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sessions.community.conf import community_settings
from sessions.sharing.posters import PosterLines

DETAIL_LINES = 4  # the renderer shows four detail lines at most
PER_LINE = 2  # "heading count" pairs per line: six sections fit in three lines
ACCENT = "#0b6e4f"  # the site's 沉淀 green


def digest_poster_lines(page, *, url: str) -> PosterLines:
    """Each section's heading and how many items it has, two to a line, in
    the community's language like the paste-ready text."""
    with translation.override(settings.LANGUAGE_CODE):
        counts = []
        for block in page.body:
            if block.block_type != "section":
                continue
            shown = sum(1 for item in block.value["items"] if item.is_shown())
            if shown:
                counts.append(f"{block.value['heading']} {shown}")
        details = [
            "　".join(counts[start : start + PER_LINE])
            for start in range(0, len(counts), PER_LINE)
        ]
        chosen = community_settings(page.get_site())
        return PosterLines(
            title=page.title,
            qr_url=url,
            kicker=getattr(chosen, "community_name", ""),
            label=pgettext("share poster", "Weekly digest"),
            heading=page.week,
            details=tuple(details[:DETAIL_LINES]),
            footer=_("Scan to read the whole digest"),
            accent=ACCENT,
        )
