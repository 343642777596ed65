"""Edit → New Event from Selection: propose an event from a passage as the review panel
proposes one from an imported article.

The passage is read by the same article reader (tracker.article.candidates): its first
dated expression gives the date with the source's own words ("on Thursday", read against
the publication date), and its clause the title, type, status, place and actors. The new
event cites exactly the selected characters. A passage without a date the reader knows
still gets a title (its opening words) and the old guess at a date, for the person to
confirm or correct.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.model.entities import Event, Excerpt, Source
from tracker.store import Store

TITLE_LIMIT = 80


def opening_words(passage: str, limit: int = TITLE_LIMIT) -> str:
    """A title for a passage that names no date: its first sentence, cut at a word."""
    text = " ".join(passage.split())
    text = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(" .,;:")
    text = text.strip("“”\"' ")
    if len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def draft_from_passage(store: Store, source: Source, start: int, end: int, quote: str,
                       reference: dt.date | None) -> Event | None:
    """The event the review panel would propose for this passage, citing exactly it;
    None when the passage holds no date the article reader resolves (or the source has
    no publication date to read it against)."""
    from tracker.article.candidates import find_candidates

    if reference is None:
        return None
    passage = Source(None, "", source.title, quote, published_at=source.published_at)
    try:
        candidates = find_candidates(passage, store.actors(), limit=1)
    except ValueError:  # the publication date is not one the reader understands
        return None
    if not candidates:
        return None
    draft = candidates[0].to_event(int(source.id or 0))
    draft.excerpts = [Excerpt(int(source.id or 0), start, end, quote, source_title=source.title)]
    return draft
