"""`tracker period add/list/delete`: named spans drawn as bands behind the events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from tracker.cli import _db_option, _open, cli
from tracker.model.fuzzydate import DateError, format_window
from tracker.model.period import Period
from tracker.store import StoreError


def _day(text: str, name: str, *, last: bool) -> dt.date:
    """The first (or last) day that ``text`` can mean: "June 2018" starts on 1 June and
    ends on 30 June, so a period "June 2018 – Feb 2019" covers both months whole."""
    from tracker.model.dateparse import parse_date

    try:
        span = parse_date(text)
    except DateError as exc:
        raise click.BadParameter(str(exc).split(" Try: ")[0], param_hint=name) from None
    return (span.end or span.start).latest if last else span.start.earliest


@cli.group("period")
def period_group() -> None:
    """Periods: named spans of time ("Singapore process") drawn as bands behind the events."""


@period_group.command("add")
@_db_option
@click.argument("name")
@click.argument("first", metavar="FROM")
@click.argument("last", metavar="TO")
@click.option("--note", default="", help="A line about the period.")
@click.pass_context
def add_cmd(ctx: click.Context, db_path: Path | None, name: str, first: str, last: str,
            note: str) -> None:
    """Add the period NAME from FROM to TO (any date the editor accepts: "12 Jun 2018",
    "June 2018", "2019")."""
    from tracker.store.periods import add_period

    start, end = _day(first, "FROM", last=False), _day(last, "TO", last=True)
    if end < start:
        raise click.BadParameter(f"{last!r} is before {first!r}", param_hint="TO")
    store = _open(ctx, db_path)
    try:
        period_id = add_period(store, Period(None, "", name, start, end, note))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added period {period_id}: {name.strip()} ({format_window(start, end)})")


@period_group.command("list")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON list instead of a table.")
@click.pass_context
def list_cmd(ctx: click.Context, db_path: Path | None, as_json: bool) -> None:
    """Every period, earliest first."""
    from tracker.store.periods import list_periods

    periods = list_periods(_open(ctx, db_path))
    if as_json:
        click.echo(json.dumps([{"id": p.id, "uid": p.uid, "name": p.name,
                                "first": p.first.isoformat(), "last": p.last.isoformat(),
                                "note": p.note} for p in periods], indent=2,
                              ensure_ascii=False))
        return
    if not periods:
        click.echo("No periods.")
        return
    for p in periods:
        click.echo(f"{p.id:>4}  {format_window(p.first, p.last):<28}  {p.name}"
                   + (f" — {p.note}" if p.note else ""))


@period_group.command("delete")
@_db_option
@click.argument("key", metavar="ID|NAME")
@click.pass_context
def delete_cmd(ctx: click.Context, db_path: Path | None, key: str) -> None:
    """Delete a period, named by its number (from `tracker period list`) or its name."""
    from tracker.store.periods import delete_period, find_period

    store = _open(ctx, db_path)
    found = find_period(store, key)
    if found is None:
        raise click.ClickException(f"There is no period {key!r}; see `tracker period list`.")
    delete_period(store, found.id)
    click.echo(f"Deleted period {found.id}: {found.name}")
