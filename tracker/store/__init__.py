"""The only place that knows SQL. Nothing here imports Qt."""

from tracker.store.db import SCHEMA_VERSION, StoreError, default_db_path, open_database
from tracker.store.repo import Store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "default_db_path", "open_database"]
