"""Command line: flask --app wsgi serve | purge | followups | facilitator ... (accounts, tokens)."""

from __future__ import annotations

import os
import shutil
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade

from . import ROOT
from .errors import DomainError, ValidationFailed
from .facilitators import services as facilitators
from .network import address_for_links, is_all_interfaces, is_loopback_host
from .workshops import admin

facilitator_cli = AppGroup("facilitator", help="Facilitator accounts and API tokens.")


def _fail(error: ValidationFailed) -> None:
    details = "; ".join(f"{field}: {message}" for field, message in error.fields.items())
    raise click.ClickException(f"{error.message} {details}".strip())


@facilitator_cli.command("create")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_facilitator(email: str, password: str) -> None:
    """Create a facilitator account."""
    try:
        facilitator = facilitators.create_facilitator(email, password)
    except ValidationFailed as error:
        _fail(error)
    click.echo(f"Created facilitator {facilitator.email}.")


@facilitator_cli.command("password")
@click.argument("email")
@click.option("--password", prompt="New password", hide_input=True, confirmation_prompt=True)
def reset_password(email: str, password: str) -> None:
    """Set a new password for a facilitator who has forgotten theirs."""
    facilitator = facilitators.facilitator_by_email(email)
    if facilitator is None:
        raise click.ClickException(f"No facilitator with the email {email}.")
    try:
        facilitators.set_password(facilitator.id, password)
    except ValidationFailed as error:
        _fail(error)
    click.echo(f"New password set for {facilitator.email}.")


@facilitator_cli.command("admin")
@click.argument("email")
@click.option("--remove", is_flag=True, help="Take the administrator role back.")
def name_admin(email: str, remove: bool) -> None:
    """Name an administrator (creates accounts, sees every facilitator), or --remove one."""
    facilitator = facilitators.facilitator_by_email(email)
    if facilitator is None:
        raise click.ClickException(f"No facilitator with the email {email}.")
    try:
        facilitators.set_admin(None, facilitator.id, not remove)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    state = "no longer an administrator" if remove else "an administrator"
    click.echo(f"{facilitator.email} is {state}.")


@facilitator_cli.command("token")
@click.argument("email")
@click.option("--name", default="CLI", show_default=True, help="A label for the token.")
def mint_token(email: str, name: str) -> None:
    """Mint a personal API token; it is printed once, as the last line."""
    facilitator = facilitators.facilitator_by_email(email)
    if facilitator is None:
        raise click.ClickException(f"No facilitator with the email {email}.")
    try:
        _token, raw = facilitators.mint_api_token(facilitator.id, name)
    except ValidationFailed as error:
        _fail(error)
    click.echo(f"API token for {facilitator.email} (shown once, keep it safe):")
    click.echo(raw)


def _base_url(host: str, port: int) -> str:
    """Return the address the links name: PUBLIC_URL, else where the server answers."""
    if configured := current_app.config.get("PUBLIC_URL"):
        return configured
    return f"http://{address_for_links(host)}" + ("" if port == 80 else f":{port}")


