"""Mail to commitment owners: their link at a check-in, through the SMTP server in MAIL_URL.

No mail server is needed to run: without MAIL_URL nothing is sent and the facilitator
copies the links from the workshop's follow-up page.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from flask import current_app


class MailNotConfigured(RuntimeError):
    """MAIL_URL is not set."""


def is_configured() -> bool:
    return bool(current_app.config.get("MAIL_URL"))


def send(to: str, subject: str, text: str) -> None:
    """Send one plain-text message; raise MailNotConfigured, or smtplib's errors."""
    url = current_app.config.get("MAIL_URL")
    if not url:
        raise MailNotConfigured()
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("MAIL_URL must be smtp://host:port or smtps://host:port")
    sender = current_app.config.get("MAIL_FROM") or f"toimija@{parts.hostname}"
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(text)
    context = ssl.create_default_context()
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            parts.hostname, parts.port or 465, timeout=10, context=context
        )
    else:
        client = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=10)
    with client:
        if parts.scheme == "smtp":
            client.ehlo()
            if client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
