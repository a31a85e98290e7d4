"""Plain text out of StreamField values, for indexing."""

from django.utils.html import strip_tags
from wagtail.rich_text import RichText


def value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, RichText):
        return strip_tags(value.source)
    if isinstance(value, str):
        return strip_tags(value)
    if hasattr(value, "items"):  # StructValue
        return " ".join(value_text(v) for _, v in value.items())
    if isinstance(value, (list, tuple)) or value.__class__.__name__ in {
        "ListValue",
        "StreamValue",
    }:
        return " ".join(value_text(getattr(v, "value", v)) for v in value)
    title = getattr(value, "title", None)  # images, documents
    return str(title) if title else ""
