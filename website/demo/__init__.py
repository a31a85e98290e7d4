"""Original demo content for a fictional community, placed relative to now.

Each module contributes one part and is idempotent: running the loader twice
creates nothing new. Parts run in the order below; later parts may rely on
what earlier ones created (looked up by slug or name, never by id).
"""

from importlib import import_module

PARTS = [
    "website.demo.community",
    "website.demo.chats",
    "website.demo.members",
    "website.demo.attendance",
    "website.demo.deposits",
    "website.demo.digest",
]


def load_all(*, now, stdout=None):
    for dotted in PARTS:
        import_module(dotted).load(now=now, stdout=stdout)
