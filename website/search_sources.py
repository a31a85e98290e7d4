"""What the website contributes to search: standard pages."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.blocktext import value_text
from search.documents import SearchDocument
from search.registry import IndexableSource, register, register_kind

from .models import StandardPage

PAGE = register_kind("page", _("Pages"))


@register
class StandardPageSource(IndexableSource):
    name = "website.standard_page"
    model = StandardPage

    def get_queryset(self):
        return StandardPage.objects.live()

    def documents_for(self, page):
        if not page.live:
            return
        body = "\n".join(
            [page.intro, *(value_text(block.value) for block in page.body)]
        )
        yield SearchDocument(
            key=f"page:{page.pk}",
            origin=self.origin(page.pk),
            kind=PAGE,
            title=page.title,
            body=strip_tags(body),
            url=page.get_url() or page.url_path,
            date=page.last_published_at,
        )
