"""Page numbers from the query string, for lists read a slice at a time."""

from __future__ import annotations


def page_number(value) -> int:
    """A positive page number from ``?page=``-style input (1 when unusable)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)
