"""Diplomacy Timeline Tracker: diplomacy on a timeline, every event tied to its source's words."""

__version__ = "0.1.0"
