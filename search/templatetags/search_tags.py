from django import template

register = template.Library()


@register.simple_tag
def facet_url(base_params, name, value):
    """The current search with one more filter."""
    extra = f"{name}={value}"
    return f"?{base_params}&{extra}" if base_params else f"?{extra}"


@register.filter
def label_for(mapping, key):
    return mapping.get(key, key)
