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


@register.simple_tag
def facet_label(results, kind_labels, name, value):
    """How a facet value reads: kind names translated, series by title."""
    if name == "kind":
        return kind_labels.get(value, value)
    return results.labels.get(name, {}).get(value) or value
