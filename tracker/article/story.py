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
from tracker.article.match import Match, Matcher, report_excerpt
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
                  ) -> tuple[int, list[Decision]]:
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
                insert_report(store, picked.event_id, report_excerpt(c, source_id, source.title))
                decisions.append(Decision(c, picked, picked.event_id))
            else:
                event = c.to_event(source_id)
                event.excerpts = [report_excerpt(c, source_id, source.title)]
                decisions.append(Decision(c, None, store._insert_event(event)))
            matcher.written(decisions[-1].event_id)
    store._notify("sources")
    store._notify("events")
    return source_id, decisions
