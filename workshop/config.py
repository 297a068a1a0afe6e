"""Configuration: safe defaults, overridden from the environment."""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("fi", "en")


def database_url(raw: str | None, instance_path: str) -> str:
    """Return an SQLAlchemy URL: DATABASE_URL, or an SQLite file in the instance folder."""
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "toimija.db")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def secret_key(instance_path: str) -> str | None:
    """Return SECRET_KEY from the environment, else the key the run command keeps in instance/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = Path(instance_path) / "secret_key"
    if key_file.is_file():
        return key_file.read_text().strip() or None
    return None


def _whole(name: str, least: int = 1) -> dict[str, int]:
    """Return {name: its whole number} when the environment sets it."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    if not raw.isascii() or not raw.isdigit() or int(raw) < least:
        raise ValueError(f"{name} must be a whole number from {least} up, not {raw!r}")
    return {name: int(raw)}


def from_environment(instance_path: str) -> dict:
    """Collect the settings that come from the environment."""
    origins = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")]
    public_url = (os.environ.get("PUBLIC_URL") or "").rstrip("/") or None
    proxies = os.environ.get("PROXY_COUNT", "0").strip() or "0"
    if not proxies.isdigit():
        raise ValueError(f"PROXY_COUNT must be a whole number, not {proxies!r}")
    heartbeat = os.environ.get("HEARTBEAT_SECONDS", "").strip()
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL"), instance_path),
        #: Redis URL shared by all processes when the app runs as several.
        "MESSAGE_QUEUE_URL": os.environ.get("MESSAGE_QUEUE_URL") or None,
        #: The address phones use, when the machine's own address is not it (a proxy, a name).
        "PUBLIC_URL": public_url,
        #: How many reverse proxies stand in front and set X-Forwarded-* (0: none, trust none).
        "PROXY_COUNT": int(proxies),
        # Served over https: cookies never travel in clear text.
        "SESSION_COOKIE_SECURE": bool(public_url and public_url.startswith("https://")),
        "REMEMBER_COOKIE_SECURE": bool(public_url and public_url.startswith("https://")),
        #: Extra origins allowed to open a socket; empty means same origin only.
        "CORS_ALLOWED_ORIGINS": [o for o in origins if o],
        "SOCKETIO_ASYNC_MODE": os.environ.get("SOCKETIO_ASYNC_MODE") or None,
        #: Where the limits count (redis://...); unset: MESSAGE_QUEUE_URL, else memory.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or None,
        **{name: os.environ[name] for name in LIMITS if os.environ.get(name)},
        **_whole("SNAPSHOT_STORIES"),
        **_whole("DATABASE_POOL_SIZE"),
        **_whole("DATABASE_MAX_OVERFLOW", least=0),
        **_whole("DATABASE_POOL_TIMEOUT"),
        **{
            name: _number(name, os.environ[name].strip())
            for name in DATABASE_WAITS
            if os.environ.get(name, "").strip()
        },
        **{
            name: _number(name, os.environ[name].strip())
            for name in SOCKET_RATES
            if os.environ.get(name, "").strip()
        },
        **({"HEARTBEAT_SECONDS": _number("HEARTBEAT_SECONDS", heartbeat)} if heartbeat else {}),
        **_switch("VOTE_GROUP_COMMIT"),
        **{name: os.environ[name] for name in ("MAIL_URL", "MAIL_FROM") if os.environ.get(name)},
        **{
            name: _number(name, os.environ[name].strip())
            for name in ("WEBHOOK_TIMEOUT", "WEBHOOK_RETRY_SECONDS")
            if os.environ.get(name, "").strip()
        },
        **_whole("WEBHOOK_ATTEMPTS"),
    }


