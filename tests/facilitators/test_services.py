"""Facilitator accounts, tokens, setup."""

import pytest
from sqlalchemy import func, select

from workshop.config import DEFAULTS
from workshop.errors import NotFound, Unauthorized, ValidationFailed
from workshop.extensions import db
from workshop.facilitators import services
from workshop.facilitators.models import Facilitator, SetupToken


def test_password_is_stored_with_a_kdf(make_configured_app):
    # The real default: the other tests hash cheaply (tests/conftest.py).
    app = make_configured_app(PASSWORD_HASH_METHOD=DEFAULTS["PASSWORD_HASH_METHOD"])
    with app.app_context():
        _check_a_kdf_is_stored()


def _check_a_kdf_is_stored() -> None:
    person = services.create_facilitator("Anna@Example.FI", "a long enough password")
    assert person.email == "anna@example.fi"
    assert person.password_hash.startswith("scrypt:32768:8:1$")
    assert "a long enough password" not in person.password_hash
    assert services.authenticate("anna@example.fi", "a long enough password").id == person.id
    assert services.authenticate("ANNA@example.fi ", "a long enough password").id == person.id
    assert services.authenticate("anna@example.fi", "wrong password!!") is None
    assert services.authenticate("nobody@example.fi", "a long enough password") is None


@pytest.mark.parametrize(
    "email, password, field",
    [
        ("not-an-email", "a long enough password", "email"),
        ("a@b.fi", "short", "password"),
        ("a@b.fi", None, "password"),
        (None, "a long enough password", "email"),
    ],
)
def test_bad_accounts_are_refused(ctx, email, password, field):
    with pytest.raises(ValidationFailed) as caught:
        services.create_facilitator(email, password)
    assert field in caught.value.fields
    assert db.session.scalar(select(func.count()).select_from(Facilitator)) == 0


def test_email_is_unique(ctx, facilitator):
    with pytest.raises(ValidationFailed) as caught:
        services.create_facilitator(facilitator.email.upper(), "a long enough password")
    assert "email" in caught.value.fields


def test_api_tokens_authenticate_until_revoked(ctx, facilitator):
    token, raw = services.mint_api_token(facilitator.id, "laptop")
    assert raw.startswith("tmj_") and token.token_digest != raw
    assert services.facilitator_for_api_token(raw).id == facilitator.id
    services.revoke_api_token(facilitator.id, token.id)
    with pytest.raises(Unauthorized):
        services.facilitator_for_api_token(raw)
    with pytest.raises(Unauthorized):
        services.facilitator_for_api_token("tmj_made_up")


def test_nobody_revokes_someone_elses_token(ctx, make_facilitator):
    owner, other = make_facilitator(), make_facilitator()
    token, raw = services.mint_api_token(owner.id, "x")
    with pytest.raises(NotFound):
        services.revoke_api_token(other.id, token.id)
    assert services.facilitator_for_api_token(raw).id == owner.id


def test_setup_token_creates_the_first_account_once(ctx):
    assert services.needs_setup()
    raw = services.issue_setup_token()
    assert services.setup_token_is_valid(raw)
    person = services.complete_setup(raw, "first@example.fi", "a long enough password")
    assert person.id and not services.needs_setup()
    assert db.session.scalar(select(func.count()).select_from(SetupToken)) == 0
    with pytest.raises(NotFound):
        services.complete_setup(raw, "second@example.fi", "a long enough password")


def test_setup_with_bad_input_keeps_the_token(ctx):
    raw = services.issue_setup_token()
    with pytest.raises(ValidationFailed):
        services.complete_setup(raw, "first@example.fi", "short")
    assert services.setup_token_is_valid(raw)


def test_setup_token_is_useless_once_an_account_exists(ctx, facilitator):
    raw = services.issue_setup_token()
    assert not services.setup_token_is_valid(raw)
