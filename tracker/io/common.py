"""What every data format shares: errors for people, the import report, safe file reading,
and the flattening of actors, tags and dates into text and back.

Every problem a file can have becomes a DataFileError (the file cannot be read at all) or
a RecordError (one record is wrong); both name the file or the record and the field, so
the CLI and the GUI can show them as they are, never as a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.model.dateparse import DateSpan, parse_date
from tracker.model.entities import Participation
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, STATUSES

Progress = Callable[[int, int], bool]
MAX_BYTES = 200 * 2**20
SUMMARY_REJECTIONS = 5  # rejections named in the one-line summary; the report keeps all


class DataFileError(ValueError):
    """A file that cannot be imported at all (or an import stopped at its first bad record).

    The message names the file, and the line or record and the field when there is one.
    """


class ImportAborted(DataFileError):
    """"Abort on first error" met a bad record; nothing was imported."""

    def __init__(self, message: str, rejection: Rejection) -> None:
        super().__init__(message)
        self.rejection = rejection


class Cancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


class RecordError(ValueError):
    """One record is wrong in one field; the importer turns it into a Rejection."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Rejection:
    where: str  # "line 7", "event 3"
    field: str  # "date_text", "title", "DTSTART"
    message: str

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    present: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    cancelled: bool = False
    other: dict[str, int] = field(default_factory=dict)  # "sources": 1, "links": 6, ...
    matched: list[str] = field(default_factory=list)  # "“Summit” (27–28 Feb 2019, same id)"

    def summary(self) -> str:
        """One line: "12 added, 3 matched existing events (skipped): “A” (…), …, 1 rejected:
        line 7, date_text: …"."""
        if self.cancelled:
            return "Import cancelled; nothing was changed."
        text = f"{self.added} added, {self.present} matched existing events (skipped)"
        if self.matched:
            more = len(self.matched) - SUMMARY_REJECTIONS
            text += (": " + "; ".join(self.matched[:SUMMARY_REJECTIONS])
                     + (f"; and {more} more" if more > 0 else ""))
        text += f", {len(self.rejected)} rejected"
        if self.rejected:
            shown = "; ".join(str(r) for r in self.rejected[:SUMMARY_REJECTIONS])
            more = len(self.rejected) - SUMMARY_REJECTIONS
            text += f": {shown}" + (f"; and {more} more" if more > 0 else "")
        extras = [_plural(n, what) for what, n in self.other.items() if n]
        if extras:
            text += " (also " + ", ".join(extras) + ")"
        return text


def _plural(n: int, what: str) -> str:
    """"1 source", "6 links", "2 excerpts not attached (…)": the first word takes the s."""
    first, _, rest = what.partition(" ")
    return f"{n} {first}{'s' if n != 1 else ''}" + (f" {rest}" if rest else "")


# -- reading files -----------------------------------------------------------------------

def check_size(path: Path) -> None:
    """Refuse huge files by their size, before reading a byte of them; and anything that
    is not a regular file (/dev/zero or a pipe has no size and may never end)."""
    try:
        size = path.stat().st_size
        regular = path.is_file()
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not regular:
        raise DataFileError(f"{path} is not a regular file (it is a device, a pipe or a "
                            "folder); there is nothing to import from it.")
    if size > MAX_BYTES:
        raise DataFileError(f"{path} is {size / 2**20:.0f} MB; files over "
                            f"{MAX_BYTES // 2**20} MB are not imported. Split it into smaller files.")


# Byte-order marks of the encodings spreadsheets save "Unicode text" in (UTF-32 first:
# its little-endian mark begins with UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def read_text(path: Path, what: str) -> str:
    """The file as text, or a DataFileError saying why it is not a readable ``what`` file."""
    check_size(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # a file that grew since: never more than this
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES:
        raise DataFileError(f"{path} is over {MAX_BYTES // 2**20} MB; files that big are not "
                            "imported. Split it into smaller files.")
    if not data.strip():
        raise DataFileError(f"{path} is empty; there is nothing to import.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise DataFileError(f"{path} is {encoding} text, not UTF-8. Save it as UTF-8 and "
                                "import it again.")
    if b"\x00" in data[:65536]:
        raise DataFileError(f"{path} is a binary file, not a {what} file (it contains NUL bytes).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}: line {line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
            f"cannot be read). Save it as UTF-8 and import it again.") from None
    return text


# Bounds on what one file may ask of memory and time, checked on the text before it is
# parsed: Python's JSON and CSV readers take a few hundred bytes per object or cell, so a
# 20 MB file of empty records ("{},{},…") or a header of a million columns would take
# gigabytes. A real export holds a few hundred bytes per event (about a hundred per JSON
# object) and a dozen columns, so a JSON file is judged by its objects' average size.
MAX_RECORDS = 2_000_000
MAX_COLUMNS = 1_000
MIN_OBJECT_BYTES = 40  # on average, in a JSON file of more than FEW_OBJECTS objects
FEW_OBJECTS = 100_000


def check_shape(path: Path, text: str, fmt: str) -> None:
    """Refuse a file with more records (or CSV columns) than any real file has."""
    if fmt == "json":
        count, what = text.count("{"), "objects"
        if count > FEW_OBJECTS and len(text) < count * MIN_OBJECT_BYTES:
            raise DataFileError(
                f"{path} holds about {count:,} objects of {len(text) // count} characters on "
                f"average; a tracker or TimelineJS file's are a hundred or more. It was not "
                "imported (reading it would take gigabytes of memory).")
    elif fmt == "csv":
        count, what = text.count("\n"), "lines"
        header = text[:text.find("\n")] if "\n" in text else text
        if header.count(",") >= MAX_COLUMNS:
            raise DataFileError(f"{path}: line 1 has {header.count(',') + 1:,} columns; a "
                                f"tracker file has a dozen, and at most {MAX_COLUMNS:,} are "
                                "read. Is it the right file?")
    else:
        count, what = text.count("BEGIN:VEVENT"), "events"
    if count > MAX_RECORDS:
        raise DataFileError(f"{path} holds about {count:,} {what}; at most {MAX_RECORDS:,} "
                            "are imported from one file. Split it into smaller files.")


# -- flattening --------------------------------------------------------------------------

def format_actors(actors: list[Participation]) -> str:
    return "; ".join(f"{p.actor} ({p.role})" for p in actors)


_ROLE_RX = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]*)\)$")


