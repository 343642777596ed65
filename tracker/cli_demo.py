"""`tracker demo-data`: fill a database with generated events to try the app at scale."""

from __future__ import annotations

import time
from pathlib import Path

import click

from tracker.cli import _db_option, _open, cli


@cli.command("demo-data")
@_db_option
@click.option("--events", "n_events", type=click.IntRange(1, 20_000_000), required=True,
              help="How many events to generate.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Random seed: the same seed generates the same events.")
@click.pass_context
def demo_data_cmd(ctx: click.Context, db_path: Path | None, n_events: int, seed: int) -> None:
    """Add generated events (with sources, excerpts, actors and links) to the database.

    Adds to what is there (the bundled article stays); run it twice to add twice.
    """
    from tracker.store import StoreError
    from tracker.store.demo import add_demo_data

    store = _open(ctx, db_path)
    started = time.perf_counter()
    stderr = click.get_text_stream("stderr")
    try:
        with click.progressbar(length=n_events, label="Generating events", file=stderr,
                               show_pos=True) as bar:
            report = add_demo_data(store, n_events, seed=seed, progress=bar.update)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {report.events:,} events, {report.sources} sources, "
               f"{report.excerpts:,} excerpts, {report.links:,} links to {store.path} "
               f"in {time.perf_counter() - started:.1f} s")
