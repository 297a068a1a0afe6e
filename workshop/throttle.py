"""Limits, counted with Flask-Limiter: on failures (wrong join codes and wrong passwords)
and on volume (what one participant posts, the seats one address opens).

The counts live in Flask-Limiter's storage: Redis when RATELIMIT_STORAGE_URI (or,
failing that, MESSAGE_QUEUE_URL) names one, so every process shares them; else this
process's memory. Only failures are counted, and a request that is right is never
refused by them: a correct join code joins, whoever typed wrong ones before.

The client's address is ``request.remote_addr``, which ProxyFix sets from
X-Forwarded-For only as far as PROXY_COUNT says (0: the socket's peer, whatever the
header claims).
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from limits import parse

from . import config, errors
from .errors import DomainError, RateLimited, WorkshopNotFound

log = logging.getLogger(__name__)


_warned: list[bool] = []


def client_address() -> str:
    """Return the client's address (after ProxyFix, when PROXY_COUNT trusts proxies)."""
    if (
        not _warned
        and "X-Forwarded-For" in request.headers
        and not current_app.config.get("PROXY_COUNT")
    ):
        # Behind a proxy every client has the proxy's address: the per-address limits then
        # count everyone together (the owner's own browser keeps its allowance, see
        # facilitators.services.authenticate). Not trusting the header is the safe default.
        _warned.append(True)
        log.warning(
            "Requests carry X-Forwarded-For but PROXY_COUNT is 0: every client counts as "
            "the proxy's address. Set PROXY_COUNT to the number of proxies in front."
        )
    return request.remote_addr or "unknown"


#: No limit on routes by itself: the app counts failures through ``failed``/``is_over``.
limiter = Limiter(key_func=client_address, strategy="moving-window")

#: The config keys of the limits (their defaults and environment overrides: config.py).
JOIN_CODES_PER_ADDRESS = "LIMIT_WRONG_CODES_PER_ADDRESS"
JOIN_CODES_EVERYONE = "LIMIT_WRONG_CODES_EVERYONE"
SIGN_IN_PER_ACCOUNT_AND_CLIENT = "LIMIT_SIGN_IN_PER_ACCOUNT_AND_CLIENT"
SIGN_IN_PER_ADDRESS = "LIMIT_SIGN_IN_PER_ADDRESS"
SIGN_IN_PER_ACCOUNT = "LIMIT_SIGN_IN_PER_ACCOUNT"
STORIES = "LIMIT_STORIES_PER_PARTICIPANT"
PRACTICES = "LIMIT_PRACTICES_PER_PARTICIPANT"
REACTIONS = "LIMIT_REACTIONS_PER_PARTICIPANT"
JOINS = "LIMIT_JOINS_PER_ADDRESS"
SOCKET_CONNECTS = "LIMIT_SOCKET_CONNECTS_PER_CREDENTIAL"
SOCKET_FLOODS = "LIMIT_SOCKET_FLOODS_PER_CREDENTIAL"


class TooManyWrongCodes(RateLimited):
    message = _l("Too many wrong codes. Check the code on the screen and try again in a minute.")


class TooFast(RateLimited):
    message = _l(
        "You are sending faster than anyone can write. Wait a minute and send again: "
        "your text is kept."
    )


class TooManyReactions(RateLimited):
    message = _l("Too many reactions in a short time. Wait a minute and try again.")


class TooManyJoins(RateLimited):
    message = _l(
        "Too many people have joined from this address in the last minute. "
        "Wait a moment and try again."
    )


_VOLUME_ERRORS: dict[str, type[RateLimited]] = {
    STORIES: TooFast,
    PRACTICES: TooFast,
    REACTIONS: TooManyReactions,
    JOINS: TooManyJoins,
}


def _storage_uri(app: Flask) -> str:
    return (
        app.config.get("RATELIMIT_STORAGE_URI")
        or app.config.get("MESSAGE_QUEUE_URL")
        or "memory://"
    )


def init_app(app: Flask) -> None:
    """Bind the limiter: counts on Redis when the app has one, else in memory."""
    for key in config.LIMITS:
        parse(app.config[key])  # a mistyped limit stops the start, not the first request
    app.config["RATELIMIT_STORAGE_URI"] = _storage_uri(app)
    limiter.init_app(app)

    def wrong_code(error: WorkshopNotFound):
        # Any page or API call that looks a workshop up by code: a miss is a guess.
        return errors.domain_error_response(counted(error))

    app.register_error_handler(WorkshopNotFound, wrong_code)


def is_over(setting: str, *identifiers: str) -> bool:
    """Return True while the failures counted under ``identifiers`` have used up the limit."""
    item = parse(current_app.config[setting])
    try:
        return not limiter.limiter.test(item, setting, *identifiers)
    except Exception:  # storage down (Redis restarting): let people in rather than lock out
        log.warning("rate-limit storage unreachable; %s not checked", setting, exc_info=True)
        return False


def failed(setting: str, *identifiers: str) -> bool:
    """Count one failure; return False when it was over the limit (and was not counted)."""
    item = parse(current_app.config[setting])
    try:
        return limiter.limiter.hit(item, setting, *identifiers)
    except Exception:  # storage down, as above
        log.warning("rate-limit storage unreachable; %s not counted", setting, exc_info=True)
        return True


def retry_after(setting: str, *identifiers: str) -> float:
    """Return the seconds until the limit under ``identifiers`` takes one more (0 if now)."""
    item = parse(current_app.config[setting])
    try:
        reset_at, remaining = limiter.limiter.get_window_stats(item, setting, *identifiers)
    except Exception:  # storage down, as above
        return 0.0
    return 0.0 if remaining > 0 else max(0.0, math.ceil((reset_at - time.time()) * 10) / 10)


def spend(setting: str, *identifiers: str) -> None:
    """Count one action under a volume limit; raise RateLimited (429) once it is used up."""
    if not failed(setting, *identifiers):
        raise _VOLUME_ERRORS.get(setting, RateLimited)()


def spend_seat() -> None:
    """Count a new seat (a participant joining) against the client's address."""
    spend(JOINS, client_address())


def forget(setting: str, *identifiers: str) -> None:
    """Forget the failures counted under ``identifiers``."""
    try:
        limiter.limiter.clear(parse(current_app.config[setting]), setting, *identifiers)
    except Exception:  # storage down, as above
        log.warning("rate-limit storage unreachable; %s not cleared", setting, exc_info=True)


def counted(error: DomainError) -> DomainError:
    """Count a wrong join code against this client's address and against everyone.

    Return the error to answer with: the same one, or TooManyWrongCodes once either limit
    is used up. An address over its own limit does not eat into everyone's.
    """
    if not isinstance(error, WorkshopNotFound):
        return error
    if not failed(JOIN_CODES_PER_ADDRESS, client_address()) or not failed(JOIN_CODES_EVERYONE):
        return TooManyWrongCodes()
    return error


def reset() -> None:
    """Forget every count (tests; a restart does the same for the in-memory storage)."""
    if limiter.initialized:
        limiter.reset()
