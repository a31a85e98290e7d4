"""Share posters: PNG images for WeChat groups (see posters.py for the layout)."""
