"""Alembic environment of the kiosk database (installed as kiosk.migrations)."""
