from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag(takes_context=True)
def share_image(context, page):
    """Absolute URL, width and height of the picture shown when a link is shared.

    A page's own ``share_image()`` or ``image`` if it has one, else the site's
    default picture. WeChat and others need an absolute URL.
    """
    request = context.get("request")
    image = None
    if page is not None:
        image = (
            page.share_image()
            if hasattr(page, "share_image")
            else getattr(page, "image", None)
        )
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        url, width, height = rendition.url, rendition.width, rendition.height
    else:
        url, width, height = static("website/img/share.png"), 1200, 630
    if request is not None and url.startswith("/"):
        url = request.build_absolute_uri(url)
    return {"url": url, "width": width, "height": height}
