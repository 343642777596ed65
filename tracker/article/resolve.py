"""The article importer's name for the date resolver, which lives in tracker.model.relative.

The resolver moved to the model so that the editor, `tracker parse-date`, CSV import and
article import read the same words the same way (one grammar); this module keeps the
importer's imports and the resolver's tests where they were.
"""

from tracker.model.relative import TENSES, resolve_expression, resolve_span

__all__ = ["TENSES", "resolve_expression", "resolve_span"]
