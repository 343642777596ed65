"""Storing what the user accepted: the source once, then events citing it.

Kept apart from the candidates so that nothing is written until someone accepts.
accept_all is one store.write() transaction: either every event lands, or none and no
source; the views are told once, after the commit.
"""

from __future__ import annotations

from tracker.article import gazetteer
from tracker.article.candidates import Candidate
from tracker.model.entities import Source
from tracker.store import Store


def stored_source_id(store: Store, source: Source) -> int | None:
    """The id of a stored source with the same uid or the very same text, if any: the
    bundled article imported again must cite the copy the seed stored."""
    if source.id is not None:
        return source.id
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    return store.find_source(source.uid, text)
    return None


def ensure_kinds(store: Store, names: list[str]) -> None:
    """Create the gazetteer's states and bodies among ``names`` with their kind, so that
    storing an event (which creates a missing actor as a person) finds them made. Call it
    inside store.write(); an actor that exists already is left as it is."""
    for name in sorted(set(names)):
        entry = gazetteer.entries().get(name)
        if entry is not None and entry.actor == name:
            store.ensure_actor(name, entry.kind)  # a state is stored as a state, not a person


def accept_all(store: Store, source: Source, candidates: list[Candidate]) -> tuple[int, list[int]]:
    """Store the source and every candidate as an event, in one transaction."""
    with store.write():
        ensure_kinds(store, [p.actor for c in candidates for p in c.actors])
        source_id = stored_source_id(store, source)
        if source_id is None:
            source_id = store._insert_source(source)
        source.id = source_id
        ids = [store._insert_event(c.to_event(source_id)) for c in candidates]
    store._notify("sources")
    store._notify("events")
    return source_id, ids