def _switch(name: str) -> dict[str, bool]:
    """Read an on/off setting (1/0, true/false, on/off, yes/no) if the environment has it."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return {}
    if raw not in ("1", "0", "true", "false", "on", "off", "yes", "no"):
        raise ValueError(f"{name} must be on or off (1 or 0), not {raw!r}")
    return {name: raw in ("1", "true", "on", "yes")}


def _number(name: str, raw: str) -> float:
    """Return a setting that is a number, 0 or more (seconds, a rate)."""
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also NaN
        raise ValueError(f"{name} must be a number, 0 or more, not {raw!r}")
    return value


#: Limits on failures and on volume, in Flask-Limiter's notation ("10 per minute"); each can be set
#: from the environment under its own name. See throttle.py and docs/api.md.
LIMITS = {
    #: Wrong join codes from one address; a correct code is never refused.
    "LIMIT_WRONG_CODES_PER_ADDRESS": "10 per minute",
    #: Wrong join codes from everyone together (many addresses guessing at once).
    "LIMIT_WRONG_CODES_EVERYONE": "200 per minute",
    #: Wrong passwords for one account from one browser (its device cookie) or address.
    "LIMIT_SIGN_IN_PER_ACCOUNT_AND_CLIENT": "10 per 5 minutes",
    #: Wrong sign-ins from one address, whatever the email (one password across many).
    "LIMIT_SIGN_IN_PER_ADDRESS": "30 per 10 minutes",
    #: Wrong passwords for one account from browsers it has never signed in on.
    "LIMIT_SIGN_IN_PER_ACCOUNT": "100 per hour",
    #: Stories one participant posts or changes (a real one writes a story in minutes).
    "LIMIT_STORIES_PER_PARTICIPANT": "20 per minute",
    #: Practices one participant proposes or changes.
    "LIMIT_PRACTICES_PER_PARTICIPANT": "20 per minute",
    #: Reactions one participant gives or takes back, to stories and practices together.
    "LIMIT_REACTIONS_PER_PARTICIPANT": "120 per minute",
    #: New seats (participants) from one address; a room behind one NAT shares it.
    "LIMIT_JOINS_PER_ADDRESS": "120 per minute",
    #: Socket connects of one credential (a phone, the projector key, a facilitator in one
    #: workshop): each costs a snapshot; a phone on bad Wi-Fi reconnects far less often.
    "LIMIT_SOCKET_CONNECTS_PER_CREDENTIAL": "30 per minute",
    #: A credential whose socket was disconnected for flooding stays out this long.
    "LIMIT_SOCKET_FLOODS_PER_CREDENTIAL": "1 per 2 minutes",
}

#: Per-connection limits on Socket.IO events (workshop/socket_rates.py), each settable from
#: the environment under its own name. A phone sends an event per tap.
SOCKET_RATES = {
    #: Events a connection may send at once (five quick dots and their ratings fit) ...
    "SOCKET_EVENT_BURST": 20.0,
    #: ... and per second after that, on average. 0 turns the event limits off.
    "SOCKET_EVENTS_PER_SECOND": 0.5,
    #: What an event its handler refused costs, in events: invalid ones run dry sooner.
    "SOCKET_ERROR_COST": 10.0,
    #: Snapshots one connection is sent per second, the one at connect included.
    "SOCKET_SNAPSHOTS_PER_SECOND": 1.0,
    #: Refused events within the window after which a connection is disconnected.
    "SOCKET_REFUSALS_BEFORE_DISCONNECT": 10.0,
    "SOCKET_REFUSAL_WINDOW_SECONDS": 60.0,
}

#: Bounded waits for the database (workshop/database.py), in seconds, each settable from the
#: environment under its own name. A wait that runs out is answered "busy" (503 with
#: Retry-After; a socket ack with retry_after) and the phone sends the same thing again:
#: a keynote room degrades instead of leaving handlers dead with no answer.
DATABASE_WAITS = {
    #: SQLite: how long a writer waits for the database's one write lock. A dot can wait
    #: twice (the group-commit writer's batch, then the ORM path it hands the dot to), and
    #: twice this must stay under the phone's 8 s ack timeout.
    "DATABASE_BUSY_TIMEOUT": 3.0,
    #: What a busy answer tells the client to wait before it sends the same again.
    "BUSY_RETRY_AFTER_SECONDS": 2.0,
}


DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "BABEL_DEFAULT_LOCALE": "fi",
    "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 256 * 1024,
    #: How passwords are hashed (werkzeug's method string; its default, scrypt, about
    #: 0.1 s a hash). The tests use a cheap one: hundreds of accounts, none of them real.
    "PASSWORD_HASH_METHOD": "scrypt",
    #: Pages and API answers are compressed on each request (static files once, at the
    #: highest level: workshop/static_files.py). zstd 6 takes a phone's page about 6%
    #: smaller than Flask-Compress's 3, for a quarter of a millisecond more.
    "COMPRESS_ZSTD_LEVEL": 6,
    #: Socket.IO messages (and polling POSTs) above this size are refused: the largest a
    #: client sends is a vote or a connect, under 200 bytes (docs/api.md, "Limits").
    "SOCKETIO_MAX_BUFFER": 4 * 1024,
    #: Each process sends its connections their workshop's seq at most this often, when it
    #: moved: a client that missed an event resyncs (workshop/resync.py). 0 turns it off.
    "HEARTBEAT_SECONDS": 2.0,
    #: How often a process whose message queue listener lost Redis tries again.
    "MESSAGE_QUEUE_RETRY_SECONDS": 0.5,
    "PARTICIPANT_COOKIE_MAX_AGE": 30 * 24 * 3600,
    #: Dots and ratings reach screens on this tick (at most), not one send per vote.
    "TALLY_TICK_SECONDS": 0.1,
    #: New dots are checked and inserted by one writer per process, those that arrive
    #: together in one transaction, each acked after its commit (workshop/voting/casting.py).
    #: Off: each dot in a transaction of its own, in its handler (VOTE_GROUP_COMMIT=0).
    "VOTE_GROUP_COMMIT": True,
    #: Each tally is sent once more this long after the last change (see realtime.Ticker).
    "TALLY_SETTLE_SECONDS": 1.0,
    #: The room's newest stories a phone's or the projector's snapshot carries (the rest
    #: are fetched a page at a time): what a snapshot weighs no longer grows with the room.
    "SNAPSHOT_STORIES": 100,
    #: PostgreSQL: connections each process keeps, and how many more it may open at a peak
    #: (SQLAlchemy's defaults; the server's max_connections must cover every process's sum).
    "DATABASE_POOL_SIZE": 5,
    "DATABASE_MAX_OVERFLOW": 10,
    #: PostgreSQL: how long a request waits for a pooled connection (SQLAlchemy's own
    #: default, 30 s, outlasts the phone's 8 s ack timeout, so its retries piled up). Whole
    #: seconds: Flask-SQLAlchemy makes the engine with engine_from_config, which turns
    #: pool_timeout into an int.
    "DATABASE_POOL_TIMEOUT": 2,
    #: Commitments' webhooks (workshop/followups/webhooks.py): how long a target may take,
    #: the first wait before a retry (doubling after each failure), and the attempts.
    "WEBHOOK_TIMEOUT": 5.0,
    "WEBHOOK_RETRY_SECONDS": 30.0,
    "WEBHOOK_ATTEMPTS": 8,
    #: Whether this process posts webhooks after changes (off: only `flask followups` does).
    "WEBHOOK_SENDER": True,
    #: An SMTP server for owners' links at check-ins: smtp://user:password@host:587
    #: (STARTTLS when the server offers it) or smtps://...:465. None: no mail is sent.
    "MAIL_URL": None,
    "MAIL_FROM": None,
    **DATABASE_WAITS,
    **LIMITS,
    **SOCKET_RATES,
}
