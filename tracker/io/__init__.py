"""Data in and out: the app's JSON, CSV, iCalendar and TimelineJS (see the README, "Data files").

The GUI and the CLI call only :func:`export_data` and :func:`import_data`. Both take a
``progress(done, total) -> bool`` callback (return False to cancel). Imports are one
transaction: a cancelled or aborted import leaves the database exactly as it was; an
export is written to a temporary file and renamed, so a cancelled or failed export
leaves no half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.io.common import (
    Cancelled,
    DataFileError,
    ImportAborted,
    ImportReport,
    Progress,
    Rejection,
    check_shape,
    read_text,
)
from tracker.io.csvread import CsvOptions
from tracker.io.engine import OnError, run_import
from tracker.store.repo import Store

__all__ = [
    "EXPORT_FORMATS", "Cancelled", "CsvOptions", "DataFileError", "ImportAborted", "ImportReport",
    "Rejection",
    "count_records", "detect_format", "export_data", "import_data",
]

# Suffix → format; ".timelinejs.json" is tested before ".json".
EXPORT_FORMATS = {".timelinejs.json": "timelinejs", ".json": "json", ".csv": "csv", ".ics": "ics"}
IMPORT_SUFFIXES = {**EXPORT_FORMATS, ".ical": "ics", ".ifb": "ics", ".icalendar": "ics"}
PROGRESS_STEP = 100


def format_of(path: Path, table: dict[str, str] = EXPORT_FORMATS) -> str | None:
    name = path.name.lower()
    return next((fmt for suffix, fmt in table.items() if name.endswith(suffix)), None)


def count_records(store: Store, fmt: str) -> int:
    """How many records an export of ``fmt`` will write (for a progress bar's length)."""
    from tracker.io import jsonfmt

    return jsonfmt.export_total(store) if fmt == "json" else store.count_events()


def export_data(store: Store, path: Path | str, *, progress: Progress | None = None) -> int:
    """Write the whole database to ``path`` in the format its suffix names.

    Returns the number of events written. Raises DataFileError for an unknown suffix or a
    file that cannot be written, and Cancelled when ``progress`` returns False.
    """
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise DataFileError(f"Cannot tell which format to write for {path.name}: use a name "
                            f"ending in {', '.join(EXPORT_FORMATS)}.")
    total = count_records(store, fmt)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % PROGRESS_STEP == 0 or done == total) \
                and progress(done, total) is False:
            raise Cancelled

    if progress is not None and progress(0, total) is False:
        raise Cancelled
    binary = fmt == "ics"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise DataFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="")) as out:
            written = _writer(fmt)(store, out, tick)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an export is a normal file
        os.replace(tmp, path)
    except OSError as exc:
        raise DataFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return written


def _writer(fmt: str) -> Callable:
    from tracker.io import csvfmt, icsfmt, jsonfmt, timelinejs

    return {"json": jsonfmt.export_json, "csv": csvfmt.export_csv, "ics": icsfmt.export_ics,
            "timelinejs": timelinejs.export_timelinejs}[fmt]


def detect_format(path: Path, text: str) -> str:
    """The format of a file to import: by suffix, and by content where that is unclear.

    A ``.json`` file is ours when it says so, TimelineJS when it has an "events" list.
    """
    fmt = format_of(path, IMPORT_SUFFIXES)
    head = text.lstrip()[:64].upper()
    if fmt is None:
        if head.startswith("BEGIN:VCALENDAR"):
            return "ics"
        if head.startswith(("{", "[")):
            return "json"
        raise DataFileError(f"Cannot tell the format of {path}: use a name ending in "
                            f"{', '.join(EXPORT_FORMATS)}.")
    return "json" if fmt == "timelinejs" else fmt  # a JSON file is sorted out by content


def import_data(store: Store, path: Path | str, *, on_error: OnError = "abort",
                progress: Progress | None = None, csv_options: CsvOptions | None = None
                ) -> ImportReport:
    """Import ``path`` into ``store`` as one transaction.

    ``on_error="abort"`` stops at the first bad record (ImportAborted, nothing imported);
    ``"skip"`` imports the valid records and lists the rest in the report. A file that
    cannot be read at all raises DataFileError; nothing is written then either.
    ``csv_options``: a CSV's column mapping and slash-date order (--map, --date-order).
    """
    from tracker.io import csvfmt, icsfmt, jsonfmt, timelinejs
    from tracker.io.tljs_shapes import is_timelinejs

    path = Path(path)
    if path.is_dir():
        raise DataFileError(f"{path} is a folder, not a file.")
    what = {"json": "JSON", "timelinejs": "JSON", "csv": "CSV", "ics": "iCalendar"}.get(
        format_of(path, IMPORT_SUFFIXES) or "", "data")
    text = read_text(path, what)
    fmt = detect_format(path, text)
    check_shape(path, text, fmt)
    # Reading and parsing a big file take seconds: Cancel is heard between the steps too.
    if progress is not None and progress(0, 0) is False:
        return ImportReport(cancelled=True)
    if fmt == "json":
        doc = jsonfmt.load(path, text)
        if progress is not None and progress(0, 0) is False:
            return ImportReport(cancelled=True)
        is_ours = isinstance(doc, dict) and "format" in doc
        is_tljs = not is_ours and is_timelinejs(doc)
        records = timelinejs.records(path, doc) if is_tljs else jsonfmt.records(path, doc)
    elif fmt == "csv":
        records = csvfmt.records(path, text, csv_options)
    else:
        records = icsfmt.records(path, text)
    return run_import(store, path, records, on_error=on_error, progress=progress)
