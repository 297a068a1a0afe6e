"""Timestamps: timezone-aware UTC everywhere."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def isoformat(moment: datetime) -> str:
    """Return an ISO 8601 timestamp in UTC (SQLite hands back naive UTC datetimes)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()
