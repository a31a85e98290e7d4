"""Chat export importers: one module per format behind a small registry.

A new format is one new module that subclasses ``ChatImporter`` and is
decorated with ``@register``; list it in ``FORMAT_MODULES`` so it loads.
Detection asks each importer's ``sniff`` in registration order.
"""

from __future__ import annotations

import importlib

from .base import ChatFormatError, ChatImporter, ParsedMessage, TextSource

__all__ = [
    "ChatFormatError",
    "ChatImporter",
    "ParsedMessage",
    "TextSource",
    "detect_format",
    "get_importer",
    "importer_names",
    "register",
]

#: Most specific first: detection takes the first importer that recognises the file.
FORMAT_MODULES = ["telegram", "wechat_csv", "csv", "qq", "wechat_txt"]

_importers: dict[str, ChatImporter] = {}


def register(importer_class: type[ChatImporter]) -> type[ChatImporter]:
    _importers[importer_class.name] = importer_class()
    return importer_class


def _load():
    for module in FORMAT_MODULES:
        importlib.import_module(f"{__name__}.{module}")


def importer_names() -> list[str]:
    _load()
    return list(_importers)


def get_importer(name: str) -> ChatImporter:
    _load()
    try:
        return _importers[name]
    except KeyError:
        raise ValueError(
            f"unknown format {name!r}; choose one of: {', '.join(_importers)}"
        ) from None


def detect_format(source: TextSource) -> ChatImporter:
    """The importer that recognises the file's start, or a ChatFormatError."""
    _load()
    for importer in _importers.values():
        if importer.sniff(source.head):
            return importer
    raise ChatFormatError(
        source.filename,
        None,
        "the format was not recognised; expected a QQ text export, a WeChatMsg/MemoTrace "
        "or PyWxDump CSV/TXT, a Telegram result.json, or a CSV whose header names "
        "time, sender and text columns. Pass --format to choose one.",
    )
