"""Timeline images from the store: the one path both `tracker export` and the window's
Export Image dialog take, so they cannot drift apart. Qt-free."""

from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.model.filters import Filter
from tracker.model.fuzzydate import format_day
from tracker.store import Store
from tracker.store.periods import list_periods
from tracker.store.repo import credit_line
from tracker.store.viewport import max_items_for, timeline_data
from tracker.timeline.export import FORMATS, draw_export, export_image, page_font_size
from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData

MIN_PX, MAX_PX = 100, 20000


@dataclass(slots=True)
class ImageRequest:
    path: Path
    first: dt.date | None = None  # None: from the first event
    last: dt.date | None = None  # None: to the last event
    width_px: int = 1600
    height_px: int | None = 900  # None: as tall as the content needs (set on export)
    dpi: float = 100
    title: str | None = None
    legend: bool = True
    filter: Filter | None = None  # which events (the window's filters)
    lanes: str = "none"  # none, actor, type or location
    timescale: str = "linear"  # linear, compressed or sequential (tracker.timeline.scale)
    sources: bool = False  # labels say how many sources report each event


def size_from_inches(width_in: float, height_in: float, dpi: float) -> tuple[int, int]:
    return round(width_in * dpi), round(height_in * dpi)


def check_request(req: ImageRequest) -> None:
    """Raise ValueError with a message for people when the request cannot be met."""
    if req.path.suffix.lower() not in FORMATS:
        raise ValueError(f"Cannot write {req.path.suffix or 'a file without a suffix'}; "
                         f"use one of {', '.join(FORMATS)}.")
    for what, px in (("width", req.width_px), ("height", req.height_px)):
        if px is None:
            continue
        if not MIN_PX <= px <= MAX_PX:
            raise ValueError(f"The {what} must be between {MIN_PX} and {MAX_PX} pixels "
                             f"(it is {px}).")
    if req.first and req.last and req.last < req.first:
        raise ValueError("The end of the range is before its start.")


def export_timeline_image(store: Store, req: ImageRequest) -> int:
    """Draw the requested range with the window's drawing code; returns the number of
    events in the picture. Raises ValueError (bad request, nothing to draw) or OSError."""
    data, options = picture_options(store, req)
    if req.height_px is None:  # say what "auto" came to
        # The text keeps the size the height was measured with (as for a 16:9 page), not
        # the size page_font_size would give the shorter page.
        options["font_size"] = page_font_size(req.width_px, round(req.width_px * 9 / 16),
                                              req.dpi)
        req.height_px = round(draw_export(data, **options).figure.bbox.height)
        options["height_px"] = req.height_px
    # Drawn into a temporary file beside the target and renamed over it: a failed or
    # interrupted export (a full disk) never destroys an earlier good image.
    path = Path(req.path)
    tmp = path.with_name(f".{path.stem}.part{path.suffix}")
    try:
        export_image(data, tmp, **options)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ImageWriteError(write_error_message(path, exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return data.total_in_view


def picture_options(store: Store, req: ImageRequest) -> tuple[TimelineData, dict[str, Any]]:
    """The data and the keyword arguments of :func:`export_image` (less the path) for
    ``req``: what the exported picture shows. Raises ValueError as
    :func:`export_timeline_image` does."""
    check_request(req)
    extent = store.extent()
    if extent is None:
        raise ValueError("The database holds no events to draw.")
    lo = req.first.toordinal() if req.first else extent[0]
    hi = req.last.toordinal() if req.last else extent[1]
    if hi < lo:  # e.g. --from after the last event: nothing to draw there
        first, last = (format_day(dt.date.fromordinal(d)) for d in extent)
        raise ValueError(f"There are no events in that range; the events run from {first} "
                         f"to {last}.")
    data = timeline_data(store, lo, hi, reference_day=dt.date.today().toordinal(),
                         filter=req.filter, lanes=req.lanes, sources=req.sources,
                         max_items=max_items_for(req.width_px * 100 / req.dpi))
    view = None
    if req.first or req.last:
        view = (lo - MPL_EPOCH_ORDINAL, hi + 1 - MPL_EPOCH_ORDINAL)
    credit = credit_line(store, [i.id for i in data.items],
                         req.filter.as_of if req.filter is not None else None)
    return data, {"view": view, "width_px": req.width_px, "height_px": req.height_px,
                  "dpi": req.dpi, "title": req.title or None, "legend": req.legend,
                  "credit": credit or None, "lane_mode": req.lanes != "none",
                  "timescale": req.timescale, "periods": list_periods(store)}


class ImageWriteError(ValueError):
    """The image could not be written (a message for people)."""


def write_error_message(path: Path, exc: OSError) -> str:
    kept = " (the earlier file of that name is kept)" if path.exists() else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"The disk is full: {path} was not written{kept}. Free some disk space "
                "and try again.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"Cannot write {path}: the folder or disk is read-only{kept}."
    return f"Cannot write {path}: {exc.strerror or exc}{kept}."
