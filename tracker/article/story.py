"""Importing articles that follow one story: each candidate either reports an event
already stored (it becomes another excerpt of it, with the window and status it gave)
or is a new event. Used by `tracker import-article FILE… --accept-all` and the window's
batch import; the review panel makes the same decisions one at a time.

An article is one transaction: its source, its new events and its new reports land
together or not at all, and the views are told once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.article.accept import stored_source_id
from tracker.article.candidates import Candidate
from tracker.article.match import Match, Matcher, report_excerpts
from tracker.model.entities import Source
from tracker.store import Store
from tracker.store.reports import insert_report


@dataclass(slots=True)
class Decision:
    candidate: Candidate
    match: Match | None  # the event it was added to as a report, or None: a new event
    event_id: int | None = None


def store_article(store: Store, source: Source, candidates: list[Candidate], *,
                  match: bool = True,
                  choose: Callable[[Candidate, list[Match]], Match | None] | None = None,
                  notify: bool = True) -> tuple[int, list[Decision]]:
    """Store the source and every candidate: as a report of its best match (when
    ``match``; ``choose`` may pick another or None for a new event), else as a new
    event. Returns the source id and what became of each candidate."""
    decisions: list[Decision] = []
    with store.write():
        source_id = stored_source_id(store, source)
        if source_id is None:
            source_id = store._insert_source(source)
        source.id = source_id
        matcher = Matcher(store)
        for c in candidates:
            found = matcher.find(c) if match else []
            picked = (choose(c, found) if choose else found[0]) if found else None
            if picked is not None:
                for x in report_excerpts(c, source_id, source.title):
                    insert_report(store, picked.event_id, x)
                decisions.append(Decision(c, picked, picked.event_id))
            else:
                event = c.to_event(source_id)
                event.excerpts = report_excerpts(c, source_id, source.title)
                decisions.append(Decision(c, None, store._insert_event(event)))
            matcher.written(decisions[-1].event_id)
    if notify:
        store._notify("sources")
        store._notify("events")
    return source_id, decisions


class Cancelled(Exception):
    """The person cancelled a batch import; nothing of it was stored."""


@dataclass(slots=True)
class BatchReport:
    articles: int = 0
    new_events: int = 0
    reports: int = 0

    def summary(self) -> str:
        return (f"{self.articles} article{'s' if self.articles != 1 else ''}: "
                f"{self.new_events} new event{'s' if self.new_events != 1 else ''}, "
                f"{self.reports} report{'s' if self.reports != 1 else ''} of stored events")


def import_story(store: Store, sources: list[Source], *,
                 progress: Callable[[int, int], bool] | None = None) -> BatchReport:
    """Store several articles in publication order, each candidate as a report of the
    event it matches or as a new event: all in one transaction, so a cancelled batch
    (``progress`` returned False; Cancelled is raised) leaves the database as it was.
    The views are told once, at the end."""
    from tracker.article.candidates import find_candidates

    ordered = sorted(sources, key=lambda s: s.published_at)
    report = BatchReport()
    with store.write():
        for done, source in enumerate(ordered):
            if progress is not None and not progress(done, len(ordered)):
                raise Cancelled
            candidates = find_candidates(source, store.actors())
            _, decisions = store_article(store, source, candidates, notify=False)
            report.articles += 1
            report.reports += sum(d.match is not None for d in decisions)
            report.new_events += sum(d.match is None for d in decisions)
        if progress is not None and not progress(len(ordered), len(ordered)):
            raise Cancelled
    store._notify("sources")
    store._notify("events")
    return report
