"""The domain objects as plain dataclasses; the store fills them, everything else reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.model.fuzzydate import FuzzyDate


@dataclass(slots=True)
class Source:
    id: int | None
    uid: str
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    author: str = ""
    published_at: str = ""  # ISO 8601 with offset, e.g. 2019-01-19T08:33:00+05:30
    updated_at: str = ""
    kind: str = "article"


@dataclass(slots=True)
class Actor:
    id: int | None
    name: str
    kind: str = "person"
    country: str = ""


@dataclass(slots=True)
class Participation:
    actor: str  # actor name (unique)
    role: str = "participant"


@dataclass(slots=True)
class Excerpt:
    """A span [char_start, char_end) of a source's text, in Python str code points."""

    source_id: int
    char_start: int
    char_end: int
    quote: str
    id: int | None = None
    source_title: str = ""
    valid: bool = True  # False when the quote no longer matches the source text
    # What this report said about the event when its source was published (issue 19):
    # None means "what the event says", filled in when the excerpt is stored.
    report_start: FuzzyDate | None = None
    report_end: FuzzyDate | None = None
    report_status: str = ""
    report_location: str = ""
    published_at: str = ""  # the source's publication time (read from the source)


@dataclass(slots=True)
class Link:
    from_id: int
    to_id: int
    kind: str
    other_title: str = ""


@dataclass(slots=True)
class Event:
    id: int | None
    uid: str
    title: str
    start: FuzzyDate
    end: FuzzyDate | None = None
    status: str = "occurred"
    type: str = "other"
    summary: str = ""
    location: str = ""
    actors: list[Participation] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # outgoing and incoming
    created_at: str = ""
    updated_at: str = ""
    version: int = 1

    @property
    def date_text(self) -> str:
        return self.start.words

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        return self.end.latest if self.end else self.start.latest
