"""The digest as paste-ready text for the group chat: at most 500 characters,
the link to the full digest always included."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

TEXT_LIMIT = 500
TITLE_LIMIT = 30  # one long title must not crowd out the rest


def digest_text(*, page, link: str, limit: int = TEXT_LIMIT) -> str:
    """The page's sections as lines, shortened until the text fits ``limit``.

    Read from the page as the editors left it. When it is too long, the
    section showing most items gives up its last one ("…还有 N 条") until it
    fits; a section keeps at least one item, and sections are dropped from
    the end only if even that is too long. Written in the community's
    language, like the sessions' group messages.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _compose(page, link, limit)


def _compose(page, link: str, limit: int) -> str:
    sections = [
        (block.value["heading"], [_short(i["title"]) for i in _shown(block)])
        for block in page.body
        if block.block_type == "section"
    ]
    sections = [(heading, titles) for heading, titles in sections if titles]
    shown = [len(titles) for _heading, titles in sections]
    head = f"【{_short(page.title, 60)}】"
    tail = _("Read it all: %(link)s") % {"link": link}

    def compose():
        lines = [head]
        for (heading, titles), count in zip(sections, shown, strict=False):
            line = f"▸ {heading}：{'；'.join(titles[:count])}"
            if count < len(titles):
                line += _("…and %(n)s more") % {"n": len(titles) - count}
            lines.append(line)
        lines.append(tail)
        return "\n".join(lines)

    text = compose()
    while len(text) > limit and sections:
        widest = max(range(len(shown)), key=lambda i: shown[i])
        if shown[widest] > 1:
            shown[widest] -= 1
        else:
            sections.pop()
            shown.pop()
        text = compose()
    if len(text) > limit:  # only a title and a link longer than the limit
        text = text[: max(0, limit - len(tail) - 2)] + "…\n" + tail
    return text


def _shown(block):
    return [item for item in block.value["items"] if item.is_shown()]


def _short(text: str, limit: int = TITLE_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
