"""`tracker import-article FILE…`: candidate events from articles, headless.

Prints what the review panel would list, and for each candidate the stored event it
most likely reports (issue 19); stores nothing unless --accept-all, so a user can look
first and import after. Several files are read in publication order, so that a story's
later reports find the events its earlier ones made.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli import _db_option, _open, cli
from tracker.store import StoreError, default_db_path

if TYPE_CHECKING:  # the article machinery loads only when the command runs
    from tracker.article.story import Decision
    from tracker.model.entities import Source


def _read_all(files: tuple[Path, ...], published: str | None) -> list[Source]:
    """Every file as a Source, oldest first; the first unreadable one stops everything
    before anything is stored."""
    from tracker.article.extract import ArticleError, parse_published, read_article

    sources = []
    for file in files:
        try:
            if published and len(files) == 1:  # one file: the date given wins
                source = read_article(file, parse_published(published))
            else:  # several: the date given fills in for those that do not say theirs
                try:
                    source = read_article(file)
                except ArticleError:
                    if not published:
                        raise
                    source = read_article(file, parse_published(published))
        except ArticleError as exc:
            raise click.ClickException(str(exc) if len(files) == 1 else f"{file}: {exc}") from None
        sources.append(source)
    return sorted(sources, key=lambda s: s.published_at)


def _expand(files: tuple[Path, ...]) -> tuple[Path, ...]:
    """A folder stands for the .txt and .html articles in it (not its sub-folders)."""
    out: list[Path] = []
    for f in files:
        if f.is_dir():
            found = sorted(p for p in f.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))
            if not found:
                raise click.ClickException(f"{f} holds no .txt or .html articles.")
            out += found
        else:
            out.append(f)
    return tuple(out)


@cli.command("import-article")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE",
              help="Publication date (YYYY-MM-DD[THH:MM[+HH:MM]]): of the one FILE, or of "
                   "those of several FILES that do not say it.")
@click.option("--json", "as_json", is_flag=True, help="Print the sources and candidates as JSON.")
@click.option("--accept-all", is_flag=True,
              help="Store the articles: each candidate as a report of the event it matches, "
                   "or as a new event.")
@click.option("--no-match", is_flag=True,
              help="Do not look for stored events: every candidate becomes a new event.")
@_db_option
@click.pass_context
def import_article_cmd(ctx: click.Context, files: tuple[Path, ...], published: str | None,
                       as_json: bool, accept_all: bool, no_match: bool,
                       db_path: Path | None) -> None:
    """Read FILES (.txt or .html, or folders of them) and list the events they report,
    dated from their own words, each with the stored event it most likely reports."""
    from tracker.article.candidates import MAX_CANDIDATES, find_candidates
    from tracker.article.match import Matcher
    from tracker.article.names import builtin_actors
    from tracker.article.story import Decision, store_article

    sources = _read_all(_expand(files), published)
    # Only open (and so create) a database when one exists or the user asked to store.
    path = db_path or ctx.find_root().obj.get("db") or default_db_path()
    store = _open(ctx, db_path) if accept_all or (path and Path(path).exists()) else None
    out = []
    for source in sources:
        known = store.actors() if store is not None else builtin_actors()
        candidates = find_candidates(source, known)
        if accept_all and store is not None:
            try:
                _, decisions = store_article(store, source, candidates, match=not no_match)
            except StoreError as exc:
                raise click.ClickException(str(exc)) from None
        else:
            matcher = Matcher(store) if store is not None and not no_match else None
            decisions = [Decision(c, (matcher.find(c) or [None])[0] if matcher else None)
                         for c in candidates]
        out.append((source, decisions))
        if not as_json:
            _print(source, decisions, accept_all)
            if len(candidates) >= MAX_CANDIDATES:
                click.echo(f"Only the first {MAX_CANDIDATES} candidates are listed; split the "
                           "article to review the rest.")
    if as_json:
        docs = [_as_json(source, decisions) for source, decisions in out]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))


def _as_json(source: Source, decisions: list[Decision]) -> dict:
    return {
        "source": {"title": source.title, "author": source.author, "outlet": source.outlet,
                   "url": source.url, "published_at": source.published_at,
                   "chars": len(source.text)},
        "candidates": [{**d.candidate.as_dict(), "match": None if d.match is None else {
            "event_id": d.match.event_id, "title": d.match.title, "window": d.match.window,
            "score": d.match.score, "why": d.match.explain()}} for d in decisions],
        "stored_event_ids": [d.event_id for d in decisions if d.event_id is not None],
    }


def _print(source: Source, decisions: list[Decision], accept_all: bool) -> None:
    click.echo(f"{source.title} — published {source.published_at}")
    if not decisions:
        click.echo("No dated events found: the text names no date this importer understands.")
        return
    for i, d in enumerate(decisions, 1):
        c = d.candidate
        click.echo(f"{i:>3}. {c.date.window_text():<18} {c.status:<10} {c.type:<12} {c.title}")
        actors = ", ".join(p.actor for p in c.actors) or "—"
        click.echo(f"     “{c.date.words}” at {c.date_span[0]}–{c.date_span[1]}; sentence "
                   f"{c.span[0]}–{c.span[1]}; actors: {actors}"
                   + (f"; place: {c.location}" if c.location else "")
                   + (f"; reported in {len(c.spans)} sentences" if len(c.spans) > 1 else "")
                   + (f"; new names: {', '.join(c.new_actor_names)}" if c.new_actor_names else ""))
        if d.match is not None:
            verb = "added as a report of" if accept_all else "reports"
            click.echo(f"     → {verb} #{d.match.event_id} “{d.match.title}” "
                       f"({d.match.window}): {d.match.explain()}")
    if accept_all:
        new = sum(d.match is None for d in decisions)
        click.echo(f"Stored {new} new events and {len(decisions) - new} reports of stored events.")
    else:
        click.echo(f"{len(decisions)} candidates; nothing stored (use --accept-all to store them).")
