from .chat_imports import ChatImportJob  # noqa: F401
from .chat_pages import ChatArchiveIndexPage  # noqa: F401
from .chats import ChatArchive, ChatMessage, MessageKind, Platform, Privacy  # noqa: F401
from .members import Activity, InviteCode, MemberProfile  # noqa: F401
from .posts import (  # noqa: F401
    KnowledgeIndexPage,
    KnowledgePostPage,
    KnowledgePostPageTag,
    PostReviewTask,
)
