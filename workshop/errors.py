"""Domain errors, mapped once to HTTP responses, HTML pages and socket acks."""

from __future__ import annotations

import math
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from . import database
from .extensions import db


class DomainError(Exception):
    """A rule said no. Carries an HTTP status, a stable code and a translatable message."""

    status = 400
    code = "bad_request"
    message = _l("The request could not be understood.")

    def __init__(self, message: Any = None, *, fields: dict[str, Any] | None = None) -> None:
        # The message is translated late, in the language of whoever reads it.
        super().__init__(self.code)
        if message is not None:
            self.message = message
        #: Per-field messages for forms and 422 responses.
        self.fields = fields or {}

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON error body, translated into the current request's language."""
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.fields:
            body["fields"] = {name: str(msg) for name, msg in self.fields.items()}
        return {"error": body}


class MalformedRequest(DomainError):
    status = 400
    code = "malformed_request"
    message = _l("The request body is not valid JSON.")


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    message = _l("Sign in, or give a valid token.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    message = _l("You are not allowed to do that.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    message = _l("Not found.")


class WorkshopNotFound(NotFound):
    code = "workshop_not_found"
    message = _l("No open workshop has that code. Check the code on the screen.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    message = _l("That is not possible right now.")


class PhaseTransitionNotAllowed(Conflict):
    code = "phase_transition_not_allowed"
    message = _l("The workshop cannot move to that phase from where it is now.")


class ValidationFailed(DomainError):
    status = 422
    code = "validation_failed"
    message = _l("Some of the input is not valid.")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    message = _l("Too many attempts. Wait a minute and try again.")

    def __init__(self, message: Any = None, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        #: Seconds until the same request would be taken, when known.
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, Any]:
        body = super().to_dict()
        if self.retry_after is not None:
            body["error"]["retry_after"] = self.retry_after
        return body


class Busy(DomainError):
    """The database did not answer within its bounded wait (every pooled connection in
    use, or SQLite's write lock held): nothing was changed by this attempt, or the change
    was saved before the wait, and the same request (its key) lands once when sent again."""

    status = 503
    code = "busy"
    message = _l("The server is busy. Retrying…")

    def __init__(self, message: Any = None, *, retry_after: float = 2.0) -> None:
        super().__init__(message)
        #: Seconds after which the client sends the same request again.
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, Any]:
        body = super().to_dict()
        body["error"]["retry_after"] = self.retry_after
        return body


def busy_retry_after() -> float:
    """Return the seconds a busy client is told to wait (BUSY_RETRY_AFTER_SECONDS)."""
    return float(current_app.config["BUSY_RETRY_AFTER_SECONDS"])


_HTTP_CODES = {
    400: ("bad_request", _l("The request could not be understood.")),
    401: ("unauthorized", _l("Sign in, or give a valid token.")),
    403: ("forbidden", _l("You are not allowed to do that.")),
    404: ("not_found", _l("Not found.")),
    405: ("method_not_allowed", _l("That method is not allowed here.")),
    413: ("payload_too_large", _l("The request is too large.")),
    415: ("unsupported_media_type", _l("Send the body as application/json.")),
    429: ("rate_limited", _l("Too many attempts. Wait a minute and try again.")),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(error: HTTPException):
    status = error.code or 500
    code, message = _HTTP_CODES.get(status, ("error", _l("Something went wrong.")))
    if isinstance(error, CSRFError):
        # A refusal, not a malformed request: the form's token is missing, stale or foreign.
        status, code = 403, "csrf_failed"
        message = _l(
            "This form was refused for your safety: it expired or came from another page. "
            "Reload the page and try again."
        )
    if _wants_json():
        return jsonify({"error": {"code": code, "message": str(message)}}), status
    return render_template("errors/error.html", status=status, message=message), status


def domain_error_response(error: DomainError):
    """Answer a domain error: JSON under /api/, else the error page."""
    if _wants_json():
        response = jsonify(error.to_dict())
    else:
        page = render_template("errors/error.html", status=error.status, message=error.message)
        response = current_app.make_response(page)
    response.status_code = error.status
    if isinstance(error, Busy):
        # HTTP says whole seconds; the body keeps the exact figure.
        response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
    return response


def _database_error(error: Exception):
    # A bounded wait for the database ran out: 503 busy with Retry-After, not a 500.
    if not database.is_busy(error):
        raise error  # not a wait: Flask's 500 handling takes it
    db.session.rollback()  # hand the connection (if any) back before the page is built
    busy = Busy(retry_after=busy_retry_after())
    if not _wants_json():  # a page: nothing on it retries by itself
        busy.message = _l("The server is busy. Try again in a moment.")
    return domain_error_response(busy)


def _server_error(_error: Exception):
    message = gettext("Something went wrong on the server. Nothing was saved.")
    if _wants_json():
        return jsonify({"error": {"code": "server_error", "message": message}}), 500
    return render_template("errors/error.html", status=500, message=message), 500


def init_app(app: Flask) -> None:
    """Register the one mapping from errors to responses."""
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
    for error in database.WAIT_ERRORS:
        app.register_error_handler(error, _database_error)
