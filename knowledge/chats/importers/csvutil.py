"""Reading CSV exports row by row with line numbers and clear errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator


def csv_rows(source) -> Iterator[tuple[int, list[str]]]:
    """(line number where the row starts, fields) for every row after the header."""
    stream = source.text_stream(newline="")
    reader = csv.reader(stream)
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
        raise source.error(f"expected a well-formed CSV row ({exc})", line) from exc
    finally:
        stream.detach()


def header_of(head: str) -> list[str]:
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    return next(csv.reader([first]), [])
