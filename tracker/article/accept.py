"""Storing what the user accepted: the source once, then events citing it.

Kept apart from the candidates so that nothing is written until someone accepts. The
store has no "add a source with its events" call yet, so accept_all nests the store's
own one-transaction writes inside one outer transaction (sqlite-utils turns the inner
ones into savepoints): either every event lands, or none and no source.
"""

from __future__ import annotations

from tracker.article.candidates import Candidate
from tracker.model.entities import Source
from tracker.store import Store


def stored_source_id(store: Store, source: Source) -> int | None:
    """The id of a stored source with the same uid or the very same text, if any: the
    bundled article imported again must cite the copy the seed stored."""
    if source.id is not None:
        return source.id
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    for stored in store.sources():
        if stored.uid == source.uid or stored.text == text:
            return stored.id
    return None


def ensure_source(store: Store, source: Source) -> int:
    """Store the source unless it is there already; sets and returns ``source.id``."""
    source_id = stored_source_id(store, source)
    if source_id is None:
        source_id = store.add_source(source)
    source.id = source_id
    return source_id


def accept_all(store: Store, source: Source, candidates: list[Candidate]) -> tuple[int, list[int]]:
    """Store the source and every candidate as an event, in one transaction."""
    with store.db.atomic():
        source_id = ensure_source(store, source)
        ids = [store.add_event(c.to_event(source_id)) for c in candidates]
    return source_id, ids
