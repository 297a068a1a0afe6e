"""The public JSON API, /api/v1. A contract: docs/api.md and /api/v1/openapi.json describe it."""

from . import followups, library, practices, running, stories, workshops  # noqa: F401  (register their routes on the blueprint)
from .common import bp

__all__ = ["bp"]
