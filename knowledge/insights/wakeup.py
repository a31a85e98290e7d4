"""The paste-ready message that invites dormant members back."""

from __future__ import annotations

MENTION_LIMIT = 30


def wake_up_message(*, names: list[str], weeks: int) -> str:
    """A friendly group message @-mentioning members who went quiet ("" if none)."""
    if not names:
        return ""
    shown = " ".join(f"@{name}" for name in names[:MENTION_LIMIT])
    if len(names) > MENTION_LIMIT:
        shown += f" 等 {len(names)} 位"
    you = "你们" if len(names) > 1 else "你"
    return (
        f"{shown}\n好久不见！最近 {weeks} 周没在群里看到{you}，挺想念的。"
        "这周的分享和往期回顾都在网站上，挑一个感兴趣的来听听吧；"
        "有想聊的话题也欢迎直接在群里说。"
    )
