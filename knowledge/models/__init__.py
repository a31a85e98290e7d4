from .chat_imports import ChatImportJob  # noqa: F401
from .chat_pages import ChatArchiveIndexPage  # noqa: F401
from .chats import ChatArchive, ChatMessage, MessageKind, Platform, Privacy  # noqa: F401
