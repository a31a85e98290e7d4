"""The generic poster renderer: size, QR code, readable text, nothing clipped."""

import io

import pytest
import zxingcpp
from PIL import Image

from sessions.sharing.posters import (
    HEIGHT,
    MARGIN,
    WIDTH,
    PosterLines,
    poster_layout,
    poster_render,
)

URL = "https://chendian.example/sessions/tools/notion-kb/"
LONG_TITLE = (
    "用 Notion 搭建社群知识库：从零到一的完整实践，以及我们踩过的那些坑和后来"
    "找到的解决办法，还有三个月后回头看的复盘与反思"
)


def lines(**changes):
    fields = {
        "title": "社群知识库的搭建实践",
        "qr_url": URL,
        "kicker": "沉淀学习社",
        "label": "预告",
        "heading": "工具实践 · 第12期",
        "details": ("嘉宾：林晓、周明远", "时间：12月8日 星期二 20:00"),
        "footer": "扫码查看详情，提前提交你的问题",
    } | changes
    return PosterLines(**fields)


def as_image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def wrapped_title(title):
    return [text.text for text in poster_layout(lines(title=title)).role("title")]


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_poster_is_a_1080_by_1440_png():
    image = as_image(poster_render(lines()))
    assert (image.format, image.size) == ("PNG", (1080, 1440))


def test_poster_qr_code_decodes_back_to_the_url():
    results = zxingcpp.read_barcodes(as_image(poster_render(lines())))
    assert [result.text for result in results] == [URL]


@pytest.mark.parametrize("title", ["短标题", LONG_TITLE, LONG_TITLE * 4])
def test_every_line_of_text_is_at_least_28_px_high(title):
    layout = poster_layout(lines(title=title))
    assert layout.texts
    heights = {text.text: text.box[3] - text.box[1] for text in layout.texts}
    assert min(heights.values()) >= 28, heights


@pytest.mark.parametrize("title", ["短标题", LONG_TITLE, LONG_TITLE * 4])
def test_no_text_lies_outside_the_canvas_or_over_the_qr_code(title):
    layout = poster_layout(lines(title=title, details=("嘉宾：" + "林晓、" * 40,) * 3))
    for text in layout.texts:
        left, top, right, bottom = text.box
        assert 0 <= left and right <= WIDTH - MARGIN + 4, text
        assert 0 <= top and bottom <= HEIGHT, text
        assert not overlaps(text.box, layout.qr_box), text
    boxes = [text.box for text in layout.texts]
    for i, box in enumerate(boxes):
        assert not any(overlaps(box, other) for other in boxes[i + 1 :])


def test_no_ink_reaches_the_side_margins_below_the_band():
    image = as_image(poster_render(lines(title=LONG_TITLE))).convert("RGB")
    background = image.getpixel((5, HEIGHT // 2))
    for x in [*range(0, MARGIN - 8), *range(WIDTH - MARGIN + 8, WIDTH)]:
        column = {image.getpixel((x, y)) for y in range(320, HEIGHT)}
        assert column == {background}, x


def test_a_60_character_title_wraps_onto_several_lines_without_losing_text():
    title = LONG_TITLE[:60]
    title_lines = wrapped_title(title)
    assert len(title_lines) >= 3
    assert "".join(title_lines).replace(" ", "") == title.replace(" ", "")


def test_latin_words_are_not_broken_across_lines():
    title = "Notion Obsidian Logseq Readwise Zotero 与 Anki 的知识管理工作流对比"
    title_lines = wrapped_title(title)
    words = {word for line in title_lines for word in line.split()}
    for word in ("Notion", "Obsidian", "Logseq", "Readwise", "Zotero", "Anki"):
        assert any(word in w for w in words), title_lines


def test_a_title_too_long_for_the_poster_ends_with_an_ellipsis():
    title_lines = poster_layout(lines(title=LONG_TITLE * 4)).role("title")
    assert title_lines[-1].text.endswith("…")
    assert len(title_lines) <= 5


def test_closing_punctuation_never_starts_a_line():
    for title in (LONG_TITLE, "，。".join(["一二三四五六七八九十"] * 6)):
        for text in poster_layout(lines(title=title)).role("title"):
            assert text.text[0] not in "，。：、", text.text
