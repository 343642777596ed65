"""The command line: `tracker` starts the window; subcommands work headless on the same database."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sqlite3
import sys
from pathlib import Path

import click

from tracker import __version__
from tracker.cli_filters import as_of_option, build_filter, filter_options, lanes_option
from tracker.logfile import capture_warnings, write_exception
from tracker.model.entities import Event
from tracker.model.fuzzydate import DateError, format_window, parse_bound
from tracker.store import Store, StoreError, default_db_path
from tracker.store.db import explain


def _db_option(func):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
        help="Database file (default: $TRACKER_DB, else the user data folder).")(func)


_opened: list[Path] = []  # the database in use, for messages about it


def _open(ctx: click.Context, db_path: Path | None, check: str = "auto") -> Store:
    path = db_path or ctx.find_root().obj.get("db") or default_db_path()
    _opened.append(path)
    try:
        store = Store.open(path, check=check)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.call_on_close(store.close)
    return store


def _install_desktop_entry(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Put the app in the Linux desktop's menu (tracker.desktop), then stop."""
    if not value or ctx.resilient_parsing:
        return
    from tracker.desktop import DesktopEntryError, install_desktop_entry

    try:
        written = install_desktop_entry()
    except DesktopEntryError as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo("Diplomacy Timeline Tracker is in the menu (Office) now.")
    ctx.exit(0)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@_db_option
@click.version_option(__version__, prog_name="tracker")
@click.option("--install-desktop-entry", is_flag=True, expose_value=False, is_eager=True,
              callback=_install_desktop_entry,
              help="Linux: add the app and its icon to the desktop menu ($XDG_DATA_HOME).")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Diplomacy Timeline Tracker. Without a command, opens the window."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db_path
    if ctx.invoked_subcommand is None:
        from tracker.gui.launch import launch

        explicit = db_path or (Path(os.environ["TRACKER_DB"]).expanduser()
                               if os.environ.get("TRACKER_DB") else None)
        sys.exit(launch(explicit))


def event_json(event: Event) -> dict:
    return {
        "id": event.id,
        "uid": event.uid,
        "title": event.title,
        "start": event.earliest.isoformat(),
        "end": event.latest.isoformat(),
        "date_text": event.start.words,
        "precision": event.start.precision,
        "status": event.status,
        "type": event.type,
        "location": event.location,
        "summary": event.summary,
        "actors": [{"name": p.actor, "role": p.role} for p in event.actors],
        "excerpts": [
            {"source": x.source_title, "source_id": x.source_id, "start": x.char_start,
             "end": x.char_end, "text": x.quote}
            for x in event.excerpts
        ],
        "tags": event.tags,
        "links": [{"from": k.from_id, "to": k.to_id, "kind": k.kind} for k in event.links],
    }


@cli.command("list")
@_db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_context
def list_cmd(ctx: click.Context, db_path: Path | None, as_json: bool, **filters) -> None:
    """List events in date order, all or those the filters keep."""
    from tracker.store.search import matching_ids

    keep = build_filter(**filters)
    store = _open(ctx, db_path)
    events = store.events_by_ids(matching_ids(store, keep))
    if keep.as_of:  # each event as its reports published by then gave it
        from tracker.store.reports import events_as_known

        events = events_as_known(store, events, keep.as_of)
    if as_json:
        from tracker.cli_story import with_reports

        click.echo(json.dumps(with_reports(store, [event_json(e) for e in events], keep.as_of),
                              ensure_ascii=False, indent=2))
        return
    if not events:
        click.echo("No events." if keep.is_empty else "No events match.")
        return
    from tracker.store.reports import DISPUTED_MARK, disputed_ids

    disputed = disputed_ids(store, [e.id for e in events], keep.as_of)
    rows = [(str(e.id), format_window(e.earliest, e.latest), e.status, e.type,
             e.title + (DISPUTED_MARK if e.id in disputed else "")) for e in events]
    widths = [max(len(r[i]) for r in [("ID", "DATE", "STATUS", "TYPE", "TITLE"), *rows])
              for i in range(4)]
    for r in [("ID", "DATE", "STATUS", "TYPE", "TITLE"), *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])


def _bound(value: str | None, end: bool, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_bound(value, end=end)
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint=name) from None


