"""Helpers shared by the chat archive tests."""

from __future__ import annotations

from pathlib import Path

from knowledge.chats.services import chat_import

FIXTURES = Path(__file__).parent / "chat_fixtures"


def import_fixture(name: str, **options):
    """Import one fixture file through the same service the command and admin use."""
    with (FIXTURES / name).open("rb") as file:
        return chat_import(file=file, filename=name, **options)
