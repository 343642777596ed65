"""CSV: one row per event, for spreadsheets (columns documented in the README, "Data files").

Actors, tags and excerpts are flattened into one cell each, in a form a person can edit
and the importer can read back. Dates are read with the app's date parser, so a
spreadsheet can say "late February 2019" just as the editor can.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TextIO

from tracker.io.common import format_actors
from tracker.io.textclean import clean
from tracker.model.entities import Event
from tracker.store import bulk
from tracker.store.repo import Store

COLUMNS = ("uid", "title", "start", "end", "date_text", "precision", "end_text", "status",
           "type", "location", "actors", "tags", "summary", "excerpts", "start_latest",
           "end_earliest", "end_precision")
EXCERPT_SEP = " | "


def _excerpts(event: Event, refs: dict[int, bulk.SourceRef]) -> str:
    return EXCERPT_SEP.join(f'"{x.quote}" [{refs[x.source_id].title}]' for x in event.excerpts)


def row_of(event: Event, refs: dict[int, bulk.SourceRef]) -> list[str]:
    """One row; an event with a separate end also fills start_latest, end_earliest and
    end_precision, so the start's and the end's windows come back as they were."""
    end = event.end
    end_text = end.words if end and end.words != event.start.words else ""
    separate = [event.start.latest.isoformat(), end.earliest.isoformat(), end.precision] \
        if end else ["", "", ""]
    row = [event.uid, event.title, event.earliest.isoformat(), event.latest.isoformat(),
           event.start.words, event.start.precision, end_text, event.status, event.type,
           event.location, format_actors(event.actors), "; ".join(event.tags), event.summary,
           _excerpts(event, refs), *separate]
    return [clean(cell) for cell in row]


def export_csv(store: Store, out: TextIO, tick: Callable[[], None]) -> int:
    refs = bulk.source_refs(store)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written = 0
    for batch in bulk.iter_event_batches(store):
        for event in batch:
            writer.writerow(row_of(event, refs))
            written += 1
            tick()
    return written


# -- import: tracker.io.csvread (this app's columns and other tools' layouts) -----------

from tracker.io.csvread import CsvOptions, records  # noqa: E402

__all__ = ["COLUMNS", "CsvOptions", "export_csv", "records", "row_of"]
