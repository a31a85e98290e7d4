from .pages import HomePage, StandardPage
from .settings import CommunitySettings

__all__ = ["CommunitySettings", "HomePage", "StandardPage"]
