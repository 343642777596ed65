"""Qt-free timeline drawing: layout as pure functions over plain data, then matplotlib artists.

The window and image export both go through this package, so they never differ.
"""
