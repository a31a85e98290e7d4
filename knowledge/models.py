"""The app's models, re-exported from its sub-packages.

Models live beside the code of their domain (``members/``, ``posts/``,
``chats/``, ``faq/``); importing them here keeps the ``knowledge`` app label and its
migrations where they were.
"""

from .chats.jobs import ChatImportJob  # noqa: F401
from .chats.models import (  # noqa: F401
    ChatArchive,
    ChatMessage,
    MessageKind,
    Platform,
    Privacy,
)
from .chats.pages import ChatArchiveIndexPage  # noqa: F401
from .chats.staging import StagedChatMessage  # noqa: F401
from .digest.models import DigestIndexPage, DigestPage  # noqa: F401
from .faq.models import (  # noqa: F401
    FaqCardPage,
    FaqCardPageTag,
    FaqIndexPage,
    FaqSource,
)
from .members.models import Activity, InviteCode, MemberProfile  # noqa: F401
from .posts.models import (  # noqa: F401
    KnowledgeIndexPage,
    KnowledgePostPage,
    KnowledgePostPageTag,
    PostReviewTask,
)
