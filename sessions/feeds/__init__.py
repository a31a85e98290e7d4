"""RSS and Atom feeds of sessions and recaps; ``base`` is the shared base."""
