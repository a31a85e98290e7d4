"""The share poster of a sharing session, one variant per stage.

The text comes from the same values as the group messages
(``messages.placeholder_values``: series, episode, speakers, local time with
weekday, community name), in the site's language like the messages, since
both are pasted into the same group. Rendered posters are cached under a hash
of everything they show, so an edit, a new speaker or a renamed community
gives a new poster and an unchanged page costs no drawing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lifecycle import Stage
from ..messages import placeholder_values
from .posters import PosterLines, poster_render

# Bump when the drawing changes, so cached posters are drawn again.
RENDERER_VERSION = "1"
CACHE_PREFIX = "chendian:poster"
CACHE_SECONDS = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class PosterVariant:
    """How one stage's poster differs: its band label, colour and call to act."""

    slug: str
    stage: Stage
    label: Promise
    accent: str
    footer: Promise


POSTER_VARIANTS = {
    variant.slug: variant
    for variant in (
        PosterVariant(
            "announcement",
            Stage.ANNOUNCED,
            pgettext_lazy("share poster", "Coming up"),
            "#c2410c",
            _("Scan for the details, and send the speaker your questions"),
        ),
        PosterVariant(
            "questions",
            Stage.COLLECTING_QUESTIONS,
            pgettext_lazy("share poster", "Questions open"),
            "#1d4ed8",
            _("Scan to ask a question or upvote the ones you want answered"),
        ),
        PosterVariant(
            "recap",
            Stage.ARCHIVED,
            pgettext_lazy("share poster", "Recap is out"),
            "#15803d",
            _("Scan to read the recap: key points, answers and resources"),
        ),
    )
}
VARIANT_FOR_STAGE = {variant.stage: variant for variant in POSTER_VARIANTS.values()}


def session_poster_lines(session, variant: PosterVariant, *, url: str) -> PosterLines:
    """What the ``variant`` poster of ``session`` says; the QR code holds ``url``."""
    with translation.override(settings.LANGUAGE_CODE):
        values = placeholder_values(session, base_url="")
        heading = " · ".join(
            part for part in (values["series"], values["episode"].strip()) if part
        )
        return PosterLines(
            title=session.title,
            qr_url=url,
            kicker=values["community"],
            label=str(variant.label),
            heading=heading,
            details=(
                gettext("Speaker: %(names)s") % {"names": values["speaker"]},
                gettext("Time: %(time)s") % {"time": values["time"]},
            ),
            footer=str(variant.footer),
            accent=variant.accent,
        )


def poster_etag(lines: PosterLines) -> str:
    """A strong validator of the poster ``lines`` make (with the renderer's version)."""
    digest = hashlib.sha256(f"{RENDERER_VERSION}|{lines!r}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def poster_png(lines: PosterLines) -> bytes:
    """The poster for ``lines``, from the cache when it was drawn before."""
    key = f"{CACHE_PREFIX}:{poster_etag(lines).strip(chr(34))}"
    png = cache.get(key)
    if png is None:
        png = poster_render(lines)
        cache.set(key, png, CACHE_SECONDS)
    return png
