"""Bring an article in: a UTF-8 .txt file, an .html page, or pasted text, as a Source.

Every failure is an ArticleError whose message tells a person what is wrong with the
file and what to do, because the GUI and the CLI show it as it is. HTML is reduced to
its main text with trafilatura, on the local bytes only (no fetching): excerpts will
point into that text by code point, so it is stored exactly as extracted.

A .txt file may have a sidecar with the same name and .json (as resources/sources/
does) holding title, outlet, url, author, published_at and updated_at.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from tracker.model.entities import Source

MAX_BYTES = 5 * 1024 * 1024
MIN_ARTICLE_CHARS = 80
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32",
         b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
_META_KEYS = ("title", "outlet", "url", "author", "published_at", "updated_at")


class ArticleError(ValueError):
    """The input cannot become an article; the message is for people."""


def parse_published(text: str) -> str:
    """"2019-01-19", "2019-01-19 08:33" or "2019-01-19T08:33+05:30" → ISO 8601."""
    raw = (text or "").strip()
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw).isoformat()
        return dt.datetime.fromisoformat(raw).isoformat()
    except ValueError:
        raise ArticleError(f"{raw!r} is not a publication date; use YYYY-MM-DD, optionally with "
                           "a time and offset (e.g. 2019-01-19T08:33+05:30).") from None


def _uid(text: str) -> str:
    """Content-derived, so importing the same article twice finds the stored copy."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    if not path.exists():
        raise ArticleError(f"There is no file {name!r} (looked in {path.parent}).")
    if path.is_dir():
        raise ArticleError(f"{name!r} is a folder, not a file.")
    if not path.is_file():  # /dev/zero, a pipe: reading it might never end
        raise ArticleError(f"{name!r} is not a regular file (it is a device or a pipe), so "
                           "it holds no article.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{name!r} is {size / 1024 / 1024:.1f} MB; an article can be at most "
                               f"{MAX_BYTES // (1024 * 1024)} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{name!r} could not be read: {exc.strerror or exc}.") from None
    if not data.strip():
        raise ArticleError(f"{name!r} is empty; there is no article in it.")
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name!r} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    return data


def read_text(path: str | Path) -> str:
    """A UTF-8 text file (at most MAX_BYTES), line ends made "\\n"; ArticleError (a
    ValueError) says what is wrong. Shared by article import and File → Add Source."""
    p = Path(path)
    return decode_text(_read_bytes(p), p.name or str(p))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text with "\\n" line ends, or an ArticleError naming the problem."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            raise ArticleError(f"{name!r} is encoded as {encoding}, not UTF-8; save it as UTF-8 "
                               "text and open it again.")
    if b"\x00" in data:
        raise ArticleError(f"{name!r} looks like a binary file (it contains NUL bytes), not an "
                           "article; save the article as .txt or .html first.")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name!r}: the encoding is not UTF-8 (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start} is not valid UTF-8); save it as UTF-8 text and open it again.") from None
    if not text.strip():
        raise ArticleError(f"{name!r} is empty; there is no article in it.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def source_from_text(text: str, published: str, *, title: str = "", outlet: str = "",
                     url: str = "", author: str = "", updated: str = "") -> Source:
    """A pasted or read text as a Source. The publication date is required: without it
    "Friday" or "In May" cannot be read."""
    if not text or not text.strip():
        raise ArticleError("There is no text: paste or open an article first.")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ArticleError(f"The text is over {MAX_BYTES // (1024 * 1024)} MB; an article can be "
                           "at most that long.")
    if not (published or "").strip():
        raise ArticleError("The article needs its publication date (YYYY-MM-DD): words like "
                           "“Friday” or “In May” are read against it.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Source(None, _uid(text), (title or first_line[:200]).strip() or "Untitled article",
                  text, outlet=outlet, url=url, author=author,
                  published_at=parse_published(published),
                  updated_at=parse_published(updated) if updated else "")


def source_from_html(html: bytes | str, published: str | None = None, *, name: str = "page",
                     url: str = "") -> Source:
    """The page's main text and metadata (title, author, date) via trafilatura.
    ``published`` overrides the page's own date; a page without one needs it."""
    import trafilatura

    if isinstance(html, bytes) and b"\x00" in html:
        raise ArticleError(f"{name!r} looks like a binary file, not an HTML page.")
    try:
        doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True,
                                          include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises several kinds on broken markup
        raise ArticleError(f"{name!r} could not be read as HTML ({exc.__class__.__name__}).") from None
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        raise ArticleError(f"{name!r} is an HTML page without an article: no main text was found "
                           "in it. Save the article's own page, or paste its text.")
    date = published or data.get("date") or ""
    if not date:
        raise ArticleError(f"{name!r} does not say when it was published; give the publication "
                           "date (YYYY-MM-DD).")
    return source_from_text(text, date, title=data.get("title") or "",
                            outlet=data.get("sitename") or "", url=url or data.get("url") or "",
                            author=data.get("author") or "")


def _sidecar(path: Path) -> dict[str, str]:
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in _META_KEYS if isinstance(data.get(k), str)}


def read_article(path: str | Path, published: str | None = None) -> Source:
    """A .txt or .html file as a Source; ``published`` (ISO) overrides any date found."""
    p = Path(path)
    data = _read_bytes(p)
    head = data[:512].lstrip().lower()
    if p.suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return source_from_html(data, published, name=p.name)
    text = decode_text(data, p.name)
    meta = _sidecar(p)
    date = published or meta.get("published_at", "")
    if not date:
        raise ArticleError(f"{p.name!r} does not say when it was published; give the "
                           "publication date (--published YYYY-MM-DD).")
    return source_from_text(text, date, title=meta.get("title", ""), outlet=meta.get("outlet", ""),
                            url=meta.get("url", ""), author=meta.get("author", ""),
                            updated=meta.get("updated_at", ""))
