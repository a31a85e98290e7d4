"""Small server-side SVG charts: readable at a glance, no script, no CDN."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

COLOURS = ("#2e6bd1", "#e07b2a", "#2a9d62")


def bar_chart(
    *, labels: list[str], series: list[tuple[str, list[float]]], title: str
) -> SafeString:
    """Grouped bars, one group per label, one bar per series, with a legend.

    Sized by viewBox so it scales to the screen; every value is also written
    on its bar, so nothing depends on colour alone.
    """
    width, height, bottom, top = 720, 260, 36, 28
    peak = max([value for _name, values in series for value in values] + [1])
    group = (width - 20) / max(len(labels), 1)
    bar = min(28, (group - 8) / max(len(series), 1))
    scale = (height - bottom - top) / peak
    bars, captions = [], []
    for index, label in enumerate(labels):
        x0 = 10 + index * group + (group - bar * len(series)) / 2
        for position, (_name, values) in enumerate(series):
            value = values[index]
            h = value * scale
            x = x0 + position * bar
            y = height - bottom - h
            bars.append(
                (
                    *_coords(x, y, bar - 2, h),
                    COLOURS[position % len(COLOURS)],
                    *_coords(x + bar / 2 - 1, y - 4),
                    _number(value) if value else "",  # zeros would clutter
                )
            )
        captions.append(
            (*_coords(10 + index * group + group / 2, height - bottom + 16), label)
        )
    legend = [
        (10 + i * 150, 14, COLOURS[i % len(COLOURS)], 26 + i * 150, 23, name)
        for i, (name, _values) in enumerate(series)
    ]
    return format_html(
        '<svg class="insights-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg" style="max-width:100%;height:auto;font-size:12px">'
        "<title>{}</title>{}{}{}"
        '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="#999"/></svg>',
        width,
        height,
        title,
        title,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
            '<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>',
            bars,
        ),
        format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>',
            captions,
        ),
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
            '<text x="{}" y="{}" fill="currentColor">{}</text>',
            legend,
        ),
        width,
        height - bottom,
        height - bottom,
    )


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _coords(*numbers) -> tuple[str, ...]:
    return tuple(f"{number:.1f}" for number in numbers)
