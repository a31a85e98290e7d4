"""Share images ("posters") for WeChat groups, drawn with Pillow.

The layout is generic: ``poster_render(PosterLines(...))`` takes a handful of
lines and a URL and returns PNG bytes, so any feature can make a poster in the
same style (sessions build theirs in ``sessions/sharing/sessions.py``).

The canvas is 1080 × 1440 (3:4, what WeChat shows uncropped in a chat). A
coloured band at the top holds the kicker (the community) and the label (the
stage); below come the heading, the title, the detail lines; at the bottom the
QR code of ``qr_url`` beside the footer. Every glyph is at least
``MIN_FONT_SIZE`` pixels so it stays readable on a phone. The title shrinks
step by step to fit its space and wraps (any CJK character may end a line, a
Latin word is kept whole) into lines of even length; only a title too long even at the smallest size is
cut, with an ellipsis, after its last line.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field

import qrcode
from PIL import Image, ImageDraw

from .fonts import poster_font

WIDTH, HEIGHT = 1080, 1440
MARGIN = 72
BAND_HEIGHT = 300
QR_SIDE = 320
QR_PADDING = 20
# Noto Sans CJK's ideographs are about 0.9 em high: 36 px keeps them above 30.
MIN_FONT_SIZE = 36
KICKER_SIZE, LABEL_SIZE, HEADING_SIZE = 40, 76, 42
TITLE_SIZES = range(84, 47, -6)  # 84, 78 … 48: tried in turn until it fits
DETAIL_SIZE, FOOTER_SIZE = 42, 36
TITLE_MAX_LINES = 5
DETAIL_MAX_LINES = 2  # per detail
DETAILS_MAX_LINES = 4  # all details together
LINE_SPACING = 1.3
ELLIPSIS = "…"

BACKGROUND = "#fbf8f3"
INK = "#1f2328"
MUTED = "#57606a"
ON_ACCENT = "#ffffff"

# A Latin word, number or URL (kept whole, with the spaces after it), else one
# character: CJK text may break between any two characters.
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,'’:/@#&+_-]*\s*|\s+|.", re.DOTALL)
# Closing punctuation never starts a line; its character moves down with it.
_NO_LINE_START = set("，。、；：！？）》」』】〕…,.;:!?)]}%")


@dataclass(frozen=True)
class PosterLines:
    """What a poster says. Empty strings are left out of the layout.

    ``kicker``: small line at the top (the community's name); ``label``: large
    text in the band (the stage, e.g. 预告); ``heading``: above the title
    (series and episode); ``details``: one entry per line (speaker, time);
    ``footer``: beside the QR code; ``qr_url``: what the QR code holds;
    ``accent``: the band's colour (any Pillow colour string).
    """

    title: str
    qr_url: str
    kicker: str = ""
    label: str = ""
    heading: str = ""
    details: tuple[str, ...] = ()
    footer: str = ""
    accent: str = "#1f6f5c"


@dataclass(frozen=True)
class PlacedText:
    """One line of text on the canvas; ``box`` is its inked (left, top, right,
    bottom) as Pillow measures it."""

    text: str
    xy: tuple[int, int]
    size: int
    color: str
    box: tuple[int, int, int, int]
    role: str


@dataclass
class PosterLayout:
    """Where everything goes; ``poster_render`` draws it."""

    lines: PosterLines
    texts: list[PlacedText] = field(default_factory=list)
    qr_box: tuple[int, int, int, int] = (0, 0, 0, 0)

    def role(self, role: str) -> list[PlacedText]:
        return [text for text in self.texts if text.role == role]


@functools.lru_cache(maxsize=4096)
def _advance(token: str, size: int) -> float:
    return poster_font(size).getlength(token)


def _width(tokens: list[str], size: int) -> float:
    # The sum of token advances: ignores kerning between tokens, which CJK
    # fonts hardly have; the drawn boxes are measured again when placed.
    return sum(_advance(token, size) for token in tokens)


def wrap_text(text: str, size: int, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` at font ``size``."""
    lines: list[list[str]] = []
    line: list[str] = []
    for token in _TOKEN.findall(" ".join(text.split())):
        if _width([*line, token.rstrip()], size) <= width:
            line.append(token)
            continue
        if token[0] in _NO_LINE_START and len(line) > 1:
            lines.append(line[:-1])
            line = [line[-1], token]
            continue
        if "".join(line).strip():
            lines.append(line)
        line = [token.lstrip()]
        while _width([line[0].rstrip()], size) > width:  # a word wider than a line
            cut = _longest_prefix(line[0], poster_font(size), width)
            lines.append([line[0][:cut]])
            line = [line[0][cut:]]
    if "".join(line).strip():
        lines.append(line)
    return ["".join(tokens).strip() for tokens in lines]


def balanced_wrap(text: str, size: int, width: int) -> list[str]:
    """``wrap_text`` on the narrowest width that needs no more lines, so a
    two-line title splits near the middle instead of leaving one character."""
    lines = wrap_text(text, size, width)
    narrow, wide = width // 2, width
    while len(lines) > 1 and wide - narrow > 8:
        middle = (narrow + wide) // 2
        if len(wrap_text(text, size, middle)) > len(lines):
            narrow = middle
        else:
            wide = middle
    return wrap_text(text, size, wide) if len(lines) > 1 else lines


def _longest_prefix(text: str, font, width: int) -> int:
    cut = 1
    while cut < len(text) and font.getlength(text[: cut + 1]) <= width:
        cut += 1
    return cut


def _truncate(lines: list[str], size: int, width: int, max_lines: int) -> list[str]:
    if len(lines) <= max_lines:
        return lines
    font = poster_font(size)
    last = lines[max_lines - 1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1]
    return [*lines[: max_lines - 1], last.rstrip() + ELLIPSIS]


def _wrapped(text: str, size: int, width: int, max_lines: int) -> list[str]:
    return _truncate(wrap_text(text, size, width), size, width, max_lines)


def _line_height(size: int) -> int:
    return round(size * LINE_SPACING)


def _qr_image(url: str) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    modules = code.modules_count
    image = code.make_image(fill_color="black", back_color="white").get_image()
    scale = max(1, (QR_SIDE - 2 * QR_PADDING) // modules)
    return image.convert("L").resize(
        (modules * scale, modules * scale), Image.Resampling.NEAREST
    )


class _Placer:
    """Stacks text lines down the canvas, measuring each with Pillow."""

    def __init__(self, layout: PosterLayout, draw: ImageDraw.ImageDraw):
        self.layout, self.draw = layout, draw

    def add(self, text, *, x, y, size, color, role) -> int:
        box = self.draw.textbbox((x, y), text, font=poster_font(size))
        self.layout.texts.append(
            PlacedText(text, (x, y), size, color, tuple(box), role)
        )
        return y + _line_height(size)

    def add_lines(self, lines, *, x, y, size, color, role) -> int:
        for line in lines:
            y = self.add(line, x=x, y=y, size=size, color=color, role=role)
        return y


def poster_layout(lines: PosterLines) -> PosterLayout:
    """Place every line of ``lines`` on the canvas (no pixels drawn yet)."""
    layout = PosterLayout(lines=lines)
    place = _Placer(layout, ImageDraw.Draw(Image.new("L", (1, 1))))
    text_width = WIDTH - 2 * MARGIN

    if lines.kicker:
        kicker = _wrapped(lines.kicker, KICKER_SIZE, text_width, 1)
        place.add_lines(
            kicker,
            x=MARGIN,
            y=MARGIN - 8,
            size=KICKER_SIZE,
            color=ON_ACCENT,
            role="kicker",
        )
    if lines.label:
        label = _wrapped(lines.label, LABEL_SIZE, text_width, 1)
        place.add_lines(
            label,
            x=MARGIN,
            y=BAND_HEIGHT - MARGIN - LABEL_SIZE,
            size=LABEL_SIZE,
            color=ON_ACCENT,
            role="label",
        )

    y = BAND_HEIGHT + 56
    if lines.heading:
        heading = _wrapped(lines.heading, HEADING_SIZE, text_width, 2)
        y = place.add_lines(
            heading,
            x=MARGIN,
            y=y,
            size=HEADING_SIZE,
            color=lines.accent,
            role="heading",
        )
        y += 16

    details = [
        line
        for detail in lines.details
        if detail
        for line in _wrapped(detail, DETAIL_SIZE, text_width, DETAIL_MAX_LINES)
    ][:DETAILS_MAX_LINES]
    details_height = len(details) * _line_height(DETAIL_SIZE) + (40 if details else 0)
    qr_top = HEIGHT - MARGIN - QR_SIDE
    title_room = qr_top - 48 - details_height - y
    for size in TITLE_SIZES:
        title = balanced_wrap(lines.title, size, text_width)
        if len(title) <= TITLE_MAX_LINES and len(title) * _line_height(size) <= (
            title_room
        ):
            break
    else:
        fitting = max(1, min(TITLE_MAX_LINES, title_room // _line_height(size)))
        title = _truncate(title, size, text_width, fitting)
    y = place.add_lines(title, x=MARGIN, y=y, size=size, color=INK, role="title")
    y = place.add_lines(
        details, x=MARGIN, y=y + 40, size=DETAIL_SIZE, color=MUTED, role="detail"
    )

    layout.qr_box = (MARGIN, qr_top, MARGIN + QR_SIDE, qr_top + QR_SIDE)
    if lines.footer:
        footer_x = MARGIN + QR_SIDE + 48
        footer_width = WIDTH - MARGIN - footer_x
        footer = _wrapped(lines.footer, FOOTER_SIZE, footer_width, 4)
        footer_y = qr_top + (QR_SIDE - len(footer) * _line_height(FOOTER_SIZE)) // 2
        place.add_lines(
            footer, x=footer_x, y=footer_y, size=FOOTER_SIZE, color=MUTED, role="footer"
        )
    return layout


def poster_render(lines: PosterLines) -> bytes:
    """The poster for ``lines`` as PNG bytes (1080 px wide)."""
    layout = poster_layout(lines)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAND_HEIGHT), fill=lines.accent)
    for text in layout.texts:
        draw.text(text.xy, text.text, font=poster_font(text.size), fill=text.color)
    left, top, right, bottom = layout.qr_box
    draw.rectangle(layout.qr_box, fill="white", outline="#d0d7de", width=2)
    code = _qr_image(lines.qr_url)
    image.paste(
        code,
        (
            left + (right - left - code.width) // 2,
            top + (bottom - top - code.height) // 2,
        ),
    )
    # 64 colours keep the antialiased text smooth and the file small (~45 KiB);
    # the fast octree method quantizes in a fraction of the median cut's time.
    output = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(
        output, format="PNG"
    )
    return output.getvalue()
