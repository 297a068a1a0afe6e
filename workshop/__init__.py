"""Toimija: real-time values workshops, from object to subject."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, Literal

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, database, errors, i18n, realtime, security, static_files, throttle
from .extensions import compress, csrf, db, login_manager, migrate, socketio

ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The app cannot start with this configuration."""


def _async_mode(app: Flask) -> Literal["threading", "eventlet", "gevent", "gevent_uwsgi"]:
    if mode := app.config.get("SOCKETIO_ASYNC_MODE"):
        return mode
    # Under gunicorn's gevent worker the standard library is already patched.
    try:
        from gevent import monkey

        if monkey.is_module_patched("socket"):
            return "gevent"
    except ImportError:  # pragma: no cover - gevent is a dependency
        pass
    return "threading"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app: config, extensions, blueprints, socket handlers."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        if not (app.testing or app.debug):
            raise ConfigurationError(
                "SECRET_KEY is not set. Set it in the environment, or start the app with "
                "scripts/run.sh, which keeps one in instance/secret_key."
            )
        app.config["SECRET_KEY"] = secrets.token_hex(32)

    database.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    compress.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    throttle.init_app(app)
    _init_login(app)
    from . import resync, socket_events, socket_limits, socket_rates

    socketio.init_app(
        app,
        async_mode=_async_mode(app),
        **resync.message_queue_options(app),
        # None is Engine.IO's default, same origin only ([] would turn the check off);
        # types-Flask-SocketIO leaves None out.
        cors_allowed_origins=app.config["CORS_ALLOWED_ORIGINS"] or None,  # type: ignore[arg-type]
        max_http_buffer_size=app.config["SOCKETIO_MAX_BUFFER"],
        manage_session=True,
        # Each connection's events run where its messages are read, one after another: a
        # flooding socket waits in its own buffer instead of costing a task per event.
        async_handlers=False,
        json=socket_events.PacketJSON,
    )
    socket_events.init_app(app)
    socket_limits.init_app(app, socketio)
    rates = socket_rates.init_app(app, socketio)
    resync.init_app(app)
    from . import activities
    from .voting import sockets as voting_sockets
    from .workshops import sockets

    sockets.register()
    voting_sockets.register()
    rates.install()  # last: in front of every handler
    ticker = realtime.init_ticker(app)
    for activity in activities.activities():  # each activity's named aggregates
        for aggregate in activity.aggregates:
            ticker.register(aggregate.name, aggregate.send)
    from .participants import services as participants
    from .posting import reactions

    # How many are in the room: one send per workshop per tick, however many join.
    ticker.register(realtime.PARTICIPANT_COUNT, participants.send_count)

    # Stories' and practices' reaction counts: one send per workshop per tick, by item.
    ticker.register(reactions.AGGREGATE, reactions.send_counts, by_part=True)
    if proxies := app.config["PROXY_COUNT"]:
        # Outermost, so Engine.IO's same-origin check sees the forwarded host and scheme too.
        # Wrapping wsgi_app is how Flask's docs add middleware; mypy sees a method replaced.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    from .api import bp as api_bp
    from .charter.views import bp as charter_bp
    from .designs.views import bp as designs_bp
    from .facilitators.views import bp as facilitators_bp
    from .followups.views import bp as followups_bp
    from .pages import bp as pages_bp
    from .participants.views import bp as participants_bp
    from .programmes.api import bp as programmes_api_bp
    from .programmes.views import bp as programmes_bp
    from .validation import IdConverter
    from .workshops.views import bp as workshops_bp

    # Every <int:...> in a route is a row id: one too large for a column is a 404, not a 500.
    app.url_map.converters["int"] = IdConverter
    csrf.exempt(api_bp)  # JSON only, bearer tokens or SameSite cookies; see docs/api.md
    app.register_blueprint(participants_bp)
    app.register_blueprint(facilitators_bp)
    app.register_blueprint(workshops_bp)
    app.register_blueprint(designs_bp)
    app.register_blueprint(api_bp)
    for activity in activities.activities():  # each activity's own API routes
        if activity.blueprint is not None:
            csrf.exempt(activity.blueprint)
            app.register_blueprint(activity.blueprint, url_prefix="/api/v1")
        if activity.pages is not None:
            app.register_blueprint(activity.pages)
    app.register_blueprint(charter_bp)
    app.register_blueprint(followups_bp)
    app.register_blueprint(programmes_bp)
    csrf.exempt(programmes_api_bp)  # as the API's: facilitator_id() guards a cookie's writes
    app.register_blueprint(programmes_api_bp)
    app.register_blueprint(pages_bp)
    # The three screens include each activity's part: templates/<key>/<screen>.html.
    activity_keys = [a.key for a in activities.activities()]
    app.jinja_env.globals["activity_keys"] = activity_keys
    static_files.init_app(app, activity_keys)
    # Each activity's name (lazy: said in the reader's language), for the flow's steps.
    app.jinja_env.globals["activity_names"] = {a.key: a.name for a in activities.activities()}
    from .stories import channels

    # The channel flag's sentences, the same for the projector's script as for exports.
    app.jinja_env.globals["channel_wordings"] = channels.wordings

    from . import cli

    cli.init_app(app)
    return app


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .facilitators.services import facilitator_for_session

    login_manager.init_app(app)
    login_manager.login_view = "facilitators.login"
    login_manager.login_message = _l("Sign in to continue.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_facilitator(user_id: str):
        # "id.epoch": a session from before the account's last sign-out opens nothing.
        return facilitator_for_session(user_id)
