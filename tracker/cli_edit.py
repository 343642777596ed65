"""Command-line editing: add, edit, delete, link, parse-date.

Values go through the same parser and checks as the event dialog, so a bad value gets
the same message, a non-zero exit, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from tracker.cli import _db_option, _open, cli
from tracker.cli_filters import EVENT_ID
from tracker.model.entities import Event, Participation
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, LINK_KINDS, STATUSES, check
from tracker.store import StoreError
from tracker.store.repo import MAX_TITLE


def _fail(message: str, hint: str) -> click.BadParameter:
    return click.BadParameter(message, param_hint=hint)


def _check_title(title: str) -> None:
    if len(title.strip()) > MAX_TITLE:
        raise _fail(f"the title is {len(title.strip()):,} characters long; keep it to "
                    f"{MAX_TITLE} or fewer", "--title")


def _reference(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{value!r} is not an ISO date (YYYY-MM-DD)", "--reference") from None


def _dates(date_text: str, end_text: str | None,
           reference: dt.date | None) -> tuple[FuzzyDate, FuzzyDate | None]:
    from tracker.model.dateparse import parse_date, parse_single

    try:
        span = parse_date(date_text, reference=reference)
    except DateError as exc:
        raise _fail(str(exc), "--date") from None
    end = span.end
    if end_text:
        if end is not None:
            raise _fail("the date is already a range; leave out --end", "--end")
        try:
            end = parse_single(end_text, reference=reference)
        except DateError as exc:
            raise _fail(str(exc), "--end") from None
    if end is not None and end.latest < span.start.earliest:
        raise _fail(f"the end ({end.window_text()}) is before the start "
                    f"({span.start.window_text()})", "--end")
    return span.start, end


def _vocab(vocabulary: dict[str, str], value: str, what: str, hint: str) -> str:
    try:
        return check(vocabulary, value, what)
    except ValueError as exc:
        raise _fail(str(exc), hint) from None


def _actors(values: tuple[str, ...]) -> list[Participation]:
    out: list[Participation] = []
    for value in values:
        name, _, role = value.partition(":")
        name, role = name.strip(), (role.strip() or "participant")
        if not name:
            raise _fail(f"{value!r} has no name; write NAME or NAME:ROLE", "--actor")
        _vocab(ACTOR_ROLES, role, f"role of {name!r}", "--actor")
        if all((p.actor, p.role) != (name, role) for p in out):
            out.append(Participation(name, role))
    return out


def _edit_options(func):
    for option in reversed([
        click.option("--title", help="Title (required for add)."),
        click.option("--date", "date_text", metavar="TEXT",
                     help='When: "18 Jan 2019", "late February 2019", "27–28 Feb 2019", …'),
        click.option("--end", "end_text", metavar="TEXT", help="Optional separate end date."),
        click.option("--reference", metavar="YYYY-MM-DD",
                     help="Date that relative words are read against (default: today)."),
        click.option("--status", help=f"One of: {', '.join(STATUSES)}."),
        click.option("--type", "type_", help=f"One of: {', '.join(EVENT_TYPES)}."),
        click.option("--actor", "actors", multiple=True, metavar="NAME[:ROLE]",
                     help=f"Repeatable. Roles: {', '.join(ACTOR_ROLES)}."),
        click.option("--location"),
        click.option("--summary"),
        click.option("--tag", "tags", multiple=True, help="Repeatable."),
    ]):
        func = option(func)
    return _db_option(func)


def _store_call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command("add")
@_edit_options
@click.pass_context
def add_cmd(ctx: click.Context, db_path: Path | None, title: str | None, date_text: str | None,
            end_text: str | None, reference: str | None, status: str | None, type_: str | None,
            actors: tuple[str, ...], location: str | None, summary: str | None,
            tags: tuple[str, ...]) -> None:
    """Add an event; prints its id."""
    if not title or not title.strip():
        raise _fail("A title is required", "--title")
    _check_title(title)
    if not date_text:
        raise _fail("A date is required", "--date")
    start, end = _dates(date_text, end_text, _reference(reference))
    event = Event(
        None, "", title.strip(), start, end,
        status=_vocab(STATUSES, status or "occurred", "status", "--status"),
        type=_vocab(EVENT_TYPES, type_ or "other", "event type", "--type"),
        summary=summary or "", location=location or "", actors=_actors(actors), tags=list(tags))
    store = _open(ctx, db_path)
    click.echo(_store_call(store.add_event, event))


@cli.command("edit")
@click.argument("event_id", type=EVENT_ID)
@_edit_options
@click.pass_context
def edit_cmd(ctx: click.Context, event_id: int, db_path: Path | None, title: str | None,
             date_text: str | None, end_text: str | None, reference: str | None,
             status: str | None, type_: str | None, actors: tuple[str, ...],
             location: str | None, summary: str | None, tags: tuple[str, ...]) -> None:
    """Change the given fields of event ID (actors and tags given replace the old ones)."""
    if title is not None and not title.strip():
        raise _fail("A title is required", "--title")
    if title is not None:
        _check_title(title)
    ref = _reference(reference)
    new_dates = _dates(date_text, end_text, ref) if date_text else None
    if end_text and not date_text:
        raise _fail("give --date together with --end", "--end")
    checked_status = _vocab(STATUSES, status, "status", "--status") if status else None
    checked_type = _vocab(EVENT_TYPES, type_, "event type", "--type") if type_ else None
    new_actors = _actors(actors) if actors else None
    store = _open(ctx, db_path)
    event = _store_call(store.get_event, event_id)
    version = event.version
    if title is not None:
        event.title = title.strip()
    if new_dates:
        event.start, event.end = new_dates
    event.status = checked_status or event.status
    event.type = checked_type or event.type
    if new_actors is not None:
        event.actors = new_actors
    if location is not None:
        event.location = location
    if summary is not None:
        event.summary = summary
    if tags:
        event.tags = list(tags)
    _store_call(store.update_event, event, expected_version=version)
    click.echo(f"Updated {event_id}")


@cli.command("delete")
@_db_option
@click.argument("event_id", type=EVENT_ID)
@click.pass_context
def delete_cmd(ctx: click.Context, db_path: Path | None, event_id: int) -> None:
    """Delete event ID with its excerpts and links."""
    store = _open(ctx, db_path)
    snap = _store_call(store.delete_event, event_id)
    click.echo(f"Deleted {event_id}: {snap.title}")


@cli.command("link")
@_db_option
@click.argument("from_id", type=EVENT_ID)
@click.argument("to_id", type=EVENT_ID)
@click.option("--kind", required=True, help=f"One of: {', '.join(LINK_KINDS)}.")
@click.pass_context
def link_cmd(ctx: click.Context, db_path: Path | None, from_id: int, to_id: int,
             kind: str) -> None:
    """Link FROM_ID to TO_ID: "FROM announces TO"."""
    _vocab(LINK_KINDS, kind, "link kind", "--kind")
    store = _open(ctx, db_path)
    link_id = _store_call(store.add_link, from_id, to_id, kind)
    click.echo(link_id)


@cli.command("parse-date")
@click.argument("text")
@click.option("--reference", metavar="YYYY-MM-DD",
              help="Date that relative words are read against (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print {earliest, latest, precision}.")
@click.option("--tense", type=click.Choice(["past", "present", "future"]),
              help="Read words without a year by tense, as in an article: 'In May' is the "
                   "last May (past) or the next one (future).")
def parse_date_cmd(text: str, reference: str | None, as_json: bool, tense: str | None) -> None:
    """Show how TEXT is understood as a date."""
    from tracker.model.dateparse import describe_span, parse_date

    if tense is not None:
        from tracker.article.resolve import resolve_expression

        try:
            f = resolve_expression(text, _reference(reference) or dt.date.today(), tense)
        except DateError as exc:
            raise _fail(str(exc), "TEXT") from None
        if as_json:
            click.echo(json.dumps({"earliest": f.earliest.isoformat(),
                                   "latest": f.latest.isoformat(), "precision": f.precision,
                                   "words": f.words}))
        else:
            click.echo(f"{f.words} → {f.describe()}")
        return

    try:
        span = parse_date(text, reference=_reference(reference))
    except DateError as exc:
        raise _fail(str(exc), "TEXT") from None
    latest = span.end.latest if span.end else span.start.latest
    if as_json:
        out = {"earliest": span.start.earliest.isoformat(), "latest": latest.isoformat(),
               "precision": span.start.precision, "words": span.start.words}
        if span.end:
            out["start_latest"] = span.start.latest.isoformat()
            out["end_earliest"] = span.end.earliest.isoformat()
        click.echo(json.dumps(out))
    else:
        click.echo(describe_span(span))


@cli.command("backup")
@_db_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, db_path: Path | None, out: Path) -> None:
    """Write a consistent copy of the database to OUT (safe while the app is open)."""
    from tracker.store.backup import copy_database

    if out.exists():
        raise click.UsageError(f"{out} exists; choose a new name (nothing is overwritten).")
    store = _open(ctx, db_path)
    _store_call(copy_database, store.conn, out, source_path=store.path)
    click.echo(f"Backed up {store.count_events()} events to {out}")


@cli.command("restore")
@_db_option
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, db_path: Path | None, backup: Path) -> None:
    """Replace the database's content with BACKUP (the current state is backed up first)."""
    from tracker.store.backup import restore

    store = _open(ctx, db_path, check="skip")  # a damaged database can be restored over
    before = _store_call(restore, store.db, store.path, backup)
    click.echo(f"Restored {store.count_events()} events from {backup}; the previous state "
               f"is in {before}")
