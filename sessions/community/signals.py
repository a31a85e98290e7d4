"""Signals other apps can listen to without the sessions app knowing them.

``member_activity`` is sent after a member does something worth counting
(the app that keeps member activity records it): ``member`` is the member it
counts for, ``verb`` one of "asked", "voted", "answered", "attended",
``target`` the object (the session, for "attended"), ``by`` who did it when
not the member (the moderator who answered, the organiser who checked in).
"""

from django.dispatch import Signal

member_activity = Signal()
