"""Published digests in the site search (imported by ``knowledge.search_sources``)."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument
from search.registry import IndexableSource, register, register_kind

from .models import DigestPage

DIGEST = register_kind("digest", _("Weekly digests"))


@register
class DigestSource(IndexableSource):
    """A published digest: its intro, headings and the titles it links to."""

    name = "knowledge.digest"
    model = DigestPage

    def get_queryset(self):
        return DigestPage.objects.live()

    def documents_for(self, digest: DigestPage):
        if not digest.live:
            return
        headings, lines = [], [strip_tags(digest.intro)]
        for block in digest.body:
            if block.block_type == "section":
                headings.append(block.value["heading"])
                lines += [
                    f"{item['title']} {item['note']}"
                    for item in block.value["items"]
                    if item.is_shown()
                ]
            else:
                lines.append(strip_tags(block.value.source))
        yield SearchDocument(
            key=f"digest:{digest.pk}",
            origin=self.origin(digest.pk),
            kind=DIGEST,
            title=digest.title,
            body="\n".join(line.strip() for line in lines if line.strip()),
            headings=headings,
            url=digest.get_url() or digest.url_path,
            date=digest.first_published_at,
        )
