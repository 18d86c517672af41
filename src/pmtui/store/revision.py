"""The schema revision this pmtui works with: the newest in migrations/versions (a test checks
the two agree). Kept apart from the migration code, which needs SQLAlchemy, so that the app's
quick first read (pmtui.store.quick) can check it."""

HEAD = "0008"
