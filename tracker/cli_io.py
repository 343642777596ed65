"""Command-line data exchange: export-data and import.

A file that cannot be read gets one clear line on stderr and exit status 1, and nothing
is written; a long run shows a progress bar on stderr when that is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tracker.cli import _db_option, _open, cli
from tracker.io import EXPORT_FORMATS, DataFileError, export_data, import_data
from tracker.store import StoreError

BAR_THRESHOLD = 1000  # records; smaller files finish before a bar would be worth drawing


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], bool]]:
    """A progress callback that draws a click progress bar once the total is known."""
    bar = None
    shown = 0

    def update(done: int, total: int) -> bool:
        nonlocal bar, shown
        if bar is None and total > BAR_THRESHOLD and sys.stderr.isatty():
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - shown)
            shown = done
        return True

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@cli.command("export-data")
@_db_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export_data_cmd(ctx: click.Context, db_path: Path | None, out: Path) -> None:
    """Write every event, source, actor and link to OUT.json, OUT.csv, OUT.ics or
    OUT.timelinejs.json (the format follows the name)."""
    if not any(out.name.lower().endswith(s) for s in EXPORT_FORMATS):
        raise click.BadParameter(
            f"cannot tell the format of {out.name!r}; use a name ending in "
            f"{', '.join(EXPORT_FORMATS)}", param_hint="OUT")
    store = _open(ctx, db_path)
    with _progress("Exporting") as progress:
        try:
            written = export_data(store, out, progress=progress)
        except (DataFileError, StoreError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {out} ({written} events)")


@cli.command("import")
@_db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--on-error", type=click.Choice(["abort", "skip"]), default="abort",
              show_default=True,
              help="abort: import nothing if any record is bad; skip: import the good ones "
                   "and list the rest.")
@click.option("--map", "mapping", default="", metavar='"COLUMN=field,…"',
              help='CSV only: which column feeds which field, e.g. "Headline=title,Year=year" '
                   "(fields: title, start, end, summary, date_text, year, month, day, "
                   "location, tags, uid, ignore, …).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy"]), default=None,
              help="CSV only: the order of slash dates (1/2/2009) in columns whose values "
                   "do not settle it.")
@click.pass_context
def import_cmd(ctx: click.Context, db_path: Path | None, file: Path, on_error: str,
               mapping: str, date_order: str | None) -> None:
    """Import FILE (this app's JSON, CSV, iCalendar or TimelineJS JSON) in one transaction.

    Events that were already in the database (same uid, or for records without an id the
    same title and dates) are skipped, not merged; records of one file are never merged.
    A CSV's columns are recognised by their names (this app's, TimelineJS's sheet,
    calendar exports, title/date/description lists); --map settles the rest.
    """
    from tracker.io import CsvOptions

    store = _open(ctx, db_path)
    with _progress("Importing") as progress:
        try:
            report = import_data(store, file, on_error=on_error,  # type: ignore[arg-type]
                                 progress=progress,
                                 csv_options=CsvOptions(mapping, date_order))
        except (DataFileError, StoreError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(report.summary())
    if len(report.rejected) > 5:
        for rejection in report.rejected:
            click.echo(f"  rejected: {rejection}", err=True)
