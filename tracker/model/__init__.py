"""Qt-free domain: dataclasses, fuzzy dates and vocabularies."""
