"""`tracker import-article`: candidate events from an article, headless.

Prints what the review panel would list; stores nothing unless --accept-all, so a
user can look first and import after.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.cli import _db_option, _open, cli
from tracker.store import StoreError, default_db_path


@cli.command("import-article")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", metavar="DATE",
              help="Publication date (YYYY-MM-DD[THH:MM[+HH:MM]]); needed when the file "
                   "does not say it.")
@click.option("--json", "as_json", is_flag=True, help="Print the source and candidates as JSON.")
@click.option("--accept-all", is_flag=True, help="Store the article and every candidate.")
@_db_option
@click.pass_context
def import_article_cmd(ctx: click.Context, file: Path, published: str | None, as_json: bool,
                       accept_all: bool, db_path: Path | None) -> None:
    """Read FILE (.txt or .html) and list the events it reports, dated from its own words."""
    from tracker.article.candidates import find_candidates
    from tracker.article.extract import ArticleError, parse_published, read_article
    from tracker.article.names import builtin_actors

    try:
        source = read_article(file, parse_published(published) if published else None)
    except ArticleError as exc:
        raise click.ClickException(str(exc)) from None
    # Only open (and so create) a database when one exists or the user asked to store.
    path = db_path or ctx.find_root().obj.get("db") or default_db_path()
    store = _open(ctx, db_path) if accept_all or (path and Path(path).exists()) else None
    known = store.actors() if store is not None else builtin_actors()
    candidates = find_candidates(source, known)
    stored: list[int] = []
    if accept_all and store is not None and candidates:
        from tracker.article.accept import accept_all as store_all

        try:
            _, stored = store_all(store, source, candidates)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({
            "source": {"title": source.title, "author": source.author, "outlet": source.outlet,
                       "url": source.url, "published_at": source.published_at,
                       "chars": len(source.text)},
            "candidates": [c.as_dict() for c in candidates], "stored_event_ids": stored,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(f"{source.title} — published {source.published_at}")
    if not candidates:
        click.echo("No dated events found: the text names no date this importer understands.")
        return
    for i, c in enumerate(candidates, 1):
        click.echo(f"{i:>3}. {c.date.window_text():<18} {c.status:<10} {c.type:<12} {c.title}")
        actors = ", ".join(p.actor for p in c.actors) or "—"
        click.echo(f"     “{c.date.words}” at {c.date_span[0]}–{c.date_span[1]}; sentence "
                   f"{c.span[0]}–{c.span[1]}; actors: {actors}"
                   + (f"; place: {c.location}" if c.location else "")
                   + (f"; reported in {len(c.spans)} sentences" if len(c.spans) > 1 else "")
                   + (f"; new names: {', '.join(c.new_actor_names)}" if c.new_actor_names else ""))
    from tracker.article.candidates import MAX_CANDIDATES

    if len(candidates) >= MAX_CANDIDATES:
        click.echo(f"Only the first {MAX_CANDIDATES} candidates are listed; split the article "
                   "to review the rest.")
    if accept_all:
        click.echo(f"Stored {len(stored)} events.")
    else:
        click.echo(f"{len(candidates)} candidates; nothing stored (use --accept-all to store them).")
