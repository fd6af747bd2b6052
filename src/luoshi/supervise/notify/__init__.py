"""Notifications: an outbox table in the ledger and pluggable delivery channels."""
