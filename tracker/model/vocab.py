"""Controlled vocabularies. Kept small and explicit; "other" catches the rest.

Each vocabulary maps the stored word to the label a person reads.
"""

from __future__ import annotations

STATUSES: dict[str, str] = {
    "occurred": "Occurred",
    "planned": "Planned",
    "announced": "Announced",
    "speculated": "Speculated",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
}

# Statuses for things that have not (yet) happened: drawn hollow / dashed.
NOT_YET_STATUSES = frozenset({"planned", "announced", "speculated", "postponed"})

EVENT_TYPES: dict[str, str] = {
    "summit": "Summit",
    "meeting": "Meeting",
    "negotiation": "Negotiation",
    "statement": "Statement",
    "announcement": "Announcement",
    "agreement": "Agreement",
    "release": "Release of detainees",
    "visit": "Visit",
    "policy": "Policy / review",
    "sanctions": "Sanctions",
    "military": "Military action / test",
    "reaction": "Reaction",
    "other": "Other",
}

LINK_KINDS: dict[str, str] = {
    "announces": "announces",
    "fulfils": "fulfils",
    "postpones": "postpones",
    "follows": "follows",
    "contradicts": "contradicts",
}

ACTOR_ROLES: dict[str, str] = {
    "participant": "Participant",
    "host": "Host",
    "visitor": "Visitor",
    "initiator": "Initiator",
    "recipient": "Recipient",
    "speaker": "Speaker",
    "envoy": "Envoy",
    "mediator": "Mediator",
    "subject": "Subject",
    "author": "Author",
}

ACTOR_KINDS: dict[str, str] = {
    "person": "Person",
    "state": "State",
    "organisation": "Organisation",
    "group": "Group",
}

# Precision words, from finest to coarsest. The label is what the UI shows after a window.
PRECISIONS: dict[str, str] = {
    "day": "exact day",
    "days": "a few days",
    "week": "a week",
    "part_of_month": "part of a month",
    "month": "a month",
    "season": "a season",
    "quarter": "a quarter",
    "year": "a year",
    "decade": "a decade",
}


def check(vocabulary: dict[str, str], value: str, what: str) -> str:
    """Return ``value`` if it belongs to ``vocabulary``; otherwise raise a ValueError that
    says what was wrong and what would be accepted."""
    if value in vocabulary:
        return value
    allowed = ", ".join(vocabulary)
    raise ValueError(f"{what} {value!r} is not known; use one of: {allowed}")
