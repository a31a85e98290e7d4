"""Property tests: every importer, given arbitrary bytes or a mutated valid
export, either imports or raises ChatFormatError having written nothing.

Example counts come from the Hypothesis profile in tests/conftest.py.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.chats.importers import ChatFormatError
from knowledge.chats.services import chat_import
from knowledge.models import ChatArchive, ChatMessage

from .chat_support import FIXTURES

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

SAMPLES = {
    "qq": "qq_basic.txt",
    "wechat-csv": "wechat_v1.csv",
    "wechat-txt": "wechat_v1.txt",
    "telegram": "telegram_result.json",
    "csv": "plain.csv",
}
# Pieces that broke importers before, or sit on a format's edges.
TRICKY = [
    b'"',
    b"\n",
    b"\r",
    b"\x00",
    b"{",
    b"[" * 3000,
    b"]",
    b"}",
    b",",
    b"\\x1",
    b"\\ud800",
    b"99999999999999999999",
    b"-1",
    b"1e400",
    b"null",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "长".encode(),
    "长".encode("gb18030"),
    b"=" * 64 + b"\n",
    b"2024-02-30 25:61:61 ",
]


@st.composite
def mutated(draw, sample: bytes) -> bytes:
    """A valid export with a few random edits: inserts, deletions, repeats, cuts."""
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["insert", "delete", "repeat", "cut", "flip"]))
        if edit == "insert":
            data[at:at] = draw(st.sampled_from(TRICKY) | st.binary(max_size=8))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif edit == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        elif edit == "cut":
            del data[at:]
        elif data and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


def stored() -> tuple[int, int]:
    return ChatArchive.objects.count(), ChatMessage.objects.count()


def import_or_refuse(data: bytes, format: str) -> None:
    """The property: a clean import, or ChatFormatError and nothing stored.

    Any other exception fails the test (and Hypothesis shrinks the input).
    """
    before = stored()
    try:
        chat_import(file=BytesIO(data), filename=f"fuzz.{format}", format=format)
    except ChatFormatError as error:
        assert str(error).startswith(f"fuzz.{format}")
        assert stored() == before


@pytest.mark.parametrize("format", [*SAMPLES, ""])
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_import_or_fail_with_a_format_error(format, data):
    import_or_refuse(data, format)


@pytest.mark.parametrize("format", SAMPLES)
@given(data=st.data())
def test_mutated_exports_import_or_fail_with_a_format_error(format, data):
    sample = (FIXTURES / SAMPLES[format]).read_bytes()
    import_or_refuse(data.draw(mutated(sample)), format)
