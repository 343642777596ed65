"""A period: a named span of time ("Singapore process", "Hanoi preparations") that frames
the events inside it. It is not an event: nothing happened "on" it, so it has no status,
actors or sources; the timeline draws it as a labelled band behind the events, and
TimelineJS calls the same thing an era."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(slots=True)
class Period:
    id: int | None
    uid: str
    name: str
    first: dt.date
    last: dt.date
    note: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the period {self.name!r} ends ({self.last}) before it starts "
                             f"({self.first})")
