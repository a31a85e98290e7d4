"""Admin wiring for knowledge; each domain registers its own in its package."""

from .chats import wagtail_hooks as chats_hooks  # noqa: F401
from .faq import wagtail_hooks as faq_hooks  # noqa: F401
from .insights import wagtail_hooks as insights_hooks  # noqa: F401
from .members import wagtail_hooks as members_hooks  # noqa: F401
from .posts import wagtail_hooks as posts_hooks  # noqa: F401
