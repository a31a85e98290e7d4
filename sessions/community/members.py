"""How a member is named on the site: the one rule every app uses.

A member's display name lives on their profile (in the app that keeps
member profiles) and is mirrored to the account's first name, so apps that do not know the profile
model (``sessions``) read it from the account alone.
"""

from __future__ import annotations


def display_name(user) -> str:
    """The name the site shows for ``user``: their display name, else the user name."""
    return user.get_full_name() or user.get_username()
