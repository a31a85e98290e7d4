"""Reading CSV exports row by row with line numbers and clear errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator


def csv_rows(source) -> Iterator[tuple[int, list[str]]]:
    """(line number where the row starts, fields) for every row after the header."""
    stream = source.text_stream(newline="")
    # strict: an unterminated quote is an error, not one field that swallows
    # the rest of the file.
    reader = csv.reader(stream, strict=True)
    line = 1
    try:
        next(reader, None)
        line = reader.line_num + 1
        for row in reader:
            source.lineno = line
            row = [
                value.replace("\r\n", "\n") if "\r" in value else value for value in row
            ]
            yield line, row
            line = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise source.decode_error(exc, line) from exc
    except csv.Error as exc:
        raise source.error(csv_problem(exc), line) from None
    finally:
        stream.detach()


def csv_problem(exc: csv.Error) -> str:
    """What was expected, in words, for the csv module's terse errors."""
    reason = str(exc)
    if "unexpected end of data" in reason:
        return (
            'a quoted field is never closed; expected a closing quote (") '
            "before the end of the file"
        )
    if "field larger than field limit" in reason:
        return (
            f"a field is longer than {csv.field_size_limit()} characters; "
            "expected chat messages (is this a chat export?)"
        )
    return f"expected a well-formed CSV row ({reason})"


def header_of(head: str) -> list[str]:
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    try:
        return next(csv.reader([first]), [])
    except csv.Error:  # binary garbage: no header any CSV format recognises
        return []
