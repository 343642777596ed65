"""The command line: `tracker` starts the window; subcommands work headless on the same database."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from tracker import __version__
from tracker.model.entities import Event
from tracker.model.fuzzydate import DateError, format_window, parse_bound
from tracker.store import Store, StoreError, default_db_path


def _db_option(func):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
        help="Database file (default: $TRACKER_DB, else the user data folder).")(func)


def _open(ctx: click.Context, db_path: Path | None) -> Store:
    path = db_path or ctx.find_root().obj.get("db") or default_db_path()
    try:
        store = Store.open(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.call_on_close(store.close)
    return store


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@_db_option
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Diplomacy Timeline Tracker. Without a command, opens the window."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db_path
    if ctx.invoked_subcommand is None:
        from tracker.gui.launch import launch

        sys.exit(launch(db_path or default_db_path()))


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
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_context
def list_cmd(ctx: click.Context, db_path: Path | None, as_json: bool) -> None:
    """List every event, in date order."""
    store = _open(ctx, db_path)
    events = store.list_events()
    if as_json:
        click.echo(json.dumps([event_json(e) for e in events], ensure_ascii=False, indent=2))
        return
    if not events:
        click.echo("No events.")
        return
    rows = [(str(e.id), format_window(e.earliest, e.latest), e.status, e.type, e.title) for e in events]
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


@cli.command("export")
@_db_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "date_from", metavar="DATE", help="First day shown (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Last day shown (YYYY[-MM[-DD]]).")
@click.option("--width", type=click.IntRange(200, 20000), default=1600, show_default=True,
              help="Width in pixels.")
@click.option("--height", type=click.IntRange(150, 20000), default=900, show_default=True,
              help="Height in pixels.")
@click.option("--dpi", type=click.IntRange(30, 1200), default=100, show_default=True)
@click.option("--title", default=None, help="Title printed above the timeline.")
@click.option("--legend/--no-legend", default=True, show_default=True)
@click.pass_context
def export_cmd(ctx: click.Context, db_path: Path | None, out: Path, date_from: str | None,
               date_to: str | None, width: int, height: int, dpi: int, title: str | None,
               legend: bool) -> None:
    """Write the timeline as an image: OUT.png, OUT.svg or OUT.pdf."""
    from tracker.timeline.export import FORMATS as SUFFIXES
    from tracker.timeline.export import export_image
    from tracker.timeline.items import MPL_EPOCH_ORDINAL

    if out.suffix.lower() not in SUFFIXES:
        raise click.BadParameter(
            f"cannot write {out.suffix or 'a file without suffix'}; use one of "
            f"{', '.join(SUFFIXES)}", param_hint="OUT")
    first, last = _bound(date_from, False, "--from"), _bound(date_to, True, "--to")
    store = _open(ctx, db_path)
    extent = store.extent()
    if extent is None:
        raise click.ClickException("The database holds no events to draw.")
    lo = first.toordinal() if first else extent[0]
    hi = last.toordinal() if last else extent[1]
    if hi < lo:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    from tracker.store.repo import credit_line
    from tracker.store.viewport import timeline_data

    data = timeline_data(store, lo, hi, reference_day=dt.date.today().toordinal())
    view = None
    if first or last:
        view = (lo - MPL_EPOCH_ORDINAL, hi + 1 - MPL_EPOCH_ORDINAL)
    credit = credit_line(store, [i.id for i in data.items])
    try:
        export_image(data, out, view=view, width_px=width, height_px=height, dpi=dpi,
                     title=title, legend=legend, credit=credit or None)
    except OSError as exc:
        raise click.ClickException(f"Cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {out} ({data.total_in_view} events, {width}×{height} px)")


@cli.command("seed")
@_db_option
@click.pass_context
def seed_cmd(ctx: click.Context, db_path: Path | None) -> None:
    """Load the bundled article and its events again (adds only what is missing)."""
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


def main() -> None:
    """Entry point: click's own errors are already clear; anything else gets one line."""
    try:
        cli.main(prog_name="tracker")
    except Exception as exc:  # a last resort: never a bare traceback for a user
        if os.environ.get("TRACKER_DEBUG"):
            raise
        click.echo(f"tracker: unexpected error: {exc.__class__.__name__}: {exc}\n"
                   "Run again with TRACKER_DEBUG=1 to see the details.", err=True)
        sys.exit(70)


# The editing commands register themselves on `cli`.
from tracker import cli_edit  # noqa: E402, F401
