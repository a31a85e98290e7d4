"""Read a meeting tool's participant export (Tencent Meeting's 参会成员 list).

The export is CSV or XLSX: a few lines about the meeting, then a table with
a name column and join/leave times (one row per join, so someone who
dropped and rejoined appears twice). We find the table by its headings,
merge rows per person and keep the first join and the last leave. Pure
apart from reading the bytes given: no database.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .jielong import name_key, strip_symbols

MAX_BYTES = 5 * 1024 * 1024
HEADER_SEARCH_ROWS = 30

# Headings as Tencent Meeting (Chinese and English UI) and similar tools write them.
NAME_HEADINGS = (
    "用户昵称",
    "入会昵称",
    "参会者",
    "参会人",
    "昵称",
    "姓名",
    "成员",
    "name",
    "participant",
    "user name",
)
JOIN_HEADINGS = ("首次入会时间", "入会时间", "加入时间", "join time", "joined", "join")
LEAVE_HEADINGS = ("最后离会时间", "离会时间", "退出时间", "leave time", "left", "leave")
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)


class ParticipantFileError(ValueError):
    """The file is not a participant list we can read; str() says why."""


@dataclass(frozen=True)
class Participant:
    name: str
    joined_at: datetime | None = None
    left_at: datetime | None = None


def participants_read(data: bytes, *, filename: str, tz) -> list[Participant]:
    """The people in a participant export, in order of first appearance.

    Naive times are read in ``tz`` (the community's time zone).
    """
    if not data:
        raise ParticipantFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ParticipantFileError(_("The file is larger than 5 MB."))
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    header_at, columns = _find_header(rows)
    people: dict[str, Participant] = {}
    for row in rows[header_at + 1 :]:
        name = strip_symbols(_cell(row, columns["name"])).strip()
        if not name:
            continue
        joined = _time(_raw(row, columns["join"]), tz)
        left = _time(_raw(row, columns.get("leave")), tz)
        key = name_key(name) or name
        before = people.get(key)
        if before is not None:
            joined = min(filter(None, [before.joined_at, joined]), default=None)
            left = max(filter(None, [before.left_at, left]), default=None)
            name = before.name
        people[key] = Participant(name=name[:80], joined_at=joined, left_at=left)
    if not people:
        raise ParticipantFileError(
            _("The file has the participant headings but no participants under them.")
        )
    return list(people.values())


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ParticipantFileError(
            _("This is not a readable Excel file (.xlsx).")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[list]:
    # Tencent Meeting writes UTF-8 with a BOM; older exports and Excel re-saves use GBK.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ParticipantFileError(_("The file is neither UTF-8 nor GBK text."))
    if "\x00" in text:
        raise ParticipantFileError(_("This looks like a binary file, not CSV or XLSX."))
    return list(csv.reader(io.StringIO(text)))


def _find_header(rows) -> tuple[int, dict[str, int]]:
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [_heading(value) for value in row]
        name = _column(cells, NAME_HEADINGS, avoid="会议")
        join = _column(cells, JOIN_HEADINGS)
        if name is not None and join is not None and name != join:
            columns = {"name": name, "join": join}
            leave = _column(cells, LEAVE_HEADINGS)
            if leave is not None and leave not in (name, join):
                columns["leave"] = leave
            return at, columns
    raise ParticipantFileError(
        _(
            "No participant table found. The file needs a name column (用户昵称 or "
            "姓名) and a join time column (入会时间); export the 参会成员 list "
            "from the meeting's details."
        )
    )


def _heading(value) -> str:
    return str(value or "").strip().casefold()


def _column(cells, headings, avoid="") -> int | None:
    for heading in headings:
        for index, cell in enumerate(cells):
            if cell == heading:
                return index
    for heading in headings:
        for index, cell in enumerate(cells):
            if heading in cell and not (avoid and avoid in cell):
                return index
    return None


def _raw(row, index):
    if index is None or index >= len(row):
        return None
    return row[index]


def _cell(row, index) -> str:
    value = _raw(row, index)
    return "" if value is None else str(value)


def _time(value, tz) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        parsed = None
        for fmt in TIME_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            return None  # a time we cannot read is left out, the person is kept
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed
