"""The report columns of an excerpt (migration 0005) to and from the domain objects.

Kept apart from repo.py so the repository's reads and writes and the report queries of
tracker.store.reports share one spelling of them."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.model.entities import Excerpt
from tracker.model.fuzzydate import DateError, FuzzyDate

REPORT_SELECT = """x.report_earliest, x.report_latest, x.report_precision, x.report_words,
                   x.report_end_earliest, x.report_end_latest, x.report_end_precision,
                   x.report_end_words, x.report_status, x.report_location"""

# An excerpt stored without a report of its own reports what its event says.
REPORT_FROM_EVENT = """UPDATE excerpts SET (report_earliest, report_latest, report_precision,
        report_words, report_end_earliest, report_end_latest, report_end_precision,
        report_end_words, report_status, report_location) = (
            SELECT e.start_earliest, e.start_latest, e.precision, e.date_text, e.end_earliest,
                   e.end_latest, e.end_precision, e.end_text, e.status, e.location
            FROM events e WHERE e.id = excerpts.event_id)
        WHERE id = ?"""


def report_fields(row: Sequence) -> tuple[FuzzyDate | None, FuzzyDate | None, str, str]:
    """(start, end, status, location) from the ten columns of REPORT_SELECT. A report
    whose stored window cannot be read (a hand-edited file) is treated as absent, so the
    event still loads and shows its own window."""
    try:
        start = FuzzyDate.from_iso(row[0], row[1], row[2] or "day", row[3] or "") if row[0] else None
        end = (FuzzyDate.from_iso(row[4], row[5], row[6] or "day", row[7] or "")
               if row[4] and start else None)
    except DateError:
        start = end = None
    return start, end, row[8] or "", row[9] or ""


def report_values(x: Excerpt) -> tuple:
    """The ten REPORT_COLUMNS values of an excerpt (all None when it has no report)."""
    s, e = x.report_start, x.report_end
    if s is None:
        return (None,) * 10
    return (s.earliest.isoformat(), s.latest.isoformat(), s.precision, s.words,
            e.earliest.isoformat() if e else None, e.latest.isoformat() if e else None,
            e.precision if e else None, e.words if e else None, x.report_status or None,
            x.report_location)
