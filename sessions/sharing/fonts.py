"""The CJK font posters are drawn with.

Decision: the font arrives with pip, so ``pip install -r requirements.txt`` on a
machine with only Python and git draws Chinese: ``noto-cjk-sans-otc`` carries
Noto Sans CJK (SIL Open Font License 1.1, redistribution allowed) and is a
runtime dependency. A project may name another font file in
``CHENDIAN_POSTER_FONT`` (a path, or ``(path, face index)`` for a collection);
without the package we fall back to Debian's CJK fonts, and with none of them
we say what to install instead of drawing empty boxes.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from PIL import ImageFont

# Face 2 of the Noto Sans CJK collection is the Simplified Chinese one (SC).
NOTO_PACKAGE, NOTO_FILE, NOTO_SC_INDEX = (
    "noto_cjk_sans_otc",
    "NotoSansCJK-Regular.ttc",
    2,
)

# Debian packages fonts-noto-cjk and fonts-wqy-microhei / fonts-wqy-zenhei.
SYSTEM_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", NOTO_SC_INDEX),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)


def poster_font_file() -> tuple[str, int]:
    """The font file and face index to draw posters with (see the module doc)."""
    configured = getattr(settings, "CHENDIAN_POSTER_FONT", None)
    if configured:
        path, index = (
            (configured, 0) if isinstance(configured, str | Path) else configured
        )
        if not Path(path).is_file():
            raise ImproperlyConfigured(f"CHENDIAN_POSTER_FONT: no file at {path}")
        return str(path), int(index)
    try:
        bundled = resources.files(NOTO_PACKAGE) / NOTO_FILE
        if bundled.is_file():
            return str(bundled), NOTO_SC_INDEX
    except ModuleNotFoundError:
        pass
    for path, index in SYSTEM_FONTS:
        if Path(path).is_file():
            return path, index
    raise ImproperlyConfigured(
        "Posters need a CJK font: pip install noto-cjk-sans-otc (in "
        "requirements.txt), apt-get install fonts-noto-cjk, or set "
        "CHENDIAN_POSTER_FONT to a font file."
    )


@functools.lru_cache(maxsize=32)
def poster_font(size: int) -> ImageFont.FreeTypeFont:
    """The poster font at ``size`` pixels, loaded once per size."""
    path, index = poster_font_file()
    return ImageFont.truetype(path, size, index=index)
