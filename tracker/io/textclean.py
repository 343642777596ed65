"""Text going into an export loses its control characters.

A title pasted from a PDF or a terminal can carry NUL, escape or form-feed characters;
spreadsheets show them as boxes, iCalendar forbids them (RFC 5545 §3.1: CONTROL characters
other than HTAB are not allowed in a value), and some calendar parsers refuse the whole
file over one. Line breaks and tabs are kept: they are the text's own layout.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate

# C0 controls except TAB and LF (CR is dropped: line ends are LF inside the app), DEL,
# the C1 controls, and lone surrogates that cannot be written as UTF-8.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without control characters (CRLF and CR become LF first)."""
    if not text:
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_event(event: Event) -> Event:
    """A copy of ``event`` whose texts are clean, for a writer that has no escaping for
    control characters (iCalendar, TimelineJS's HTML); the stored event is untouched."""
    def fuzzy(f: FuzzyDate | None) -> FuzzyDate | None:
        return None if f is None else replace(f, words=clean(f.words))

    return replace(
        event, title=clean(event.title), summary=clean(event.summary),
        location=clean(event.location), start=fuzzy(event.start), end=fuzzy(event.end),
        tags=[clean(t) for t in event.tags],
        actors=[replace(p, actor=clean(p.actor)) for p in event.actors],
        excerpts=[replace(x, quote=clean(x.quote)) for x in event.excerpts])
