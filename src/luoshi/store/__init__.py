"""Stage: store — the only package that imports SQLAlchemy.

``models`` holds the tables, ``db`` the engine and sessions (one URL: SQLite or PostgreSQL),
``ledger`` the unit of work services receive, ``migrate`` the Alembic migrations shipped in
``migrations/``, ``audit`` the flush hook that writes an AuditEvent for every change.
"""