@click.command("serve")
@click.option("--host", default="0.0.0.0", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--connections",
    default=4000,
    show_default=True,
    type=int,
    envvar="SERVE_CONNECTIONS",
    help="Sockets one process holds.",
)
def serve(host: str, port: int, connections: int) -> None:
    """Apply migrations, print the addresses, and serve with gunicorn + gevent (one worker)."""
    upgrade()
    base = _base_url(host, port)
    is_public_url = bool(current_app.config.get("PUBLIC_URL"))
    is_loopback = not is_all_interfaces(host) and is_loopback_host(host)
    click.echo("")
    click.echo("  Toimija is starting.")
    if is_loopback and not is_public_url:
        click.echo(f"  It listens on {host} only: this computer can open it, phones cannot.")
        click.echo("  To let phones on this network join, serve on every interface:")
        click.echo("    bash scripts/run.sh --host 0.0.0.0")
        click.echo(f"  Open on this computer:           {base}/")
    else:
        click.echo(f"  Phones on this network join at:  {base}/")
    click.echo(f"  Facilitators sign in at:         {base}/login")
    if facilitators.needs_setup():
        token = facilitators.issue_setup_token()
        click.echo("")
        click.echo("  No facilitator account yet. Create the first one with this one-time link:")
        click.echo(f"  {base}/setup/{token}")
    click.echo("")
    click.echo("  Stop the server with Ctrl+C.")
    click.echo("")
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    argv = [
        gunicorn,
        "--worker-class",
        "gevent",
        "--workers",
        "1",
        "--worker-connections",
        str(connections),
        "--bind",
        f"{host}:{port}",
        "--chdir",
        str(ROOT),
        "--graceful-timeout",
        "5",
        "wsgi:app",
    ]
    env = {**os.environ, "SOCKETIO_ASYNC_MODE": "gevent"}
    if not is_public_url and not is_all_interfaces(host):
        # Bound to one address: the app's links and QR code name it too, not the LAN
        # address it would guess (which would refuse connections).
        env["PUBLIC_URL"] = base
    sys.stdout.flush()
    os.execvpe(argv[0], argv, env)


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@with_appcontext
def purge(dry_run: bool) -> None:
    """Delete the workshops whose retention ran out (run it daily from cron)."""
    expired = admin.purge(dry_run=dry_run)
    verb = "Would delete" if dry_run else "Deleted"
    for workshop_id, code in expired:
        click.echo(f"{verb} workshop {workshop_id} ({code}).")
    click.echo(f"{verb} {len(expired)} expired workshop(s).")


@click.command("followups")
@click.option("--today", help="The day to look at, YYYY-MM-DD (default: today).")
@click.option("--no-mail", is_flag=True, help="List only; send no mail even if MAIL_URL is set.")
@with_appcontext
def followups_command(today: str | None, no_mail: bool) -> None:
    """List the commitments due for follow-up; mail owners their links (run it daily)."""
    from datetime import date

    from .followups import due, mail, webhooks

    try:
        day = date.fromisoformat(today) if today else due.utcnow().date()
    except ValueError:
        raise click.BadParameter("give a date as YYYY-MM-DD", param_hint="--today") from None
    base = current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    sending = mail.is_configured() and not no_mail
    with current_app.test_request_context(base_url=base):
        found = due.due_on(day)
        for item in found:
            workshop = item.workshop
            click.echo(f"Workshop {workshop.id} ({workshop.code}) {workshop.title}")
            if item.check_in is not None:
                click.echo(f"  check-in {item.check_in.due_on}: {len(item.waiting)} without update")
            for practice in {p.id: p for p in item.waiting + item.overdue}.values():
                due_day = practice.commitment_due_on
                late = " OVERDUE" if due_day and due_day < day else ""
                owner = practice.commitment_owner or "-"
                email = practice.commitment_owner_email or "no email"
                link = due.link_for(practice, make=False) or "no link yet"
                click.echo(
                    f"  - {practice.title} | {owner} <{email}> | {practice.commitment_status}"
                    f" | due {due_day or '-'}{late} | {link}"
                )
            if sending:
                sent, failed = due.mail_owners(item)
                for address in sent:
                    click.echo(f"  mailed {address}")
                for address, why in failed:
                    click.echo(f"  NOT mailed {address}: {why} (tried again on the next run)")
        click.echo(f"{len(found)} workshop(s) with follow-ups due on {day}.")
        if not mail.is_configured():
            click.echo("MAIL_URL is not set: no mail sent (the follow-up pages show the links).")
        delivered = webhooks.deliver_due()
        if delivered:
            click.echo(f"{delivered} webhook delivery(ies) sent.")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(facilitator_cli)
    app.cli.add_command(serve)
    app.cli.add_command(purge)
    app.cli.add_command(followups_command)
