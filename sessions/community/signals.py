"""Signals other apps can listen to without the sessions app knowing them.

``member_activity`` is sent after a member does something worth counting
(the app that keeps member activity records it): ``member`` is the member it
counts for, ``verb`` one of "asked", "voted", "answered", ``target`` the
object, ``by`` who did it when not the member (the moderator who answered).
"""

from django.dispatch import Signal

member_activity = Signal()
