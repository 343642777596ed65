"""What the person wants to see: search text and filters, shared by the timeline, the
table, image export and `tracker list`. Plain data; the store turns it into SQL."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tracker.model.fuzzydate import format_day
from tracker.model.vocab import EVENT_TYPES, STATUSES

LANE_MODES = {"none": "No lanes", "actor": "By actor", "type": "By type",
              "location": "By location"}


def arrange(lanes: Sequence[tuple[str, str]], order: Iterable[str]) -> list[tuple[str, str]]:
    """``lanes`` (key, label) with the keys named in ``order`` first, in that order, and the
    others after them in the order given. Keys of ``order`` not among the lanes are skipped,
    so a remembered order can be applied to whatever the view holds now."""
    by_key = dict(lanes)
    first = [k for k in dict.fromkeys(order) if k in by_key]
    placed = set(first)
    return [(k, by_key[k]) for k in first] + [(k, lbl) for k, lbl in lanes if k not in placed]


@dataclass(frozen=True, slots=True)
class Filter:
    search: str = ""
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    as_of: dt.date | None = None  # the timeline as known on this day (issue 19)
    source_titles: dict[int, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_empty(self) -> bool:
        return not (self.search.strip() or self.actors or self.types or self.statuses
                    or self.tags or self.sources or self.date_from or self.date_to
                    or self.as_of)

    def chips(self) -> list[tuple[str, str]]:
        """(key, label) for each active condition; ``without(key)`` removes one."""
        out: list[tuple[str, str]] = []
        if self.search.strip():
            out.append(("search", f"Search: {self.search.strip()}"))
        out += [(f"actor:{a}", f"Actor: {a}") for a in self.actors]
        out += [(f"type:{t}", f"Type: {EVENT_TYPES.get(t, t)}") for t in self.types]
        out += [(f"status:{s}", f"Status: {STATUSES.get(s, s)}") for s in self.statuses]
        out += [(f"tag:{t}", f"Tag: {t}") for t in self.tags]
        out += [(f"source:{s}", f"Source: {self.source_titles.get(s, f'#{s}')}")
                for s in self.sources]
        if self.date_from:
            out.append(("from", f"From {format_day(self.date_from)}"))
        if self.date_to:
            out.append(("to", f"To {format_day(self.date_to)}"))
        if self.as_of:
            out.append(("asof", f"As known on {format_day(self.as_of)}"))
        return out

    def without(self, key: str) -> Filter:
        kind, _, value = key.partition(":")
        if kind == "search":
            return replace(self, search="")
        if kind == "from":
            return replace(self, date_from=None)
        if kind == "to":
            return replace(self, date_to=None)
        if kind == "asof":
            return replace(self, as_of=None)
        if kind == "source":
            return replace(self, sources=tuple(s for s in self.sources if str(s) != value))
        name = {"actor": "actors", "type": "types", "status": "statuses", "tag": "tags"}[kind]
        # The field is chosen at run time, so its type is too (a tuple of str).
        changes: dict[str, Any] = {name: tuple(v for v in getattr(self, name) if v != value)}
        return replace(self, **changes)

    def adding(self, kind: str, value: str | int) -> Filter:
        """A copy with one more value of ``kind`` (actor, type, status, tag, source)."""
        name = {"actor": "actors", "type": "types", "status": "statuses", "tag": "tags",
                "source": "sources"}[kind]
        current = getattr(self, name)
        changes: dict[str, Any] = {name: (*current, value)}
        return self if value in current else replace(self, **changes)


_PHRASE = re.compile(r'"([^"]*)"')
_TOKEN = re.compile(r"\w+", re.UNICODE)


# Bounds that keep every search quick on the window's thread: SQLite refuses LIKE
# patterns over 50,000 bytes ("pattern too complex"), and each distinct word is one more
# prefix scan of the full-text index.
MAX_SEARCH_CHARS = 500
MAX_SEARCH_WORDS = 16


def search_problem(text: str) -> str | None:
    """Why ``text`` cannot be searched for (too long, too many words), or None."""
    if len(text) > MAX_SEARCH_CHARS:
        return (f"The search is {len(text):,} characters long; keep it to "
                f"{MAX_SEARCH_CHARS:,} or fewer.")
    words = len(set(search_terms(text)))
    if words > MAX_SEARCH_WORDS:
        return (f"The search has {words} different words; use {MAX_SEARCH_WORDS} or fewer "
                "(the most telling ones).")
    return None


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a person typed: quoted phrases stay phrases, every
    other word is a prefix term, and nothing typed (AND, NOT, -, *, :, ^, parentheses,
    a lone quote) can reach FTS5 as an operator. None when nothing is searchable."""
    parts: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _TOKEN.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", text)
    parts += [f'"{word}"*' for word in _TOKEN.findall(rest)]
    parts = list(dict.fromkeys(parts))  # a word twice narrows nothing: one scan of it
    return " ".join(parts) if parts else None


def search_terms(text: str) -> list[str]:
    """Words and phrases to highlight in a source text, longest first."""
    terms = [" ".join(_TOKEN.findall(p)) for p in _PHRASE.findall(text)]
    terms += _TOKEN.findall(_PHRASE.sub(" ", text))
    return sorted({t for t in terms if t}, key=len, reverse=True)
