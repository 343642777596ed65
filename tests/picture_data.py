"""The issue-15 picture: two dozen 2018–2019 events with a dense late-February cluster,
long titles, one in Hangul and one in Arabic, stored in a real database."""

from __future__ import annotations

from tracker.model.dateparse import parse_date
from tracker.model.entities import Event
from tracker.store import Store

# (title, date as a user types it, status, type)
EVENTS: list[tuple[str, str, str, str]] = [
    ("Kim Jong Un's New Year address offers talks", "1 Jan 2018", "occurred", "statement"),
    ("North Korea joins the Pyeongchang Winter Olympics", "9 Feb 2018", "occurred", "other"),
    ("Trump accepts an invitation to meet Kim", "8 Mar 2018", "occurred", "announcement"),
    ("Panmunjom summit of the two Korean leaders", "27 Apr 2018", "occurred", "summit"),
    ("Release of three American detainees", "9 May 2018", "occurred", "release"),
    ("Singapore summit", "12 Jun 2018", "occurred", "summit"),
    ("Remains of US soldiers returned", "27 Jul 2018", "occurred", "release"),
    ("Pompeo's fourth visit to Pyongyang", "7 Oct 2018", "occurred", "visit"),
    ("Pyongyang inter-Korean summit", "18–20 Sep 2018", "occurred", "summit"),
    ("Kim Jong Un's New Year address warns of a 'new way'", "1 Jan 2019", "occurred",
     "statement"),
    ("US missile defense review unveiled", "17 Jan 2019", "occurred", "policy"),
    ("Kim Yong Chol meets Trump at the White House", "18 Jan 2019", "occurred", "meeting"),
    ("White House announces a second Trump–Kim summit", "18 Jan 2019", "occurred",
     "announcement"),
    ("Stockholm working-level talks between the special envoys", "19–21 Jan 2019",
     "occurred", "negotiation"),
    ("Biegun and Kim Hyok Chol prepare the summit agenda in Pyongyang", "6 Feb 2019",
     "occurred", "negotiation"),
    ("Trump names Hanoi as the venue of the second summit", "8 Feb 2019", "occurred",
     "announcement"),
    ("하노이 정상회담 준비 회의", "21 Feb 2019", "occurred", "meeting"),
    ("Kim Jong Un's armoured train leaves Pyongyang for Vietnam", "23 Feb 2019", "occurred",
     "visit"),
    ("Kim Jong Un arrives in Dong Dang by train", "26 Feb 2019", "occurred", "visit"),
    ("Trump lands in Hanoi ahead of the talks", "26 Feb 2019", "occurred", "visit"),
    ("قمة هانوي بين ترامب وكيم", "27 Feb 2019", "occurred", "summit"),
    ("Second Trump–Kim summit ends without an agreement on sanctions relief", "28 Feb 2019",
     "occurred", "summit"),
    ("Ri Yong Ho's midnight press conference on the sanctions demand", "1 Mar 2019",
     "occurred", "statement"),
    ("Trump and Kim meet at the demilitarised zone", "30 Jun 2019", "occurred", "meeting"),
]


def add_picture_events(store: Store) -> list[int]:
    """Store :data:`EVENTS` (through the same path as the editor); their ids in order."""
    ids = []
    for title, words, status, kind in EVENTS:
        span = parse_date(words)
        ids.append(store.add_event(Event(id=None, uid="", title=title, start=span.start,
                                         end=span.end, status=status, type=kind)))
    return ids