def _view_range(view: str | None, date_from: str | None,
                date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """--view all | FROM..TO, or --from/--to."""
    if view and (date_from or date_to):
        raise click.BadParameter("give either --view or --from/--to", param_hint="--view")
    if view is None or view.strip().lower() == "all":
        return _bound(date_from, False, "--from"), _bound(date_to, True, "--to")
    first, sep, last = view.partition("..")
    if not sep:
        raise click.BadParameter(f"{view!r}: use all or FROM..TO, e.g. 2019-01..2019-03",
                                 param_hint="--view")
    return (_bound(first, False, "--view") if first else None,
            _bound(last, True, "--view") if last else None)


def _inches(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        w, h = (float(v) for v in value.lower().removesuffix("in").split("x"))
    except ValueError:
        raise click.BadParameter(f"{value!r}: use WxH in inches, e.g. 8x4.5",
                                 param_hint="--inches") from None
    if not (math.isfinite(w) and math.isfinite(h)) or w <= 0 or h <= 0:
        raise click.BadParameter(f"{value!r}: both sizes must be positive numbers",
                                 param_hint="--inches")
    return w, h


class _Height(click.ParamType):
    """An image height: pixels, or ``auto`` (None)."""

    name = "PX|auto"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if value is None or (isinstance(value, str) and value.strip().lower() == "auto"):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is neither a number of pixels nor auto", param, ctx)


HEIGHT = _Height()


@cli.command("export")
@_db_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--view", metavar="all|FROM..TO",
              help="Range to draw: all (default) or FROM..TO, e.g. 2019-01..2019-03.")
@click.option("--from", "date_from", metavar="DATE", help="First day shown (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Last day shown (YYYY[-MM[-DD]]).")
@click.option("--width", type=int, default=1600, show_default=True, help="Width in pixels.")
@click.option("--height", type=HEIGHT, default="900", show_default=True,
              help="Height in pixels, or auto: as tall as the timeline needs.")
@click.option("--inches", metavar="WxH",
              help="Size in inches instead of pixels (with --dpi), e.g. 8x4.5.")
@click.option("--dpi", type=click.IntRange(30, 1200), default=None,
              help="Dots per inch [default: 100, or 300 with --inches].")
@click.option("--title", default=None, help="Title printed above the timeline.")
@click.option("--legend/--no-legend", default=True, show_default=True)
@click.option("--search", default="", metavar="TEXT", help="Only events matching TEXT.")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="Only this actor.")
@click.option("--type", "types", multiple=True, metavar="T", help="Only this type.")
@click.option("--status", "statuses", multiple=True, metavar="S", help="Only this status.")
@click.option("--tag", "tags", multiple=True, metavar="T", help="Only this tag.")
@as_of_option
@click.option("--sources", "mark_sources", is_flag=True,
              help="Say in each label how many sources report the event.")
@lanes_option
@click.option("--scale", "timescale", type=click.Choice(["linear", "compressed", "sequential"]),
              default="linear", show_default=True,
              help="compressed: shrink long empty stretches (a break marks each); "
                   "sequential: events evenly spaced in date order, dates as labels.")
@click.pass_context
def export_cmd(ctx: click.Context, db_path: Path | None, out: Path, view: str | None,
               date_from: str | None, date_to: str | None, width: int, height: int | None,
               inches: str | None, dpi: int | None, title: str | None, legend: bool,
               search: str, actors: tuple[str, ...], types: tuple[str, ...],
               statuses: tuple[str, ...], tags: tuple[str, ...], as_of: str | None,
               mark_sources: bool, lanes: str, timescale: str) -> None:
    """Write the timeline as an image: OUT.png, OUT.svg or OUT.pdf.

    --from/--to choose the range drawn; the other filters choose the events in it."""
    from tracker.image_export import ImageRequest, check_request, export_timeline_image, size_from_inches

    first, last = _view_range(view, date_from, date_to)
    size_in = _inches(inches)
    dpi = dpi or (300 if size_in else 100)
    if size_in:
        width, height = size_from_inches(*size_in, dpi)
    keep = build_filter(search, actors, types, statuses, tags, None, None, as_of)
    request = ImageRequest(out, first, last, width, height, dpi, title, legend, keep, lanes,
                           timescale, sources=mark_sources)
    try:
        check_request(request)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    store = _open(ctx, db_path)
    try:
        count = export_timeline_image(store, request)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"Cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {out} ({count} events, {width}×{request.height_px} px)")


@cli.command("seed")
@_db_option
@click.pass_context
def seed_cmd(ctx: click.Context, db_path: Path | None) -> None:
    """Load the bundled sample article and its events (a new --db file starts empty;
    only the default database gets them on its first start). Adds only what is missing."""
    from tracker.store.seed import load_seed

    store = _open(ctx, db_path)
    try:
        added = load_seed(store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {added['sources']} sources, {added['events']} events, "
               f"{added['links']} links.")


@cli.command("info")
@_db_option
@click.pass_context
def info_cmd(ctx: click.Context, db_path: Path | None) -> None:
    """Where the database is and what it holds."""
    from tracker.store import SCHEMA_VERSION

    store = _open(ctx, db_path)
    click.echo(f"database: {store.path}")
    click.echo(f"schema version: {SCHEMA_VERSION}")
    click.echo(f"events: {store.count_events()}")
    click.echo(f"sources: {len(store.sources())}")


def _undecodable_argument() -> str | None:
    """The first argument that is not valid UTF-8 text (Python keeps its bytes as lone
    surrogates, which nothing downstream can store or print)."""
    for arg in sys.argv[1:]:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return f"tracker: the argument {shown!r} is not valid UTF-8 text; nothing was done."
    return None


def main() -> None:
    """Entry point: click's own errors are already clear; anything else gets one line.
    Python warnings go to the log (tracker.logfile), not into the command's output."""
    if not os.environ.get("TRACKER_DEBUG"):
        capture_warnings()
    bad = _undecodable_argument()
    if bad:
        click.echo(bad, err=True)
        sys.exit(2)
    try:
        cli.main(prog_name="tracker")
    except sqlite3.Error as exc:  # a read met a damaged file (writes say so themselves)
        if os.environ.get("TRACKER_DEBUG"):
            raise
        click.echo(f"tracker: {explain(exc, _opened[-1] if _opened else None)}", err=True)
        sys.exit(1)
    except Exception as exc:  # a last resort: never a bare traceback for a user
        if os.environ.get("TRACKER_DEBUG"):
            raise
        log = write_exception(type(exc), exc, exc.__traceback__)
        click.echo(f"tracker: unexpected error: {exc.__class__.__name__}: {exc}\n"
                   f"Details were written to {log}; run again with TRACKER_DEBUG=1 to see "
                   "them here.", err=True)
        sys.exit(70)


# The other commands register themselves on `cli`.
from tracker import (  # noqa: E402, F401
    cli_article,
    cli_demo,
    cli_edit,
    cli_io,
    cli_periods,
    cli_story,
)
