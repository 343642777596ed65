"""Plain data the timeline draws. The store produces these; the timeline never sees SQL or Qt.

Events, links and bins are NamedTuples (immutable, quick to make by the thousand and to
define at start-up; see tracker.timeline.geometry); change one with ``_replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# Day numbers are proleptic Gregorian ordinals (datetime.date.toordinal()).
# Matplotlib's date numbers (default epoch 1970-01-01) are ordinal - MPL_EPOCH_ORDINAL.
MPL_EPOCH_ORDINAL = 719163


class TimelineItem(NamedTuple):
    """One event as the timeline sees it.

    start_lo..start_hi is the window in which the event starts (inclusive day ordinals);
    equal for an exact day. end_lo..end_hi is the window in which it ends, or None for an
    event that fits in one day (or whose end is unknown). ``precision`` is the vocabulary
    word of tracker.model.vocab.PRECISIONS ("day", "month", "part_of_month", ...).
    """

    id: int
    title: str
    status: str  # occurred, planned, announced, speculated, postponed, cancelled
    type: str  # summit, meeting, statement, ... (tracker.model.vocab.EVENT_TYPES)
    precision: str
    start_lo: int
    start_hi: int
    end_lo: int | None = None
    end_hi: int | None = None
    lanes: tuple[str, ...] = ()  # lane keys this event appears in (actors, type, ...)
    priority: float = 0.0  # higher keeps its label when labels must be hidden
    overdue: bool = False  # a plan whose window passed unfulfilled: drawn with a mark

    @property
    def lo(self) -> int:
        return self.start_lo

    @property
    def hi(self) -> int:
        """Last day the event may touch (inclusive)."""
        return max(self.start_hi, self.end_hi if self.end_hi is not None else self.start_hi)

    @property
    def is_exact(self) -> bool:
        return self.start_lo == self.start_hi and self.end_lo is None


class TimelineLink(NamedTuple):
    from_id: int
    to_id: int
    kind: str  # announces, fulfils, postpones, follows, contradicts


class Bin(NamedTuple):
    """Aggregate count for a day range that is too dense to draw event by event."""

    lo: int  # first day (inclusive ordinal)
    hi: int  # last day (inclusive ordinal)
    count: int
    lane: str = ""


@dataclass(slots=True)
class TimelineData:
    """Everything one frame of the timeline needs, as the store delivered it for a view."""

    items: list[TimelineItem] = field(default_factory=list)
    links: list[TimelineLink] = field(default_factory=list)
    bins: list[Bin] = field(default_factory=list)  # non-empty when the view is aggregated
    total_in_view: int = 0  # how many events the view holds (>= len(items) when aggregated)
    reference_day: int | None = None  # ordinal of the reference date line (e.g. today)
    lanes: list[tuple[str, str]] = field(default_factory=list)  # (key, label), in order
