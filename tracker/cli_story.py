"""A story over time on the command line (issue 19): an event's reports, and the
timeline "as known on" a series of days written as numbered images."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli import _db_option, _open, _view_range, cli
from tracker.cli_filters import lanes_option, parse_as_of
from tracker.model.fuzzydate import format_day
from tracker.store import Store, StoreError

if TYPE_CHECKING:
    from tracker.model.reports import Report

MAX_FRAMES = 500  # more images than this is a mistake in --every, not a wish


def report_json(r: Report) -> dict:
    return {"source": r.source_title, "outlet": r.outlet, "published_at": r.published_at,
            "start": r.start.earliest.isoformat(),
            "end": max(r.start.latest, (r.end or r.start).latest).isoformat(),
            "words": r.start.words, "status": r.status, "location": r.location,
            "quote": r.quote}


def with_reports(store: Store, docs: list[dict], as_of: dt.date | None) -> list[dict]:
    """`tracker list --json` records with each event's reports (those published by
    ``as_of``) in publication order, and whether they disagree."""
    from tracker.model.reports import published_by, resolve
    from tracker.store.reports import reports_for

    by_event = reports_for(store, [d["id"] for d in docs])
    for doc in docs:
        reports = by_event.get(doc["id"], [])
        if as_of:
            reports = published_by(reports, as_of)
        k = resolve(reports)
        doc["reports"] = [report_json(r) for r in reports]
        doc["disputed"] = bool(k and k.disputed)
    return docs


@cli.command("reports")
@click.argument("event_id", type=int)
@click.option("--as-of", "as_of", metavar="DATE", help="Only reports published by DATE.")
@_db_option
@click.pass_context
def reports_cmd(ctx: click.Context, event_id: int, as_of: str | None,
                db_path: Path | None) -> None:
    """Who said what about EVENT_ID, and when: its reports in publication order."""
    from tracker.model.reports import published_by, resolve
    from tracker.store.reports import reports_of

    day = parse_as_of(as_of)
    store = _open(ctx, db_path)
    try:
        store.get_event(event_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    reports = reports_of(store, event_id)
    if day:
        reports = published_by(reports, day)
    k = resolve(reports)
    if k is None:
        click.echo("No reports" + (f" published by {format_day(day)}." if day else "."))
        return
    window = k.start.window_text() if k.end is None else \
        f"{k.start.window_text()} – {k.end.window_text()}"
    click.echo(f"{window}, {k.status}" + (f", {k.location}" if k.location else "")
               + (" — DISPUTED" if k.disputed else "")
               + f" ({_count(len(reports), 'report')}, {_count(k.sources, 'source')})")
    for r in reports:
        click.echo(f"  {r.credit()}: {r.window_text()} “{r.start.words}”, {r.status}"
                   + (f", {r.location}" if r.location else ""))
    for a, b in k.disagreements():
        click.echo(f"  disagree: {a.credit()} ({a.window_text()}) and {b.credit()} "
                   f"({b.window_text()})")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def series_days(store: Store, first: dt.date | None, last: dt.date | None,
                every: str) -> list[dt.date]:
    """The days to draw: each day a cited source was published, or every N days."""
    from tracker.store.reports import publication_days

    published = publication_days(store)
    if not published and (first is None or last is None):
        raise click.UsageError("No cited source has a publication date; give --from and --to.")
    first = first or published[0]
    last = last or published[-1]
    if last < first:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    if every == "report":
        return [d for d in published if first <= d <= last] or [first]
    try:
        step = int(every.removesuffix("d"))
        if step < 1:
            raise ValueError
    except ValueError:
        raise click.BadParameter(f"{every!r}: use report or a number of days such as 7d",
                                 param_hint="--every") from None
    return [first + dt.timedelta(days=i) for i in range(0, (last - first).days + 1, step)]


@cli.command("export-series")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "date_from", metavar="DATE", help="First day known (default: the "
              "first publication).")
@click.option("--to", "date_to", metavar="DATE", help="Last day known (default: the last "
              "publication).")
@click.option("--every", default="report", show_default=True,
              help="One image per day a cited source appeared (report), or every N days (7d).")
@click.option("--view", metavar="FROM..TO", help="Range drawn in every image (default: all).")
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "pdf"]), default="png",
              show_default=True)
@click.option("--width", type=int, default=1600, show_default=True)
@click.option("--height", type=int, default=900, show_default=True)
@click.option("--sources", "mark_sources", is_flag=True,
              help="Say in each label how many sources report the event.")
@lanes_option
@_db_option
@click.pass_context
def export_series_cmd(ctx: click.Context, folder: Path, date_from: str | None,
                      date_to: str | None, every: str, view: str | None, fmt: str, width: int,
                      height: int, mark_sources: bool, lanes: str, db_path: Path | None) -> None:
    """Write the timeline as known on a series of days into FOLDER (001-2019-01-19.png,
    …): how a story firmed up, one image per step."""
    from tracker.image_export import ImageRequest, check_request, export_timeline_image
    from tracker.model.filters import Filter

    first, last = parse_as_of(date_from), parse_as_of(date_to)
    shown = _view_range(view, None, None) if view else (None, None)
    store = _open(ctx, db_path)
    days = series_days(store, first, last, every)
    if len(days) > MAX_FRAMES:
        raise click.UsageError(f"That makes {len(days)} images; at most {MAX_FRAMES} "
                               "(use a larger --every).")
    if shown == (None, None):  # one frame for all images: the whole story's range
        extent = store.extent()
        if extent:
            shown = tuple(dt.date.fromordinal(d) for d in extent)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"Cannot make {folder}: {exc.strerror or exc}") from None
    for n, day in enumerate(days, 1):
        path = folder / f"{n:03d}-{day.isoformat()}.{fmt}"
        request = ImageRequest(path, shown[0], shown[1], width, height, 100,
                               f"As known on {format_day(day)}", True, Filter(as_of=day),
                               lanes, sources=mark_sources)
        try:
            check_request(request)
            count = export_timeline_image(store, request)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"Cannot write {path}: {exc.strerror or exc}") from None
        click.echo(f"Wrote {path} ({count} events)")
