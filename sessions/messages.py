"""Ready-to-paste group messages, one per stage a session enters.

Plain text for WeChat/QQ: no Markdown, short, the link on its own line.
Organisers may rewrite each template in the community settings; these are the
defaults. Placeholders use ``{name}``; an unknown one is left visible rather
than breaking the message.
"""

from __future__ import annotations

import string

from django.conf import settings
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .community.conf import community_settings, community_timezone
from .lifecycle import Stage

MAX_LENGTH = 500

PLACEHOLDERS = {
    "title": _("session title"),
    "series": _("series title"),
    "episode": _("“第N期”, or nothing"),
    "speaker": _("speakers (or the host)"),
    "time": _("local start time with weekday"),
    "join_link": _("join link"),
    "url": _("session page"),
    "question_link": _("where to send questions"),
    "recap_link": _("the recap"),
    "reason": _("why it was postponed or cancelled"),
    "community": _("community name"),
}

# The stages that get a message, with the settings field that overrides it.
MESSAGE_FIELDS = {
    Stage.ANNOUNCED: "message_announced",
    Stage.COLLECTING_QUESTIONS: "message_collecting_questions",
    Stage.WARM_UP: "message_warm_up",
    Stage.LIVE: "message_live",
    Stage.ARCHIVED: "message_archived",
    Stage.CANCELLED: "message_cancelled",
}

DEFAULT_TEMPLATES = {
    Stage.ANNOUNCED: (
        "【预告】{series}{episode}\n{title}\n嘉宾：{speaker}\n时间：{time}\n"
        "参与方式：{join_link}\n详情和提问入口：\n{url}"
    ),
    Stage.COLLECTING_QUESTIONS: (
        "【问题征集】{title}\n{time} 开讲。想问{speaker}什么？"
        "现在就可以提交，直播结束前都有效。\n{question_link}"
    ),
    Stage.WARM_UP: (
        "【预热】{title} 即将开始（{time}）。\n先看看预热材料，带着问题来：\n{url}"
    ),
    Stage.LIVE: "【直播中】{title} 已经开始！\n入口：{join_link}\n实时笔记：\n{url}",
    Stage.ARCHIVED: "【回顾】{title} 的回顾整理好了：要点、问答和资源都在里面。\n{recap_link}",
    Stage.CANCELLED: (
        "【取消通知】原定 {time} 的「{title}」取消。\n原因：{reason}\n"
        "后续安排请关注：\n{url}"
    ),
}


class TemplateError(ValueError):
    pass


def check_template(text: str) -> None:
    """Raise TemplateError if ``text`` has malformed braces or unknown placeholders."""
    try:
        names = {
            name for _, name, _, _ in string.Formatter().parse(text) if name is not None
        }
    except ValueError as error:
        raise TemplateError(
            gettext(
                "Unbalanced braces: write {title}, and {{ or }} for a literal brace."
            )
        ) from error
    unknown = sorted(name for name in names if name not in PLACEHOLDERS)
    if unknown:
        raise TemplateError(
            gettext("Unknown placeholders: %(names)s. Known: %(known)s.")
            % {
                "names": ", ".join(f"{{{n}}}" for n in unknown),
                "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            }
        )


class _LeaveUnknown(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def message_template(stage: Stage, *, site=None) -> str:
    chosen = community_settings(site)
    field = MESSAGE_FIELDS.get(stage)
    custom = getattr(chosen, field, "") if (chosen is not None and field) else ""
    return (custom or "").strip() or DEFAULT_TEMPLATES.get(stage, "")


def placeholder_values(session, *, base_url: str) -> dict[str, str]:
    site = session.get_site()
    tz = community_timezone(site)
    with translation.override(settings.LANGUAGE_CODE):
        # Translators: a Django date format (see the "date" template filter).
        when = dateformat.format(
            timezone.localtime(session.start, tz), gettext("D j M, H:i")
        )
    url = base_url.rstrip("/") + session.url if session.url else ""
    people = [p.name for p in session.speaker_people] or (
        [session.host.name] if session.host else []
    )
    series = session.series
    chosen = community_settings(site)
    return {
        "title": session.title,
        "series": getattr(series, "title", ""),
        "episode": f" 第{session.episode}期" if session.episode else "",
        "speaker": "、".join(people) or "嘉宾",
        "time": when,
        "join_link": session.join_url or url,
        "url": url,
        "question_link": f"{url}#questions",
        "recap_link": f"{url}#recap",
        "reason": session.status_reason,
        "community": getattr(chosen, "community_name", ""),
    }


def render_message(session, stage: Stage, *, base_url: str) -> str:
    """The group message announcing that ``session`` entered ``stage``."""
    template = message_template(stage, site=session.get_site())
    if not template:
        return ""
    values = _LeaveUnknown(placeholder_values(session, base_url=base_url))
    try:
        return template.format_map(values).strip()
    except (ValueError, IndexError, AttributeError):
        # A template saved before validation existed: show it as written.
        return template


def messages_for(session, *, base_url: str) -> list[tuple[Stage, str]]:
    """Every stage's message for one session (cancelled ones get only theirs)."""
    stages = (
        [Stage.CANCELLED]
        if session.is_cancelled
        else [s for s in MESSAGE_FIELDS if s != Stage.CANCELLED]
    )
    return [
        (stage, render_message(session, stage, base_url=base_url)) for stage in stages
    ]
