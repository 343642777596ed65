"""Import a news article and propose events, with dates read against the article's own date.

Qt-free (the review panel in tracker.gui.review_panel is the only GUI part): extract
reads files and HTML, resolve turns temporal words into windows, candidates proposes
events, names matches actors and places, evaluate measures the resolver.
"""