def parse_actors(text: str, field_name: str = "actors") -> list[Participation]:
    """"Name (role); Name" → participations; an unknown role is an error naming it."""
    out: list[Participation] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, role = part, "participant"
        m = _ROLE_RX.match(part)
        if m:
            name, role = m["name"].strip(), lookup(ACTOR_ROLES, m["role"], f"role of {m['name']!r}",
                                                  field_name)
        if not name:
            raise RecordError(field_name, f"{part!r} has no name")
        if all((p.actor, p.role) != (name, role) for p in out):
            out.append(Participation(name, role))
    return out


def parse_tags(text: str) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in text.split(";") if t.strip()))


def lookup(vocabulary: dict[str, str], value: str, what: str, field_name: str) -> str:
    """A vocabulary word given as its key or its label, in any case."""
    wanted = value.strip().casefold()
    for key, label in vocabulary.items():
        if wanted in (key.casefold(), label.casefold()):
            return key
    raise RecordError(field_name, f"{what} {value.strip()!r} is not known; use one of: "
                                  f"{', '.join(vocabulary)}")


def status_of(value: str, field_name: str = "status") -> str:
    return lookup(STATUSES, value, "status", field_name) if value.strip() else "occurred"


def type_of(value: str, field_name: str = "type") -> str:
    return lookup(EVENT_TYPES, value, "type", field_name) if value.strip() else "other"


# -- dates -------------------------------------------------------------------------------

def short_date_error(exc: DateError) -> str:
    """A parser message without its list of examples: it is going into a one-line summary."""
    return str(exc).split(" Try: ")[0].rstrip(".")


def window_precision(a: dt.date, b: dt.date) -> str:
    """The precision a bare window implies when a format does not say it."""
    if a == b:
        return "day"
    whole_months = a.day == 1 and (b + dt.timedelta(days=1)).day == 1
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    if whole_months and months == 1:
        return "month"
    if whole_months and months == 12 and a.month == 1:
        return "year"
    if whole_months and months == 3 and a.month % 3 == 1:
        return "quarter"
    if whole_months and months < 12:
        return "season"
    if whole_months and months == 120 and a.month == 1 and a.year % 10 == 0:
        return "decade"
    return "week" if (b - a).days == 6 and a.weekday() == 0 else "days"


def words_for_window(words: str, a: dt.date, b: dt.date) -> DateSpan | None:
    """What ``words`` mean, if that is exactly the window a..b (read relative to ``a``)."""
    if not words:
        return None
    try:
        span = parse_date(words, reference=a)
    except DateError:
        return None
    hi = span.end.latest if span.end else span.start.latest
    return span if (span.start.earliest, hi) == (a, b) else None


def dates_from_window(words: str, a: dt.date, b: dt.date,
                      precision: str | None) -> tuple[FuzzyDate, FuzzyDate | None]:
    """The event's dates from a format that stores a window plus the original words.

    The words ("near the end of February") are read with the date parser and win when
    they mean exactly the stored window, because they also carry the precision and a
    range's structure. When they mean something else (words such as "last summer" or
    "Friday" were relative to the article, not to today), the stored window wins and the
    words are kept as words.
    """
    span = words_for_window(words, a, b)
    if span is not None:
        if span.end is None and precision and precision != span.start.precision:
            return FuzzyDate(a, b, precision, words), None
        return span.start, span.end
    if precision == "day" and a != b:
        precision = None
    return FuzzyDate(a, b, precision or window_precision(a, b), words), None


def credit(outlet: str, title: str, published_at: str) -> str:
    """"Hindustan Times, “Donald Trump, …”, 19 Jan 2019": who reported a quote, and when."""
    from tracker.model.fuzzydate import format_day

    parts = [p for p in (outlet, f"“{title}”" if title else "") if p]
    with contextlib.suppress(ValueError):
        parts.append(format_day(dt.date.fromisoformat(published_at[:10])))
    return ", ".join(parts)
