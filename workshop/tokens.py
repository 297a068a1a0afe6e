"""Random tokens and their stored digests. Raw tokens are shown once and never stored."""

import hashlib
import secrets


def new_token(nbytes: int = 32, prefix: str = "") -> str:
    """Return a URL-safe random token with ``nbytes`` of entropy."""
    return prefix + secrets.token_urlsafe(nbytes)


def digest(token: str) -> str:
    """Return the hex SHA-256 under which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()
