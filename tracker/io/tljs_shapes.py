"""The shapes TimelineJS files come in, turned into the one TimelineJS3 documents.

* v3: ``{"title": slide, "events": [slide…], "eras": [era…]}``;
* an early v3 shape still on the web: ``{"timeline": {"slides": [slide…]}}``;
* v2 (TimelineJS 2, "Verite"): ``{"timeline": {"headline", "startDate", "date": [item…],
  "era": [item…]}}`` where an item has ``startDate``/``endDate`` as ``"1963,8,9"``,
  ``headline``, ``text``, ``tag`` and an ``asset``.
"""

from __future__ import annotations

from typing import Any


def is_timelinejs(doc: Any) -> bool:
    return normalise(doc) is not None


def normalise(doc: Any) -> dict[str, Any] | None:
    """A v3 document ({"events", "eras"}) for any of the shapes, or None for other JSON."""
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("events"), list):
        return doc
    inner = doc.get("timeline")
    if not isinstance(inner, dict):
        return None
    if isinstance(inner.get("date"), list):
        return {"events": [_v2(item) for item in inner["date"]],
                "eras": [_v2(item) for item in inner.get("era") or []
                         if isinstance(item, dict)]}
    for key in ("events", "slides"):
        if isinstance(inner.get(key), list):
            return {"events": inner[key], "eras": inner.get("eras") or []}
    return None


def _v2(item: Any) -> Any:
    """A v2 date (or era) item as a v3 slide; anything not an object is left for the
    importer to reject with its number."""
    if not isinstance(item, dict):
        return item
    slide: dict[str, Any] = {"text": {"headline": item.get("headline") or "",
                                      "text": item.get("text") or ""}}
    for old, new in (("startDate", "start_date"), ("endDate", "end_date")):
        if item.get(old) not in (None, ""):
            slide[new] = v2_date(item[old])
    if "start_date" not in slide:
        slide["start_date"] = None
    if item.get("tag"):
        slide["group"] = item["tag"]
    return slide


def v2_date(value: Any) -> Any:
    """``"1963,8,9"`` (year, month, day, then hours and minutes) → v3 date parts."""
    if not isinstance(value, str | int):
        return value
    parts = [p.strip() for p in str(value).split(",")]
    return {key: part for key, part in zip(("year", "month", "day"), parts, strict=False)
            if part}
