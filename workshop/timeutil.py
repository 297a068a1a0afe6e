"""Timestamps: timezone-aware UTC everywhere."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """Return a stored moment as aware UTC (SQLite hands back naive UTC datetimes)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def isoformat(moment: datetime) -> str:
    """Return an ISO 8601 timestamp in UTC."""
    return aware(moment).isoformat()
