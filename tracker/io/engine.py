"""The import loop every format shares: one transaction, a savepoint per record,
abort-or-skip, duplicates, progress and cancel.

A format module only turns its file into a list of :class:`Record` (parsing errors are
raised from inside ``apply`` as RecordError, so they are reported in file order with the
record's line or number); this module decides what lands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tracker.io.common import (
    Cancelled,
    ImportAborted,
    ImportReport,
    Progress,
    RecordError,
    Rejection,
)
from tracker.store.bulk import ImportWriter, import_transaction
from tracker.store.db import StoreError
from tracker.store.repo import Store

OnError = Literal["abort", "skip"]
PROGRESS_STEP = 100


@dataclass(slots=True)
class Record:
    where: str  # "line 7", "event 3"
    # Writes the record; returns "added", "present", a key counted in report.other
    # ("sources", "links"), or None for records not worth counting (actors).
    apply: Callable[[ImportWriter, ImportReport], str | None]


def run_import(store: Store, path: Path, records: Sequence[Record], *, on_error: OnError,
               progress: Progress | None) -> ImportReport:
    """Apply every record in one transaction. Cancel or abort leaves the database as it was."""
    if on_error not in ("abort", "skip"):
        raise ValueError(f"on_error must be 'abort' or 'skip', not {on_error!r}")
    report = ImportReport()
    total = len(records)
    if progress is not None and progress(0, total) is False:
        return ImportReport(cancelled=True)
    try:
        with import_transaction(store) as writer:
            for done, record in enumerate(records, 1):
                rejection = _apply(writer, report, record)
                if rejection is not None:
                    if on_error == "abort":
                        raise ImportAborted(
                            f"{path}: {rejection}. Nothing was imported (import with "
                            "--on-error skip to bring in the valid records).", rejection)
                    report.rejected.append(rejection)
                if progress is not None and (done % PROGRESS_STEP == 0 or done == total) \
                        and progress(done, total) is False:
                    raise Cancelled
    except Cancelled:
        return ImportReport(cancelled=True)
    return report


def _apply(writer: ImportWriter, report: ImportReport, record: Record) -> Rejection | None:
    try:
        with writer.record():
            outcome = record.apply(writer, report)
    except RecordError as exc:
        return Rejection(record.where, exc.field, exc.message)
    except StoreError as exc:
        return Rejection(record.where, "record", str(exc).rstrip("."))
    except (OverflowError, ValueError) as exc:  # a date at the end of the calendar, say
        return Rejection(record.where, "date", f"cannot be used ({exc})")
    if outcome == "added":
        report.added += 1
    elif outcome == "present":
        report.present += 1
    elif outcome:
        report.other[outcome] = report.other.get(outcome, 0) + 1
    return None
